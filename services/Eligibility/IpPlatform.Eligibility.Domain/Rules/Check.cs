using System.Globalization;

namespace IpPlatform.Eligibility.Domain.Rules;

/// <summary>How a figure is compared with its bound.</summary>
internal enum Bound
{
    /// <summary>≥ (以上, 不低于, 不少于).</summary>
    AtLeast,
    /// <summary>&gt; (超过).</summary>
    MoreThan,
    /// <summary>≤, used for ranks ("top N").</summary>
    WithinTop,
}

/// <summary>How a figure is printed in messages.</summary>
internal enum Unit { Count, Cny, Share, Average }

/// <summary>
/// Three-valued partial result of a rule with its explanation in both languages. Rules are written by
/// composing checks (<see cref="All"/>, <see cref="Any"/>, <see cref="WithExemption"/>) so that absence of
/// a fact propagates as Unknown instead of a silent pass.
/// </summary>
internal readonly record struct Check(RuleResult Result, string Zh, string En)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What would change the result: for a failure the shortfall in the rule's own terms, for an
    /// unknown the facts to declare; null when it cannot be stated.</summary>
    public string? GapZh { get; init; }
    /// <summary>The same in English.</summary>
    public string? GapEn { get; init; }

    public Check WithGap(string? zh, string? en) => this with { GapZh = zh, GapEn = en };

    public static Check Pass(string zh, string en) => new(RuleResult.Pass, zh, en);
    public static Check Fail(string zh, string en) => new(RuleResult.Fail, zh, en);
    public static Check Unknown(string zh, string en) => new(RuleResult.Unknown, zh, en);
    public static Check Missing(string path) => Unknown($"缺少 {path}", $"{path} is missing").WithGap($"需申报 {path}", $"declare {path}");

    /// <summary>A declared yes/no fact that must equal <paramref name="expected"/>.</summary>
    public static Check Flag(string path, bool? value, bool expected = true)
    {
        if (value is null) return Missing(path);
        var text = $"{path} = {(value.Value ? "true" : "false")}";
        return value == expected ? Pass(text, text) : Fail(text, text);
    }

    /// <summary>Compares a figure with a bound; Unknown when the figure is absent.</summary>
    public static Check Compare(string zhSubject, string enSubject, decimal? actual, Bound bound, decimal limit, Unit unit, string? path = null)
    {
        if (actual is not { } a)
            return Unknown($"{zhSubject}未知（缺少数据）", $"{enSubject} is unknown (figure missing)")
                .WithGap($"需申报 {path ?? zhSubject}", $"declare {path ?? enSubject}");
        var met = bound switch
        {
            Bound.AtLeast => a >= limit,
            Bound.MoreThan => a > limit,
            _ => a <= limit,
        };
        var (zhBound, enBound) = bound switch
        {
            Bound.AtLeast => ("要求不低于", "required at least"),
            Bound.MoreThan => ("要求超过", "required more than"),
            _ => ("要求位居前", "required within the top"),
        };
        var zh = $"{zhSubject}为{Format(a, unit, zh: true)}，{zhBound}{Format(limit, unit, zh: true)}";
        var en = $"{enSubject} {Format(a, unit, zh: false)}, {enBound} {Format(limit, unit, zh: false)}";
        return met ? Pass(zh, en) : Fail(zh, en).WithGap(GapZhOf(zhSubject, a, bound, limit, unit), GapEnOf(enSubject, a, bound, limit, unit));
    }

    /// <summary>The least increase of a figure that meets the bound: whole units for counts, cents for amounts.</summary>
    public static decimal Shortfall(decimal actual, Bound bound, decimal limit, Unit unit)
    {
        var step = unit == Unit.Count ? 1m : 0.01m;
        var target = bound == Bound.MoreThan ? decimal.Floor(limit / step) * step + step : Ceiling(limit, step);
        return Math.Max(0m, target - actual);
    }

    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="step"/>.</summary>
    public static decimal Ceiling(decimal value, decimal step) => decimal.Ceiling(value / step) * step;

    /// <summary>An amount in the gap sentences, e.g. ¥10,000.</summary>
    public static string Yuan(decimal value) => "¥" + value.ToString("#,0.##", Inv);

    private static string GapZhOf(string subject, decimal actual, Bound bound, decimal limit, Unit unit) => bound switch
    {
        Bound.WithinTop => $"需提升 {Format(actual - limit, Unit.Count, zh: true)} 位，进入前 {Format(limit, Unit.Count, zh: true)} 名",
        _ when unit == Unit.Cny => $"{subject}还需增加 {Yuan(Shortfall(actual, bound, limit, unit))}",
        _ => $"{subject}还需增加 {Format(Shortfall(actual, bound, limit, unit), unit, zh: true)}",
    };

    private static string GapEnOf(string subject, decimal actual, Bound bound, decimal limit, Unit unit) => bound switch
    {
        Bound.WithinTop => $"ranked {Ordinal(actual)}, top {Format(limit, Unit.Count, zh: false)} needed: {Format(actual - limit, Unit.Count, zh: false)} places higher",
        _ when unit == Unit.Cny => $"{Yuan(Shortfall(actual, bound, limit, unit))} more {subject}",
        _ => $"{Format(Shortfall(actual, bound, limit, unit), unit, zh: false)} more {subject}",
    };

    public static string Ordinal(decimal n)
    {
        var i = (long)n;
        var suffix = (i % 100) is 11 or 12 or 13 ? "th" : (i % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return i.ToString(Inv) + suffix;
    }

    /// <summary>Compares numerator/denominator with a minimum share; Unknown when either is absent or the denominator is not positive.</summary>
    /// <remarks>A failure's gap is the numerator's shortfall in CNY (<paramref name="zhNumerator"/>, e.g. 2021 年研发费用):
    /// what the numerator must grow by, the denominator unchanged.</remarks>
    public static Check ShareAtLeast(string zhSubject, string enSubject, decimal? numerator, decimal? denominator, decimal min,
        string numeratorPath, string denominatorPath, string zhNumerator, string enNumerator)
    {
        if (numerator is null) return Missing(numeratorPath);
        if (denominator is null) return Missing(denominatorPath);
        if (denominator <= 0)
            return Unknown($"{denominatorPath} 为 0，无法计算比例", $"{denominatorPath} is 0, the share cannot be computed")
                .WithGap($"需申报大于 0 的 {denominatorPath}", $"declare a positive {denominatorPath}");
        var check = Compare(zhSubject, enSubject, numerator / denominator, Bound.AtLeast, min, Unit.Share);
        if (check.Result != RuleResult.Fail) return check;
        var more = Math.Max(0.01m, Ceiling(min * denominator.Value - numerator.Value, 0.01m));
        return check.WithGap($"{zhNumerator}还需增加 {Yuan(more)}（达到 {Format(min, Unit.Share, zh: true)}）",
            $"{Yuan(more)} more {enNumerator} (to reach {Format(min, Unit.Share, zh: false)})");
    }

    /// <summary>Every part must pass: Fail if any fails, else Unknown if any is unknown, else Pass.</summary>
    public static Check All(params ReadOnlySpan<Check> parts)
    {
        var result = RuleResult.Pass;
        foreach (var p in parts)
        {
            if (p.Result == RuleResult.Fail) result = RuleResult.Fail;
            else if (p.Result == RuleResult.Unknown && result == RuleResult.Pass) result = RuleResult.Unknown;
        }
        // Explain with the parts that decided the result (all of them when it passes).
        return Join(result, parts, p => result == RuleResult.Pass || p.Result == result, "；", "; ");
    }

    /// <summary>At least one part must pass: Pass if any passes, else Unknown if any is unknown, else Fail.</summary>
    public static Check Any(params ReadOnlySpan<Check> parts)
    {
        var result = RuleResult.Fail;
        foreach (var p in parts)
        {
            if (p.Result == RuleResult.Pass) result = RuleResult.Pass;
            else if (p.Result == RuleResult.Unknown && result == RuleResult.Fail) result = RuleResult.Unknown;
        }
        // Any one branch would do, so the gaps are alternatives.
        return Join(result, parts, p => result != RuleResult.Pass || p.Result == RuleResult.Pass, "；或", "; or ");
    }

    /// <summary>
    /// Exempt when the exemption holds; otherwise the main check, except that a main check that does not
    /// pass is only Unknown while the exemption is undecided.
    /// </summary>
    public static Check WithExemption(Check main, Check exemption)
    {
        if (exemption.Result == RuleResult.Pass)
            return new(RuleResult.Exempt, exemption.Zh, exemption.En);
        if (main.Result == RuleResult.Pass || exemption.Result != RuleResult.Unknown)
            return main;
        return Unknown($"{main.Zh}；豁免条件未知：{exemption.Zh}", $"{main.En}; exemption undecided: {exemption.En}")
            .WithGap(JoinGaps(exemption.GapZh, main.GapZh, "；或"), JoinGaps(exemption.GapEn, main.GapEn, "; or "));
    }

    /// <summary>The finding of rule <paramref name="ruleId"/>, headed by what the rule requires.</summary>
    public Finding ToFinding(string ruleId, string zhTitle, string enTitle)
    {
        var (zhWord, enWord) = Result switch
        {
            RuleResult.Pass => ("符合", "Met"),
            RuleResult.Fail => ("不符合", "Not met"),
            RuleResult.Exempt => ("免予适用", "Exempt"),
            _ => ("无法判断", "Cannot decide"),
        };
        // A passing or exempt rule needs nothing more.
        var gap = Result is RuleResult.Fail or RuleResult.Unknown;
        return new Finding(ruleId, Result, $"{zhWord}【{zhTitle}】：{Zh}。", $"{enWord} — {enTitle}: {En}.")
        {
            GapZh = gap ? GapZh : null,
            GapEn = gap ? GapEn : null,
        };
    }

    public static string Format(decimal value, Unit unit, bool zh) => unit switch
    {
        Unit.Share => (value * 100m).ToString("0.00", Inv) + (zh ? "%" : " %"),
        Unit.Cny => value.ToString("#,0.##", Inv) + (zh ? " 元" : " CNY"),
        Unit.Average => value.ToString("0.##", Inv),
        _ => value.ToString("0.##", Inv),
    };

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static Check Join(RuleResult result, ReadOnlySpan<Check> parts, Func<Check, bool> include, string zhGapSeparator, string enGapSeparator)
    {
        var zh = new List<string>(parts.Length);
        var en = new List<string>(parts.Length);
        var zhGaps = new List<string>();
        var enGaps = new List<string>();
        foreach (var p in parts)
        {
            if (!include(p)) continue;
            zh.Add(p.Zh);
            en.Add(p.En);
            if (p.GapZh is not null) zhGaps.Add(p.GapZh);
            if (p.GapEn is not null) enGaps.Add(p.GapEn);
        }
        return new Check(result, string.Join("；", zh), string.Join("; ", en))
        {
            GapZh = zhGaps.Count > 0 ? string.Join(zhGapSeparator, zhGaps) : null,
            GapEn = enGaps.Count > 0 ? string.Join(enGapSeparator, enGaps) : null,
        };
    }

    private static string? JoinGaps(string? a, string? b, string separator) =>
        a is null ? b : b is null ? a : a + separator + b;
}
