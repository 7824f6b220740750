using IpPlatform.Contracts.Applications;
using IpPlatform.Eligibility.Domain.Rules;

namespace IpPlatform.Eligibility.Domain.Tracks;

/// <summary>industrial-brand (商标品牌培育和保护（工业品牌）): an enterprise's standing, IP system, brand and R&amp;D.</summary>
internal static class IndustrialBrandRules
{
    public static readonly string[] Parameters =
    [
        ParameterNames.ProfitTaxMinCny, ParameterNames.IpStaffMin, ParameterNames.IpCostShareOfRdMin,
        ParameterNames.TrademarkUseMinYears, ParameterNames.RdShareOfSalesMin, ParameterNames.InventionPatentsMin,
    ];

    public static void Evaluate(RuleContext ctx)
    {
        var f = ctx.Facts;
        ctx.Add("IB-INDUSTRY", "属于战略性新兴产业、先进制造业集群或重点产业链", "in a strategic emerging industry, cluster or key chain",
            Check.Flag("facts.inKeyIndustry", f.InKeyIndustry));
        ctx.Add("IB-LEADING", "链主企业或行业龙头、骨干企业", "chain-leader or leading/backbone enterprise",
            Check.Flag("facts.chainLeaderOrLeading", f.ChainLeaderOrLeading));
        ctx.Add("IB-PROFIT-TAX", "上一年度利税总额", "last year's profit plus tax",
            Check.WithExemption(CommonChecks.ProfitTax(ctx, [ctx.Call.LastYear]), CommonChecks.ChampionExemption(ctx)));
        ctx.Add("IB-IP-SYSTEM", "贯标、独立知识产权管理机构及管理人员", "IP standard, independent IP department and IP staff",
            Check.All(Check.Flag("facts.ipStandardImplemented", f.IpStandardImplemented),
                Check.Flag("facts.independentIpDepartment", f.IndependentIpDepartment), CommonChecks.IpStaff(ctx)));
        ctx.Add("IB-IP-COST", "上一年度知识产权费用占研发费用比例", "last year's IP spending as share of R&D", CommonChecks.IpCostShare(ctx));
        ctx.Add("IB-TRADEMARK", "拥有有效注册商标且至少一件持续使用满规定年限", "owns a valid registered trademark used continuously long enough",
            Trademark(ctx));
        ctx.Add("IB-MARKET", "自主品牌产品市场占有率居全国前列", "own-brand products among the national market leaders",
            Check.Flag("facts.nationalMarketLeader", f.NationalMarketLeader));
        ctx.Add("IB-RD", "上一年度研发费用占销售收入比例", "last year's R&D spending as share of sales",
            CommonChecks.LastYearShare(ctx, "研发费用占销售收入比例", "R&D as share of sales", ctx.P(ParameterNames.RdShareOfSalesMin),
                y => y.RdCny, "rdCny", y => y.SalesCny, "salesCny", "研发费用", "R&D spending"));
        ctx.Add("IB-INVENTION", "拥有有效发明专利", "owns valid invention patents",
            Check.Compare("有效发明专利数", "valid invention patents", f.ValidInventionPatents, Bound.AtLeast,
                ctx.P(ParameterNames.InventionPatentsMin), Unit.Count, "facts.validInventionPatents"));
        ctx.Add("IB-INTEGRITY", "无严重失信、无非正常专利申请", "no serious dishonesty, no abnormal patent applications",
            CommonChecks.Integrity(ctx, academic: false));
        ctx.Add("IB-NOT-UNDERTAKING", "未在承担省知识产权战略推进计划项目（含尾款未拨付）",
            "not undertaking a provincial IP strategy programme project (incl. unpaid final tranche)", NotUndertaking(ctx));
    }

    // A valid trademark (valid on the reference date) in continuous use for at least N years; both must hold
    // for the same mark. Unknown when some mark could qualify but lacks a date.
    private static Check Trademark(RuleContext ctx)
    {
        if (ctx.Facts.Trademarks is not { } marks) return Check.Missing("facts.trademarks");
        if (marks.Count == 0) return Check.Fail("未申报注册商标", "no registered trademark declared")
            .WithGap("需拥有有效注册商标", "needs a valid registered trademark");
        var years = ctx.PInt(ParameterNames.TrademarkUseMinYears);
        var reference = ctx.Call.ReferenceDate;
        var usedSince = reference.AddYears(-years);
        var undecided = false;
        foreach (var m in marks)
        {
            if (m is null) continue;
            bool? valid = m.ValidUntil is { } until ? until >= reference : null;
            bool? used = m.InUseSince is { } since ? since <= usedSince : null;
            if (valid == true && used == true)
                return Check.Pass($"商标 {m.RegistrationNo} 有效至 {Check.Date(m.ValidUntil!.Value)}，自 {Check.Date(m.InUseSince!.Value)} 起使用（要求不晚于 {Check.Date(usedSince)}）",
                    $"trademark {m.RegistrationNo} valid until {Check.Date(m.ValidUntil!.Value)}, in use since {Check.Date(m.InUseSince!.Value)} (required {Check.Date(usedSince)} or earlier)");
            if (valid != false && used != false) undecided = true;
        }
        if (undecided)
            return Check.Unknown($"商标有效期或使用起始日缺失，无法判断是否有商标有效且使用满 {years} 年",
                $"a trademark's validity or start of use is missing; cannot tell whether one is valid and used {years} years or more")
                .WithGap("需申报商标的 validUntil 和 inUseSince", "declare the trademarks' validUntil and inUseSince");
        var fail = Check.Fail($"无有效且自 {Check.Date(usedSince)} 前持续使用（满 {years} 年）的商标",
            $"no trademark valid on {Check.Date(reference)} and in use since {Check.Date(usedSince)} or earlier ({years} years)");
        // The gap is told of the valid mark in use the longest; without a valid mark only a plain sentence is possible.
        var best = marks.Where(m => m?.ValidUntil >= reference && m.InUseSince is not null).OrderBy(m => m!.InUseSince).FirstOrDefault();
        if (best is null) return fail.WithGap($"需有在 {Check.Date(reference)} 有效的注册商标", $"needs a registered trademark valid on {Check.Date(reference)}");
        var bestSince = best.InUseSince!.Value;
        var usedYears = FullYears(bestSince, reference);
        return fail.WithGap($"商标 {best.RegistrationNo} 已使用 {usedYears} 年，需满 {years} 年（需不晚于 {Check.Date(usedSince)} 开始使用，现为 {Check.Date(bestSince)}）",
            $"trademark {best.RegistrationNo} used {usedYears} years, {years} needed (in use since {Check.Date(bestSince)}; {Check.Date(usedSince)} or earlier needed)");
    }

    private static int FullYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return from.AddYears(years) > to ? years - 1 : years;
    }

    // History: any open project of the provincial IP strategy programme (every project the platform records
    // belongs to that programme).
    private static Check NotUndertaking(RuleContext ctx)
    {
        if (ctx.Applicant.CreditCode is null) return Check.Missing("applicant.creditCode");
        var open = ctx.OwnProjects().Where(p => p.IsOpen())
            .Select(p => $"{p.TrackId} {p.CallYear} ({p.Status}{(p.Status == ProjectStatus.Accepted ? ", 尾款未拨付/final tranche unpaid" : "")})")
            .ToList();
        return open.Count == 0
            ? Check.Pass("平台记录中无在研项目", "no open project in the platform's records")
            : Check.Fail("正在承担：" + string.Join("，", open), "undertaking: " + string.Join(", ", open));
    }
}
