using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain.Rules;

namespace IpPlatform.Eligibility.Domain.Tracks;

/// <summary>gi-brand (商标品牌培育和保护（地理标志）): the designated GI and the government behind it.</summary>
internal static class GiBrandRules
{
    public static readonly string[] Parameters =
    [
        ParameterNames.GiRegisteredMoreThanYears, ParameterNames.GiSalesHandicraftMinCny,
        ParameterNames.GiSalesOtherMinCny, ParameterNames.GiOngoingCallYearsBack,
    ];

    public static void Evaluate(RuleContext ctx)
    {
        var f = ctx.Facts;
        var gi = f.Gi ?? new GiFacts();
        ctx.Add("GI-AGE", "地理标志获批保护或注册超过规定年限", "GI protected or registered long enough before the reference date", Age(ctx, gi));
        ctx.Add("GI-SUPPORT", "政府提供经费、人员、物资保障", "government commits funds, staff and material",
            Check.Flag("facts.governmentSupportCommitted", f.GovernmentSupportCommitted));
        ctx.Add("GI-SALES", "上一年度产品销售额", "last year's sales of the GI product", Sales(ctx, gi));
        ctx.Add("GI-NO-INCIDENTS", "3 年内无重大责任事故、无严重失信", "no major accident within 3 years and no serious dishonesty",
            Check.All(Check.Flag("facts.gi.majorIncidentsWithin3Years", gi.MajorIncidentsWithin3Years, expected: false),
                Check.Flag("facts.seriousDishonesty", f.SeriousDishonesty, expected: false),
                CommonChecks.CreditRecord(ctx, [CreditEntryKind.SeriousDishonesty, CreditEntryKind.Falsification])));
        ctx.Add("GI-NOT-ONGOING", "该地理标志未在承担前两年度省级地理标志项目", "the GI is not undertaking a recent provincial GI project",
            NotOngoing(ctx, gi));
        ctx.Add("GI-UNIQUE", "设区市与县（市、区）未指定同一地理标志", "no city and county designate the same GI in this call",
            Unique(ctx, gi));
    }

    // "超过 3 年" is exclusive: registered on exactly the reference date minus 3 years does not qualify.
    private static Check Age(RuleContext ctx, GiFacts gi)
    {
        if (gi.RegistrationType is null) return Check.Missing("facts.gi.registrationType");
        if (gi.RegisteredOn is not { } on) return Check.Missing("facts.gi.registeredOn");
        var years = ctx.PInt(ParameterNames.GiRegisteredMoreThanYears);
        var reference = ctx.Call.ReferenceDate;
        var zh = $"{gi.RegistrationType} 于 {Check.Date(on)} 获批/注册，要求早于 {Check.Date(reference.AddYears(-years))}（基准日 {Check.Date(reference)} 前超过 {years} 年）";
        var en = $"{gi.RegistrationType} since {Check.Date(on)}, required before {Check.Date(reference.AddYears(-years))} (more than {years} years before the reference date {Check.Date(reference)})";
        if (on.AddYears(years) < reference) return Check.Pass(zh, en);
        // "More than N years" is strict, so the latest qualifying day is the day before reference − N years.
        var latest = reference.AddYears(-years).AddDays(-1);
        return Check.Fail(zh, en).WithGap($"于 {Check.Date(on)} 获批/注册，需不晚于 {Check.Date(latest)}（早 {on.DayNumber - latest.DayNumber} 天）",
            $"registered on {Check.Date(on)}, needs {Check.Date(latest)} or earlier ({on.DayNumber - latest.DayNumber} days earlier)");
    }

    private static Check Sales(RuleContext ctx, GiFacts gi)
    {
        var exemption = Check.Any(
            Check.Flag("facts.gi.nationalPromotionKeyProject", gi.NationalPromotionKeyProject),
            Check.Flag("facts.gi.nationalProtectionDemonstrationZone", gi.NationalProtectionDemonstrationZone));
        var main = gi.Category switch
        {
            null => Check.Missing("facts.gi.category"),
            GiCategory.Handicraft => Check.Compare($"{ctx.Call.LastYear} 年手工艺品类销售额", $"handicraft sales {ctx.Call.LastYear}",
                gi.LastYearSalesCny, Bound.AtLeast, ctx.P(ParameterNames.GiSalesHandicraftMinCny), Unit.Cny, "facts.gi.lastYearSalesCny"),
            _ => Check.Compare($"{ctx.Call.LastYear} 年销售额", $"sales {ctx.Call.LastYear}",
                gi.LastYearSalesCny, Bound.AtLeast, ctx.P(ParameterNames.GiSalesOtherMinCny), Unit.Cny, "facts.gi.lastYearSalesCny"),
        };
        return Check.WithExemption(main, exemption);
    }

    // History: the GI is not undertaking a GI project of the previous N calls (2020 and 2021 for the 2022 call).
    private static Check NotOngoing(RuleContext ctx, GiFacts gi)
    {
        if (string.IsNullOrWhiteSpace(gi.Name)) return Check.Missing("facts.gi.name");
        var back = ctx.PInt(ParameterNames.GiOngoingCallYearsBack);
        var thisCallYear = ctx.Call.LastYear + 1;
        var ongoing = ctx.History.Projects.Where(p => p.TrackId == TrackIds.GiBrand && p.Status == ProjectStatus.Ongoing &&
                p.CallYear >= thisCallYear - back && p.CallYear < thisCallYear && RuleContext.SameName(p.GiName, gi.Name))
            .Select(p => $"{p.UnitName ?? p.CreditCode} ({p.CallYear})").ToList();
        return ongoing.Count == 0
            ? Check.Pass($"“{gi.Name}”无 {thisCallYear - back}–{thisCallYear - 1} 年度在研项目",
                $"'{gi.Name}' has no ongoing project of the {thisCallYear - back}–{thisCallYear - 1} calls")
            : Check.Fail($"“{gi.Name}”正在承担项目：{string.Join("，", ongoing)}",
                $"'{gi.Name}' is undertaking: {string.Join(", ", ongoing)}");
    }

    // Across applications of the same call: a city and a county inside it may not designate the same GI.
    // [interp] Two counties designating the same GI are not caught by this rule; the clash is reported to
    // whichever of the pair is assessed after the other was submitted.
    private static Check Unique(RuleContext ctx, GiFacts gi)
    {
        if (string.IsNullOrWhiteSpace(gi.Name)) return Check.Missing("facts.gi.name");
        var others = ctx.History.SubmittedApplications.Where(a => a.CallId == ctx.Call.Id && a.TrackId == ctx.Track.Id &&
            RuleContext.SameName(a.GiName, gi.Name) && (ctx.Applicant.CreditCode is null || a.CreditCode != ctx.Applicant.CreditCode)).ToList();
        if (others.Count == 0)
            return Check.Pass($"本年度无其他申报指定“{gi.Name}”", $"no other application of this call designates '{gi.Name}'");
        var clashes = new List<string>();
        var undecided = false;
        foreach (var other in others)
        {
            var clash = CityCountyPair(ctx.Kind, ctx.Applicant.RegionCode, other.Kind, other.RegionCode);
            if (clash is null) undecided = true;
            else if (clash.Value) clashes.Add($"{other.ApplicationId} ({other.Kind}, {other.RegionCode})");
        }
        if (clashes.Count > 0)
            return Check.Fail($"设区市与县（市、区）指定同一地理标志“{gi.Name}”：{string.Join("，", clashes)}",
                $"a city and a county designate the same GI '{gi.Name}': {string.Join(", ", clashes)}");
        return undecided
            ? Check.Unknown($"另有申报指定“{gi.Name}”，但申报主体类型或地区代码缺失",
                $"another application designates '{gi.Name}' but a kind or region code is missing")
            : Check.Pass($"指定“{gi.Name}”的其他申报不构成市县重复", $"other applications designating '{gi.Name}' are not a city–county pair");
    }

    private static bool? CityCountyPair(ApplicantKind? kindA, string? regionA, ApplicantKind? kindB, string? regionB)
    {
        if (kindA is null || kindB is null || !RuleContext.IsRegionCode(regionA) || !RuleContext.IsRegionCode(regionB)) return null;
        return (kindA, kindB) switch
        {
            (ApplicantKind.CityGovernment, ApplicantKind.CountyGovernment) => Regions.CityOf(regionB) == regionA,
            (ApplicantKind.CountyGovernment, ApplicantKind.CityGovernment) => Regions.CityOf(regionA) == regionB,
            _ => false,
        };
    }
}
