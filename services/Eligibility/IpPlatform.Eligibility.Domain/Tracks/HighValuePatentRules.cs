using IpPlatform.Contracts.Applications;
using IpPlatform.Eligibility.Domain.Rules;

namespace IpPlatform.Eligibility.Domain.Tracks;

/// <summary>hvp-new and hvp-upgrade (高价值专利培育): lead-unit conditions, patent counts and the history rules.</summary>
internal static class HighValuePatentRules
{
    public static readonly string[] NewParameters =
    [
        ParameterNames.RecentYears, ParameterNames.RdShareOfSalesMin, ParameterNames.RdShareEachYear,
        ParameterNames.IpCostShareOfRdMin, ParameterNames.ProfitTaxMinCny, ParameterNames.IpStaffMin,
        ParameterNames.PatentsMin, ParameterNames.InventionPatentsMin, ParameterNames.PctWeight,
        ParameterNames.AwardHalvingFactor, ParameterNames.KeyLaboratoryHalves,
    ];

    public static readonly string[] UpgradeParameters = [ParameterNames.HvpAcceptedBeforeYear];

    private static readonly string[] HvpTracks = [TrackIds.HvpNew, TrackIds.HvpUpgrade];

    public static void EvaluateNew(RuleContext ctx)
    {
        var f = ctx.Facts;
        if (ctx.KindAdmitted && ctx.Kind == ApplicantKind.Enterprise)
        {
            ctx.Add("HVPN-ENT-LEADING", "行业龙头、领军企业且正在承担重大科技攻关或关键核心技术研发",
                "R&D leader undertaking a major S&T project or key core-technology R&D with results",
                Check.All(Check.Flag("facts.chainLeaderOrLeading", f.ChainLeaderOrLeading),
                    Check.Flag("facts.majorProjectUnderway", f.MajorProjectUnderway)));
            ctx.Add("HVPN-ENT-RD", "近三年研发费用占销售收入比例", "R&D spending as share of sales over the last three years", RdShare(ctx));
            ctx.Add("HVPN-ENT-IP-COST", "上一年度知识产权费用占研发费用比例", "last year's IP spending as share of R&D", CommonChecks.IpCostShare(ctx));
            ctx.Add("HVPN-ENT-PROFIT-TAX", "近三年利税总额均不低于规定数额", "profit plus tax in each of the last three years",
                Check.WithExemption(CommonChecks.ProfitTax(ctx, ctx.RecentYears()), CommonChecks.ChampionExemption(ctx)));
            ctx.Add("HVPN-ENT-IP-SYSTEM", "独立知识产权管理机构及管理人员", "independent IP department and IP staff",
                Check.All(Check.Flag("facts.independentIpDepartment", f.IndependentIpDepartment), CommonChecks.IpStaff(ctx)));
            ctx.Add("HVPN-PATENTS", "有效专利或有效发明专利数量", "valid patents or valid invention patents", Patents(ctx));
            ctx.Add("HVPN-INTEGRITY", "无严重失信、无非正常专利申请", "no serious dishonesty, no abnormal patent applications",
                CommonChecks.Integrity(ctx, academic: false));
        }
        else if (ctx.KindAdmitted && ctx.Kind is not null)
        {
            ctx.Add("HVPN-INST-LEADING", "国际领先、拥有重点研发平台、承担重大项目并建立产学研合作机制",
                "internationally leading, key platform, major project and cooperation mechanism",
                Check.All(Check.Flag("facts.internationallyLeading", f.InternationallyLeading),
                    Check.Flag("facts.keyPlatform", f.KeyPlatform),
                    Check.Flag("facts.majorProjectUnderway", f.MajorProjectUnderway),
                    Check.Flag("facts.cooperationMechanism", f.CooperationMechanism)));
            ctx.Add("HVPN-INST-FUNDING", "拥有稳定的研发经费来源", "stable R&D funding", Check.Flag("facts.stableRdFunding", f.StableRdFunding));
            ctx.Add("HVPN-INST-IP-STAFF", "知识产权专兼职管理人员", "IP staff", CommonChecks.IpStaff(ctx));
            ctx.Add("HVPN-PATENTS", "相关技术领域有效专利或有效发明专利数量", "valid patents or valid invention patents in the field", Patents(ctx));
            ctx.Add("HVPN-INTEGRITY", "无严重学术不端等失信行为、无非正常专利申请",
                "no serious academic misconduct or dishonesty, no abnormal patent applications", CommonChecks.Integrity(ctx, academic: true));
        }
        ctx.Add("HVPN-NOT-PREVIOUS-LEAD", "未作为牵头单位承担过省高价值专利培育项目（高校不同学院、学科）",
            "has not led a provincial high-value-patent project (a university: not the same school or field)", NotPreviousLead(ctx));
        ctx.Add("HVPN-NO-OPEN-STRATEGY", "无尚未验收的省企业知识产权战略推进计划项目（含尾款未拨付）",
            "no unaccepted provincial enterprise IP strategy project (incl. unpaid final tranche)", NoOpenStrategy(ctx));
    }

    public static void EvaluateUpgrade(RuleContext ctx)
    {
        var f = ctx.Facts;
        ctx.Add("HVPU-ACCEPTED", "此前已通过省高价值专利培育项目验收", "led a provincial high-value-patent project accepted in time", Accepted(ctx));
        ctx.Add("HVPU-PROJECT", "正在承担重大科技攻关或关键核心技术研发", "undertaking a major S&T project or key core-technology R&D",
            Check.Flag("facts.majorProjectUnderway", f.MajorProjectUnderway));
        if (ctx.KindAdmitted)
        {
            ctx.Add("HVPU-STANDING", ctx.Kind == ApplicantKind.Enterprise ? "国内市场占有率居全国前列" : "研发水平国际领先",
                ctx.Kind == ApplicantKind.Enterprise ? "among the national market-share leaders" : "internationally leading",
                ctx.Kind == ApplicantKind.Enterprise
                    ? Check.Flag("facts.nationalMarketLeader", f.NationalMarketLeader)
                    : Check.Flag("facts.internationallyLeading", f.InternationallyLeading));
        }
        ctx.Add("HVPU-INTEGRITY", "无严重失信、无非正常专利申请", "no serious dishonesty, no abnormal patent applications",
            CommonChecks.Integrity(ctx, academic: false));
    }

    // [interp] (parameter rdShareEachYear): 0 = share of the three-year totals, 1 = the share of every year.
    private static Check RdShare(RuleContext ctx)
    {
        var years = ctx.RecentYears();
        var min = ctx.P(ParameterNames.RdShareOfSalesMin);
        if (ctx.PFlag(ParameterNames.RdShareEachYear))
            return Check.All(years.Select(year => CommonChecks.YearShare(ctx, year, "研发费用占销售收入比例", "R&D as share of sales", min,
                y => y.RdCny, "rdCny", y => y.SalesCny, "salesCny", "研发费用", "R&D spending")).ToArray());
        var missing = new List<string>();
        decimal rd = 0, sales = 0;
        foreach (var year in years)
        {
            var y = ctx.Year(year);
            if (y?.RdCny is { } r) rd += r; else missing.Add($"facts.years[year={year}].rdCny");
            if (y?.SalesCny is { } s) sales += s; else missing.Add($"facts.years[year={year}].salesCny");
        }
        var span = $"{years[0]}–{years[^1]}";
        if (missing.Count > 0) return Check.Missing(string.Join(", ", missing));
        return Check.ShareAtLeast($"{span} 年研发费用合计占销售收入合计比例", $"R&D as share of sales, totals {span}", rd, sales, min,
            "facts.years[].rdCny", "facts.years[].salesCny", $"{span} 年研发费用合计", $"R&D spending over {span}");
    }

    // Thresholds halve for award holders and (by parameter) for an applicant of kind KeyLaboratory. When the
    // awards are not declared, the full thresholds decide a pass and the halved ones a fail; between them it is Unknown.
    private static Check Patents(RuleContext ctx)
    {
        var f = ctx.Facts;
        var factor = ctx.P(ParameterNames.AwardHalvingFactor);
        if (ctx.Kind == ApplicantKind.KeyLaboratory && ctx.PFlag(ParameterNames.KeyLaboratoryHalves))
            return Prefixed("（重点实验室，数量要求减半）", "(key laboratory, thresholds halved) ", PatentCounts(ctx, factor));
        if (f.AwardsWithin3Years is { Count: > 0 } awards)
            return Prefixed($"（三年内获奖 {string.Join("、", awards)}，数量要求减半）",
                $"(award within 3 years: {string.Join(", ", awards)}; thresholds halved) ", PatentCounts(ctx, factor));
        var full = PatentCounts(ctx, 1m);
        if (f.AwardsWithin3Years is not null || full.Result == RuleResult.Pass) return full;
        var halved = PatentCounts(ctx, factor);
        // Without declared awards the full thresholds apply; the halved shortfall is what an award would leave.
        if (halved.Result == RuleResult.Fail)
            return Prefixed("（即使减半亦不满足）", "(fails even halved) ", halved).WithGap(
                $"{full.GapZh}（三年内获奖则减半：{halved.GapZh}）", $"{full.GapEn} (halved with an award within 3 years: {halved.GapEn})");
        return Check.Unknown($"仅满足减半后的数量要求，缺少 facts.awardsWithin3Years：{halved.Zh}",
            $"only the halved thresholds are met and facts.awardsWithin3Years is missing: {halved.En}")
            .WithGap($"需申报 facts.awardsWithin3Years；或{full.GapZh}", $"declare facts.awardsWithin3Years; or {full.GapEn}");
    }

    private static Check PatentCounts(RuleContext ctx, decimal factor)
    {
        var f = ctx.Facts;
        var weight = ctx.P(ParameterNames.PctWeight);
        var w = Check.Format(weight, Unit.Count, zh: false);
        var patents = Check.Compare("有效专利数", "valid patents", f.ValidPatents, Bound.AtLeast,
            ctx.P(ParameterNames.PatentsMin) * factor, Unit.Count);
        var inventionMin = ctx.P(ParameterNames.InventionPatentsMin) * factor;
        Check inventions;
        if (f.ValidInventionPatents is null)
            inventions = Check.Missing("facts.validInventionPatents");
        else if (f.PctNationalPhase is { } pct)
        {
            inventions = Check.Compare($"有效发明专利数（{f.ValidInventionPatents} 件 + PCT 国家阶段 {pct} 件 × {w}）",
                $"valid invention patents ({f.ValidInventionPatents} + {pct} PCT national phase × {w})",
                f.ValidInventionPatents + weight * pct, Bound.AtLeast, inventionMin, Unit.Count);
            if (inventions.Result == RuleResult.Fail)
            {
                var more = Check.Shortfall(f.ValidInventionPatents.Value + weight * pct, Bound.AtLeast, inventionMin, Unit.Count);
                var pctMore = decimal.Ceiling(more / weight);
                inventions = inventions.WithGap($"有效发明专利还需增加 {more} 件（或 PCT 国家阶段申请 {pctMore} 件，每件按 {w} 件计）",
                    $"{more} more valid invention patents (or {pctMore} more PCT national-phase applications, each counting {w})");
            }
        }
        else
        {
            // Without the PCT count only a pass on invention patents alone is decidable.
            var alone = Check.Compare("有效发明专利数", "valid invention patents", f.ValidInventionPatents, Bound.AtLeast, inventionMin, Unit.Count);
            inventions = alone.Result == RuleResult.Pass ? alone
                : Check.Unknown($"{alone.Zh}，缺少 facts.pctNationalPhase", $"{alone.En}; facts.pctNationalPhase is missing")
                    .WithGap("需申报 facts.pctNationalPhase", "declare facts.pctNationalPhase");
        }
        return Check.Any(patents, inventions);
    }

    private static Check Prefixed(string zh, string en, Check c) => c with { Zh = zh + c.Zh, En = en + c.En };

    // History: a unit that has led an HVP project may not lead a new one; a university may, with another school
    // and another discipline field.
    private static Check NotPreviousLead(RuleContext ctx)
    {
        if (ctx.Applicant.CreditCode is null) return Check.Missing("applicant.creditCode");
        var led = ctx.OwnProjects().Where(p => HvpTracks.Contains(p.TrackId)).ToList();
        if (led.Count == 0) return Check.Pass("平台记录中无牵头的高价值专利培育项目", "no high-value-patent project led, in the platform's records");
        if (ctx.Kind is null) return Check.Unknown("曾牵头项目，但缺少 applicant.kind", "has led a project but applicant.kind is missing");
        var list = string.Join(", ", led.Select(p => $"{p.TrackId} {p.CallYear}"));
        if (ctx.Kind != ApplicantKind.University)
            return Check.Fail($"曾作为牵头单位承担：{list}", $"has led: {list}");
        var a = ctx.Applicant;
        var undecided = false;
        foreach (var p in led)
        {
            bool? sameSchool = p.School is null || a.School is null ? null : RuleContext.SameName(p.School, a.School);
            bool? sameField = p.DisciplineField is null || a.DisciplineField is null ? null : RuleContext.SameName(p.DisciplineField, a.DisciplineField);
            if (sameSchool == true || sameField == true)
                return Check.Fail($"曾以相同学院或学科领域牵头（{p.TrackId} {p.CallYear}，{p.School}／{p.DisciplineField}）",
                    $"has led with the same school or discipline field ({p.TrackId} {p.CallYear}, {p.School} / {p.DisciplineField})");
            if (sameSchool is null || sameField is null) undecided = true;
        }
        return undecided
            ? Check.Unknown($"高校曾牵头（{list}），学院或学科领域信息缺失，无法比对",
                $"the university has led ({list}); school or discipline field missing, cannot compare")
            : Check.Pass($"高校曾牵头（{list}），本次学院和学科领域均不同", $"the university has led ({list}) with another school and field");
    }

    private static Check NoOpenStrategy(RuleContext ctx)
    {
        if (ctx.Applicant.CreditCode is null) return Check.Missing("applicant.creditCode");
        var open = ctx.OwnProjects().Where(p => p.TrackId == TrackIds.EnterpriseIpStrategy && p.IsOpen())
            .Select(p => $"{p.CallYear} ({p.Status})").ToList();
        return open.Count == 0
            ? Check.Pass("平台记录中无未结企业知识产权战略推进计划项目", "no open enterprise IP strategy project in the platform's records")
            : Check.Fail("未结项目：" + string.Join("，", open), "open projects: " + string.Join(", ", open));
    }

    // History first; without a record the declared year can only lead to review (spec: "declared and NeedsReview").
    private static Check Accepted(RuleContext ctx)
    {
        var before = ctx.PInt(ParameterNames.HvpAcceptedBeforeYear);
        var deadline = new DateOnly(before, 1, 1);
        var led = ctx.OwnProjects().Where(p => HvpTracks.Contains(p.TrackId)).ToList();
        if (led.Count > 0)
        {
            var ok = led.FirstOrDefault(p => p.Status == ProjectStatus.Accepted && p.AcceptedOn < deadline);
            if (ok is not null)
                return Check.Pass($"平台记录：{ok.TrackId} {ok.CallYear} 于 {Check.Date(ok.AcceptedOn!.Value)} 通过验收（要求 {before} 年以前）",
                    $"platform record: {ok.TrackId} {ok.CallYear} accepted on {Check.Date(ok.AcceptedOn!.Value)} (required before {before})");
            if (led.Any(p => p.Status == ProjectStatus.Accepted && p.AcceptedOn is null))
                return Check.Unknown("平台记录有已验收项目但缺少验收日期", "a platform record is accepted but lacks its acceptance date");
            var list = string.Join(", ", led.Select(p => $"{p.TrackId} {p.CallYear} {p.Status}{(p.AcceptedOn is { } d ? " " + Check.Date(d) : "")}"));
            return Check.Fail($"平台记录中无 {before} 年以前通过验收的项目：{list}", $"no project accepted before {before} in the platform's records: {list}");
        }
        return ctx.Facts.PreviousHvpAcceptedYear switch
        {
            null => Check.Unknown("平台无记录，且未申报 facts.previousHvpAcceptedYear", "no platform record and facts.previousHvpAcceptedYear is missing"),
            { } year when year < before => Check.Unknown($"平台无记录，申报于 {year} 年通过验收，需人工核实",
                $"no platform record; declared accepted in {year}, to be verified by a reviewer"),
            { } year => Check.Fail($"申报于 {year} 年通过验收，要求 {before} 年以前", $"declared accepted in {year}, required before {before}")
                .WithGap($"需有 {before} 年以前通过验收的项目（现为 {year} 年，晚 {year - before + 1} 年）",
                    $"needs a project accepted before {before} (accepted in {year}, {year - before + 1} year(s) too late)"),
        };
    }
}
