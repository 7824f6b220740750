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

    public static Check Pass(string zh, string en) => new(RuleResult.Pass, zh, en);
    public static Check Fail(string zh, string en) => new(RuleResult.Fail, zh, en);
    public static Check Unknown(string zh, string en) => new(RuleResult.Unknown, zh, en);
    public static Check Missing(string path) => Unknown($"缺少 {path}", $"{path} is missing");

    /// <summary>A declared yes/no fact that must equal <paramref name="expected"/>.</summary>
    public static Check Flag(string path, bool? value, bool expected = true)
    {
        if (value is null) return Missing(path);
        var text = $"{path} = {(value.Value ? "true" : "false")}";
        return value == expected ? Pass(text, text) : Fail(text, text);
    }

    /// <summary>Compares a figure with a bound; Unknown when the figure is absent.</summary>
    public static Check Compare(string zhSubject, string enSubject, decimal? actual, Bound bound, decimal limit, Unit unit)
    {
        if (actual is not { } a)
            return Unknown($"{zhSubject}未知（缺少数据）", $"{enSubject} is unknown (figure missing)");
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
        return met ? Pass(zh, en) : Fail(zh, en);
    }

    /// <summary>Compares numerator/denominator with a minimum share; Unknown when either is absent or the denominator is not positive.</summary>
    public static Check ShareAtLeast(string zhSubject, string enSubject, decimal? numerator, decimal? denominator, decimal min,
        string numeratorPath, string denominatorPath)
    {
        if (numerator is null) return Missing(numeratorPath);
        if (denominator is null) return Missing(denominatorPath);
        if (denominator <= 0)
            return Unknown($"{denominatorPath} 为 0，无法计算比例", $"{denominatorPath} is 0, the share cannot be computed");
        return Compare(zhSubject, enSubject, numerator / denominator, Bound.AtLeast, min, Unit.Share);
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
        return Join(result, parts, p => result == RuleResult.Pass || p.Result == result);
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
        return Join(result, parts, p => result != RuleResult.Pass || p.Result == RuleResult.Pass);
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
        return Unknown($"{main.Zh}；豁免条件未知：{exemption.Zh}", $"{main.En}; exemption undecided: {exemption.En}");
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
        return new Finding(ruleId, Result, $"{zhWord}【{zhTitle}】：{Zh}。", $"{enWord} — {enTitle}: {En}.");
    }

    public static string Format(decimal value, Unit unit, bool zh) => unit switch
    {
        Unit.Share => (value * 100m).ToString("0.00", Inv) + (zh ? "%" : " %"),
        Unit.Cny => value.ToString("#,0.##", Inv) + (zh ? " 元" : " CNY"),
        Unit.Average => value.ToString("0.##", Inv),
        _ => value.ToString("0.##", Inv),
    };

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static Check Join(RuleResult result, ReadOnlySpan<Check> parts, Func<Check, bool> include)
    {
        var zh = new List<string>(parts.Length);
        var en = new List<string>(parts.Length);
        foreach (var p in parts)
        {
            if (!include(p)) continue;
            zh.Add(p.Zh);
            en.Add(p.En);
        }
        return new Check(result, string.Join("；", zh), string.Join("; ", en));
    }
}
