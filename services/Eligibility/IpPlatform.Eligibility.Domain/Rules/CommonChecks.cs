namespace IpPlatform.Eligibility.Domain.Rules;

/// <summary>Checks shared by several tracks, so each wording and figure is computed in one place.</summary>
internal static class CommonChecks
{
    private static readonly CreditEntryKind[] CorporateCreditKinds =
        [CreditEntryKind.Falsification, CreditEntryKind.SeriousDishonesty, CreditEntryKind.AbnormalPatentApplications];
    private static readonly CreditEntryKind[] InstitutionCreditKinds = [.. CorporateCreditKinds, CreditEntryKind.AcademicMisconduct];

    /// <summary>No serious dishonesty, no abnormal patent applications (and no academic misconduct for
    /// institutions), as declared and as recorded in the platform's credit records.</summary>
    public static Check Integrity(RuleContext ctx, bool academic)
    {
        var f = ctx.Facts;
        var declared = academic
            ? Check.All(
                Check.Flag("facts.seriousDishonesty", f.SeriousDishonesty, expected: false),
                Check.Flag("facts.abnormalPatentApplications", f.AbnormalPatentApplications, expected: false),
                Check.Flag("facts.academicMisconduct", f.AcademicMisconduct, expected: false))
            : Check.All(
                Check.Flag("facts.seriousDishonesty", f.SeriousDishonesty, expected: false),
                Check.Flag("facts.abnormalPatentApplications", f.AbnormalPatentApplications, expected: false));
        return Check.All(declared, CreditRecord(ctx, academic ? InstitutionCreditKinds : CorporateCreditKinds));
    }

    /// <summary>History: no active entry of the given kinds in the applicant's credit record at the reference date.</summary>
    public static Check CreditRecord(RuleContext ctx, IReadOnlyCollection<CreditEntryKind> kinds)
    {
        if (ctx.Applicant.CreditCode is not { } code)
            return Check.Unknown("缺少 applicant.creditCode，无法查询信用记录",
                "applicant.creditCode is missing, the credit record cannot be looked up");
        var hits = ctx.History.CreditEntries
            .Where(e => e.CreditCode == code && kinds.Contains(e.Kind) && e.IsActiveOn(ctx.Call.ReferenceDate))
            .Select(e => $"{e.Kind} ({Check.Date(e.RecordedOn)})")
            .ToList();
        return hits.Count == 0
            ? Check.Pass("平台信用记录无不良记录", "no adverse entry in the platform's credit record")
            : Check.Fail("平台信用记录：" + string.Join("，", hits), "credit record: " + string.Join(", ", hits));
    }

    /// <summary>Last year's share numerator/denominator of the yearly figures, at least <paramref name="min"/>.</summary>
    public static Check LastYearShare(RuleContext ctx, string zhWhat, string enWhat, decimal min,
        Func<Contracts.Applications.YearFigures, decimal?> numerator, string numeratorField,
        Func<Contracts.Applications.YearFigures, decimal?> denominator, string denominatorField, string zhNumerator, string enNumerator) =>
        YearShare(ctx, ctx.Call.LastYear, zhWhat, enWhat, min, numerator, numeratorField, denominator, denominatorField, zhNumerator, enNumerator);

    /// <summary>A year's share numerator/denominator of the yearly figures, at least <paramref name="min"/>.</summary>
    public static Check YearShare(RuleContext ctx, int year, string zhWhat, string enWhat, decimal min,
        Func<Contracts.Applications.YearFigures, decimal?> numerator, string numeratorField,
        Func<Contracts.Applications.YearFigures, decimal?> denominator, string denominatorField, string zhNumerator, string enNumerator)
    {
        var y = ctx.Year(year);
        if (y is null) return Check.Missing($"facts.years[year={year}]");
        return Check.ShareAtLeast($"{year} 年{zhWhat}", $"{enWhat} in {year}", numerator(y), denominator(y), min,
            $"facts.years[year={year}].{numeratorField}", $"facts.years[year={year}].{denominatorField}",
            $"{year} 年{zhNumerator}", $"{enNumerator} in {year}");
    }

    /// <summary>Last year's IP spending as a share of R&amp;D spending.</summary>
    public static Check IpCostShare(RuleContext ctx) => LastYearShare(ctx, "知识产权费用占研发费用比例",
        "IP spending as share of R&D", ctx.P(ParameterNames.IpCostShareOfRdMin),
        y => y.IpCostCny, "ipCostCny", y => y.RdCny, "rdCny", "知识产权费用", "IP spending");

    /// <summary>Profit plus tax of each given year at least the track's minimum.</summary>
    public static Check ProfitTax(RuleContext ctx, IEnumerable<int> years)
    {
        var min = ctx.P(ParameterNames.ProfitTaxMinCny);
        var parts = years.Select(year => ctx.Year(year) is { } y
            ? Check.Compare($"{year} 年利税总额", $"profit and tax in {year}", y.ProfitTaxCny, Bound.AtLeast, min, Unit.Cny,
                $"facts.years[year={year}].profitTaxCny")
            : Check.Missing($"facts.years[year={year}]")).ToArray();
        return Check.All(parts);
    }

    /// <summary>Exemption for a national manufacturing single champion or "little giant".</summary>
    public static Check ChampionExemption(RuleContext ctx) => Check.Any(
        Check.Flag("facts.nationalSingleChampion", ctx.Facts.NationalSingleChampion),
        Check.Flag("facts.littleGiant", ctx.Facts.LittleGiant));

    /// <summary>IP staff at least the track's minimum.</summary>
    public static Check IpStaff(RuleContext ctx) => Check.Compare("知识产权管理人员数", "IP staff", ctx.Facts.IpStaff,
        Bound.AtLeast, ctx.P(ParameterNames.IpStaffMin), Unit.Count, "facts.ipStaff");

    /// <summary>Average of a yearly count or amount over the recent years; Unknown unless every year is given.</summary>
    public static Check AverageMoreThan(RuleContext ctx, string zhWhat, string enWhat, string field,
        Func<Contracts.Applications.YearFigures, decimal?> select, decimal moreThan, Unit unit)
    {
        var years = ctx.RecentYears();
        var missing = years.Where(year => ctx.Year(year) is not { } y || select(y) is null)
            .Select(year => $"facts.years[year={year}].{field}").ToList();
        var span = $"{years[0]}–{years[^1]}";
        if (missing.Count > 0)
            return Check.Unknown($"{span} 年均{zhWhat}无法计算：缺少 {string.Join("，", missing)}",
                $"average {enWhat} {span} cannot be computed: missing {string.Join(", ", missing)}")
                .WithGap($"需申报 {string.Join("，", missing)}", $"declare {string.Join(", ", missing)}");
        var total = years.Sum(year => select(ctx.Year(year)!)!.Value);
        var average = total / years.Length;
        var check = Check.Compare($"{span} 年均{zhWhat}", $"average {enWhat} {span}", average, Bound.MoreThan, moreThan, unit);
        if (check.Result != RuleResult.Fail) return check;
        // The average is over fixed years, so the shortfall is stated on the total: counts are whole, amounts in cents.
        var needed = Check.Shortfall(total, Bound.MoreThan, moreThan * years.Length, unit == Unit.Cny ? Unit.Cny : Unit.Count);
        var amount = unit == Unit.Cny ? Check.Yuan(needed) : Check.Format(needed, Unit.Count, zh: false);
        return check.WithGap($"{span} 年{zhWhat}合计还需增加 {amount}（合计需超过 {Check.Format(moreThan * years.Length, unit, zh: true)}）",
            $"{amount} more {enWhat} over {span} (the total must exceed {Check.Format(moreThan * years.Length, unit, zh: false)})");
    }
}
