namespace IpPlatform.Eligibility.Domain;

/// <summary>Track ids the engine has rules for, and history-only programme ids.</summary>
public static class TrackIds
{
    /// <summary>知识产权保护示范区创建.</summary>
    public const string ProtectionZone = "protection-zone";
    /// <summary>商标品牌培育和保护（地理标志）.</summary>
    public const string GiBrand = "gi-brand";
    /// <summary>商标品牌培育和保护（工业品牌）.</summary>
    public const string IndustrialBrand = "industrial-brand";
    /// <summary>高价值专利培育（新建）.</summary>
    public const string HvpNew = "hvp-new";
    /// <summary>高价值专利培育（升级）.</summary>
    public const string HvpUpgrade = "hvp-upgrade";
    /// <summary>高校院所知识产权运营能力提升.</summary>
    public const string UnivOperation = "univ-operation";
    /// <summary>产业知识产权运营中心发展.</summary>
    public const string IndustryCenter = "industry-center";
    /// <summary>History only: the former provincial enterprise IP strategy programme (省企业知识产权战略推进计划).</summary>
    public const string EnterpriseIpStrategy = "enterprise-ip-strategy";
}

/// <summary>How a parameter's value is checked when a call is published.</summary>
public enum ParameterKind
{
    /// <summary>A share in (0, 1].</summary>
    Share,
    /// <summary>A non-negative amount (CNY, or a weight).</summary>
    Amount,
    /// <summary>A non-negative whole number.</summary>
    Count,
    /// <summary>A calendar year.</summary>
    Year,
    /// <summary>0 (no) or 1 (yes).</summary>
    Flag,
}

/// <summary>
/// Names of the entries of <c>TrackDefinition.Parameters</c> the rules read. Every threshold and
/// interpretation choice is one of these, so that a new call changes figures without a code change.
/// "Min" bounds are inclusive (以上, 不低于, 不少于); "MoreThan" bounds are exclusive (超过).
/// </summary>
public static class ParameterNames
{
    /// <summary>PZ-COUNTY-ANY-OF, PZ-PARK-RANK: rank must be within the top N (inclusive). 2022: 10.</summary>
    public const string InventionRankTopMax = "inventionRankTopMax";

    /// <summary>GI-AGE: GI protected/registered more than N years (exclusive) before the reference date. 2022: 3.</summary>
    public const string GiRegisteredMoreThanYears = "giRegisteredMoreThanYears";
    /// <summary>GI-SALES: last year's sales of a handicraft GI, at least (CNY). 2022: 10,000,000.</summary>
    public const string GiSalesHandicraftMinCny = "giSalesHandicraftMinCny";
    /// <summary>GI-SALES: last year's sales of any other GI, at least (CNY). 2022: 50,000,000.</summary>
    public const string GiSalesOtherMinCny = "giSalesOtherMinCny";
    /// <summary>GI-NOT-ONGOING: ongoing GI projects of the N calls before this one bar the GI. 2022: 2 (2020, 2021).</summary>
    public const string GiOngoingCallYearsBack = "giOngoingCallYearsBack";

    /// <summary>IB-PROFIT-TAX, HVPN-ENT-PROFIT-TAX: profit plus tax of a year, at least (CNY). 2022: 20,000,000.</summary>
    public const string ProfitTaxMinCny = "profitTaxMinCny";
    /// <summary>IB-IP-SYSTEM, HVPN-ENT-IP-SYSTEM, HVPN-INST-IP-STAFF, UO-STAFF: IP staff, at least. 2022: 3 (5 for univ-operation).</summary>
    public const string IpStaffMin = "ipStaffMin";
    /// <summary>IB-IP-COST, HVPN-ENT-IP-COST: last year's IP spending as a share of R&amp;D spending, at least. 2022: 0.05.</summary>
    public const string IpCostShareOfRdMin = "ipCostShareOfRdMin";
    /// <summary>IB-TRADEMARK: a valid trademark used continuously for at least N years. 2022: 5.</summary>
    public const string TrademarkUseMinYears = "trademarkUseMinYears";
    /// <summary>IB-RD, HVPN-ENT-RD: R&amp;D spending as a share of sales, at least. 2022: 0.03 (industrial-brand), 0.035 (hvp-new).</summary>
    public const string RdShareOfSalesMin = "rdShareOfSalesMin";
    /// <summary>
    /// HVPN-ENT-RD [interp]: 0 = share of the three-year totals; 1 = the share in each year. 2022: 0.
    /// </summary>
    public const string RdShareEachYear = "rdShareEachYear";
    /// <summary>IB-INVENTION, HVPN-PATENTS: valid invention patents (PCT-weighted for hvp-new), at least. 2022: 1 / 50.</summary>
    public const string InventionPatentsMin = "inventionPatentsMin";
    /// <summary>HVPN-PATENTS: valid patents, at least. 2022: 100.</summary>
    public const string PatentsMin = "patentsMin";
    /// <summary>HVPN-PATENTS [interp]: invention patents one PCT application in a national phase counts for. 2022: 2.</summary>
    public const string PctWeight = "pctWeight";
    /// <summary>HVPN-PATENTS: factor applied to both patent thresholds for award holders. 2022: 0.5.</summary>
    public const string AwardHalvingFactor = "awardHalvingFactor";
    /// <summary>HVPN-PATENTS: 1 when the halving also applies to an applicant of kind KeyLaboratory. 2022: 1.</summary>
    public const string KeyLaboratoryHalves = "keyLaboratoryHalves";
    /// <summary>HVPN-ENT-RD, HVPN-ENT-PROFIT-TAX, UO-OUTPUT, UO-CONVERSION: "last N years" ending with the call's last year. 2022: 3.</summary>
    public const string RecentYears = "recentYears";

    /// <summary>HVPU-ACCEPTED: the earlier project must have been accepted before 1 January of this year. 2022: 2021.</summary>
    public const string HvpAcceptedBeforeYear = "hvpAcceptedBeforeYear";

    /// <summary>UO-STAFF: staff working full time on patent conversion, at least. 2022: 2.</summary>
    public const string FullTimeConversionStaffMin = "fullTimeConversionStaffMin";
    /// <summary>UO-OUTPUT: average yearly patent grants, more than. 2022: 150.</summary>
    public const string AvgPatentGrantsMoreThan = "avgPatentGrantsMoreThan";
    /// <summary>UO-OUTPUT: average yearly invention-patent grants, more than. 2022: 50.</summary>
    public const string AvgInventionGrantsMoreThan = "avgInventionGrantsMoreThan";
    /// <summary>UO-CONVERSION: average yearly patents converted, more than. 2022: 15.</summary>
    public const string AvgPatentsConvertedMoreThan = "avgPatentsConvertedMoreThan";
    /// <summary>UO-CONVERSION: average yearly conversion amount, more than (CNY). 2022: 15,000,000.</summary>
    public const string AvgConversionAmountMoreThanCny = "avgConversionAmountMoreThanCny";

    /// <summary>IC-ENTERPRISES: enterprises of the chain in the park, more than. 2022: 50.</summary>
    public const string ChainEnterprisesMoreThan = "chainEnterprisesMoreThan";

    /// <summary>
    /// Bounds narrower than the kind's, where the rules need them: "the last 0 years" would average over
    /// nothing, and a window of centuries is a typo.
    /// </summary>
    public static IReadOnlyDictionary<string, (decimal Min, decimal Max)> Ranges { get; } = new Dictionary<string, (decimal, decimal)>
    {
        [RecentYears] = (1, 10),
        [GiOngoingCallYearsBack] = (0, 10),
        [GiRegisteredMoreThanYears] = (0, 100),
        [TrademarkUseMinYears] = (0, 100),
        [PctWeight] = (0, 100),
    };

    /// <summary>How each parameter's value is checked by <see cref="CallValidator"/>.</summary>
    public static IReadOnlyDictionary<string, ParameterKind> Kinds { get; } = new Dictionary<string, ParameterKind>
    {
        [InventionRankTopMax] = ParameterKind.Count,
        [GiRegisteredMoreThanYears] = ParameterKind.Count,
        [GiSalesHandicraftMinCny] = ParameterKind.Amount,
        [GiSalesOtherMinCny] = ParameterKind.Amount,
        [GiOngoingCallYearsBack] = ParameterKind.Count,
        [ProfitTaxMinCny] = ParameterKind.Amount,
        [IpStaffMin] = ParameterKind.Count,
        [IpCostShareOfRdMin] = ParameterKind.Share,
        [TrademarkUseMinYears] = ParameterKind.Count,
        [RdShareOfSalesMin] = ParameterKind.Share,
        [RdShareEachYear] = ParameterKind.Flag,
        [InventionPatentsMin] = ParameterKind.Count,
        [PatentsMin] = ParameterKind.Count,
        [PctWeight] = ParameterKind.Amount,
        [AwardHalvingFactor] = ParameterKind.Share,
        [KeyLaboratoryHalves] = ParameterKind.Flag,
        [RecentYears] = ParameterKind.Count,
        [HvpAcceptedBeforeYear] = ParameterKind.Year,
        [FullTimeConversionStaffMin] = ParameterKind.Count,
        [AvgPatentGrantsMoreThan] = ParameterKind.Amount,
        [AvgInventionGrantsMoreThan] = ParameterKind.Amount,
        [AvgPatentsConvertedMoreThan] = ParameterKind.Amount,
        [AvgConversionAmountMoreThanCny] = ParameterKind.Amount,
        [ChainEnterprisesMoreThan] = ParameterKind.Count,
    };
}
