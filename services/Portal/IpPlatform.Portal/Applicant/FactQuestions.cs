namespace IpPlatform.Portal.Applicant;

/// <summary>How a fact is answered on the form.</summary>
public enum FactKind { YesNo, Count, Amount, Text, Date, Choice }

/// <summary>
/// One question of the draft form's facts: <see cref="Path"/> is the fact's name in the application document under
/// <c>facts</c> (a dot for a nested object, e.g. <c>gi.name</c>); its label is the word <c>applicant.fact.{Path}</c>.
/// </summary>
public sealed record FactQuestion(string Path, FactKind Kind, IReadOnlyList<string>? Choices = null);

/// <summary>
/// Which facts each track's eligibility rules read (services/Eligibility/RULES.md), so the form asks those and no
/// others. The call document names no facts; a track the portal does not know asks the integrity questions only and
/// its rules answer Unknown until the office reads the materials.
/// </summary>
public static class FactQuestions
{
    static readonly string[] Parks = ["NationalNewArea", "HighTechZone", "EconomicDevelopmentZone", "Other"];
    static FactQuestion YesNo(string path) => new(path, FactKind.YesNo);
    static FactQuestion Count(string path) => new(path, FactKind.Count);

    static readonly FactQuestion[] Integrity = [YesNo("seriousDishonesty"), YesNo("abnormalPatentApplications")];

    static readonly Dictionary<string, FactQuestion[]> ByTrack = new()
    {
        ["protection-zone"] =
        [
            YesNo("effectiveRegion2020"), YesNo("nationalIpDemonstrationCity"), YesNo("nationalProtectionCenter"),
            YesNo("inspection2021Excellent"), YesNo("nationalStrongCountyDemonstration"), Count("inventionPerTenThousandRank2020"),
            YesNo("rapidProtectionCenter"), new("parkType", FactKind.Choice, Parks), YesNo("independentIpAuthority"), YesNo("nationalIpPilotPark"),
        ],
        ["gi-brand"] =
        [
            new("gi.name", FactKind.Text), new("gi.registrationType", FactKind.Choice, ["GiProduct", "CollectiveMark", "CertificationMark"]),
            new("gi.registeredOn", FactKind.Date), new("gi.category", FactKind.Choice, ["Handicraft", "Other"]),
            new("gi.lastYearSalesCny", FactKind.Amount), YesNo("gi.nationalPromotionKeyProject"),
            YesNo("gi.nationalProtectionDemonstrationZone"), YesNo("gi.majorIncidentsWithin3Years"),
            YesNo("governmentSupportCommitted"), YesNo("seriousDishonesty"),
        ],
        ["industrial-brand"] =
        [
            YesNo("inKeyIndustry"), YesNo("chainLeaderOrLeading"), YesNo("nationalSingleChampion"), YesNo("littleGiant"),
            YesNo("ipStandardImplemented"), YesNo("independentIpDepartment"), Count("ipStaff"), YesNo("nationalMarketLeader"),
            Count("validInventionPatents"), .. Integrity,
        ],
        ["hvp-new"] =
        [
            YesNo("chainLeaderOrLeading"), YesNo("majorProjectUnderway"), YesNo("nationalSingleChampion"), YesNo("littleGiant"),
            YesNo("independentIpDepartment"), Count("ipStaff"), YesNo("internationallyLeading"), YesNo("keyPlatform"),
            YesNo("cooperationMechanism"), YesNo("stableRdFunding"), Count("validPatents"), Count("validInventionPatents"),
            Count("pctNationalPhase"), .. Integrity, YesNo("academicMisconduct"),
        ],
        ["hvp-upgrade"] =
        [
            Count("previousHvpAcceptedYear"), YesNo("majorProjectUnderway"), YesNo("nationalMarketLeader"), YesNo("internationallyLeading"),
            .. Integrity,
        ],
        ["univ-operation"] = [Count("ipStaff"), Count("fullTimeConversionStaff"), .. Integrity],
        ["industry-center"] =
        [
            new("parkType", FactKind.Choice, Parks), new("targetChain", FactKind.Text), YesNo("keyChainDesignated"), YesNo("industryPlanIssued"),
            Count("chainEnterpriseCount"), YesNo("leadingEnterprisesPresent"), YesNo("ipManagementBody"), YesNo("ipFundsInBudget"),
            YesNo("patentOutputLeading"),
        ],
    };

    /// <summary>The yearly figures each track's rules read, and for how many years up to the call's last year.</summary>
    static readonly Dictionary<string, (int Years, string[] Figures)> YearsByTrack = new()
    {
        ["industrial-brand"] = (1, ["salesCny", "rdCny", "ipCostCny", "profitTaxCny"]),
        ["hvp-new"] = (3, ["salesCny", "rdCny", "ipCostCny", "profitTaxCny"]),
        ["univ-operation"] = (3, ["patentGrants", "inventionGrants", "patentsConverted", "conversionAmountCny"]),
    };

    /// <summary>Figures counted in units (the others are yuan).</summary>
    public static bool IsCount(string figure) => !figure.EndsWith("Cny", StringComparison.Ordinal);

    public static IReadOnlyList<FactQuestion> For(string? track) => track is not null && ByTrack.TryGetValue(track, out var questions) ? questions : Integrity;

    public static (int Years, IReadOnlyList<string> Figures) YearsFor(string? track) =>
        track is not null && YearsByTrack.TryGetValue(track, out var years) ? years : (0, []);

    /// <summary>The industrial brand asks for the trademarks; the high-value-patent tracks for the awards of the last three years.</summary>
    public static bool AsksTrademarks(string? track) => track == "industrial-brand";
    public static bool AsksAwards(string? track) => track == "hvp-new";

    public static readonly IReadOnlyList<string> Awards =
        ["NationalScienceTechAward", "ProvincialScienceTechAward", "ChinaPatentAward", "ProvincialInventorAward", "ProvincialPatentProjectAward"];

    public static readonly IReadOnlyList<string> PartnerRoles = ["Research", "Upstream", "Downstream", "IpService"];

    /// <summary>Every label key the form may show (each needs a word in both languages).</summary>
    public static IEnumerable<string> LabelKeys() =>
        ByTrack.Values.SelectMany(q => q).Select(q => "applicant.fact." + q.Path)
            .Concat(ByTrack.Values.SelectMany(q => q).SelectMany(q => q.Choices ?? []).Select(c => "applicant.choice." + c))
            .Concat(YearsByTrack.Values.SelectMany(y => y.Figures).Select(f => "applicant.year." + f))
            .Concat(Awards.Select(a => "applicant.award." + a))
            .Concat(PartnerRoles.Select(r => "applicant.role." + r))
            .Distinct();
}
