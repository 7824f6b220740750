using IpPlatform.Contracts.Applications;
using IpPlatform.Eligibility.Domain.Rules;

namespace IpPlatform.Eligibility.Domain.Tracks;

/// <summary>univ-operation and industry-center (专利转化专项计划).</summary>
internal static class PatentConversionRules
{
    public static readonly string[] UnivOperationParameters =
    [
        ParameterNames.IpStaffMin, ParameterNames.FullTimeConversionStaffMin, ParameterNames.RecentYears,
        ParameterNames.AvgPatentGrantsMoreThan, ParameterNames.AvgInventionGrantsMoreThan,
        ParameterNames.AvgPatentsConvertedMoreThan, ParameterNames.AvgConversionAmountMoreThanCny,
    ];

    public static readonly string[] IndustryCenterParameters = [ParameterNames.ChainEnterprisesMoreThan];

    public static void EvaluateUnivOperation(RuleContext ctx)
    {
        ctx.Add("UO-STAFF", "知识产权管理人员及专职专利转化人员", "IP staff and full-time patent-conversion staff",
            Check.All(CommonChecks.IpStaff(ctx),
                Check.Compare("专职专利转化人员数", "full-time conversion staff", ctx.Facts.FullTimeConversionStaff, Bound.AtLeast,
                    ctx.P(ParameterNames.FullTimeConversionStaffMin), Unit.Count, "facts.fullTimeConversionStaff")));
        ctx.Add("UO-OUTPUT", "近 3 年年均专利授权量或发明专利授权量", "average yearly patent or invention-patent grants",
            Check.Any(
                CommonChecks.AverageMoreThan(ctx, "专利授权量", "patent grants", "patentGrants", y => y.PatentGrants,
                    ctx.P(ParameterNames.AvgPatentGrantsMoreThan), Unit.Average),
                CommonChecks.AverageMoreThan(ctx, "发明专利授权量", "invention-patent grants", "inventionGrants", y => y.InventionGrants,
                    ctx.P(ParameterNames.AvgInventionGrantsMoreThan), Unit.Average)));
        ctx.Add("UO-CONVERSION", "近 3 年年均转化实施专利件数或金额", "average yearly patents converted or conversion amount",
            Check.Any(
                CommonChecks.AverageMoreThan(ctx, "转化专利件数", "patents converted", "patentsConverted", y => y.PatentsConverted,
                    ctx.P(ParameterNames.AvgPatentsConvertedMoreThan), Unit.Average),
                CommonChecks.AverageMoreThan(ctx, "转化金额", "conversion amount", "conversionAmountCny", y => y.ConversionAmountCny,
                    ctx.P(ParameterNames.AvgConversionAmountMoreThanCny), Unit.Cny)));
    }

    public static void EvaluateIndustryCenter(RuleContext ctx)
    {
        var f = ctx.Facts;
        ctx.Add("IC-PARK", "国家级新区、高新区或经开区", "national new area, high-tech zone or ETDZ",
            f.ParkType is null ? Check.Missing("facts.parkType")
            : f.ParkType == ParkType.Other ? Check.Fail("facts.parkType = Other", "facts.parkType = Other")
            : Check.Pass($"facts.parkType = {f.ParkType}", $"facts.parkType = {f.ParkType}"));
        ctx.Add("IC-CHAIN", "被确定为重点产业链所在地区并出台产业发展规划", "designated key-chain location with an industry plan issued",
            Check.All(Check.Flag("facts.keyChainDesignated", f.KeyChainDesignated), Check.Flag("facts.industryPlanIssued", f.IndustryPlanIssued)));
        ctx.Add("IC-ENTERPRISES", "重点企业落户且产业链相关企业总数超过规定数量", "leading enterprises present and enough chain enterprises",
            Check.All(Check.Flag("facts.leadingEnterprisesPresent", f.LeadingEnterprisesPresent),
                Check.Compare("产业链相关企业数", "chain enterprises", f.ChainEnterpriseCount, Bound.MoreThan,
                    ctx.P(ParameterNames.ChainEnterprisesMoreThan), Unit.Count, "facts.chainEnterpriseCount")));
        ctx.Add("IC-MANAGEMENT", "知识产权管理机构、资金纳入预算、专利产出位居全省前列",
            "IP management body, IP funds in the budget, leading patent output",
            Check.All(Check.Flag("facts.ipManagementBody", f.IpManagementBody), Check.Flag("facts.ipFundsInBudget", f.IpFundsInBudget),
                Check.Flag("facts.patentOutputLeading", f.PatentOutputLeading)));
    }
}
