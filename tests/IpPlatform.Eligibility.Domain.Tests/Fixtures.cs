using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Eligibility.Domain;

namespace IpPlatform.Eligibility.Domain.Tests;

/// <summary>Complete documents that meet every condition of their track under the 2022 call.</summary>
internal static class Fixtures
{
    // Real-world codes with a correct check character (verified independently).
    public const string Huawei = "914403001922038216";
    public const string Tencent = "91440300708461136T";
    public const string Alibaba = "91330100716105852F";
    public const string Xiaomi = "91110108551385082Q";
    public const string Suzhou = "113200000140000003";
    public const string Kunshan = "123200004660000017";

    public static CallDocument Call => ShippedCalls.Call2022();

    public static EligibilityResult Assess(ApplicationDocument doc, EligibilityHistory? history = null) =>
        EligibilityEngine.Assess(doc, Call, history ?? EligibilityHistory.Empty);

    public static Finding Rule(this EligibilityResult result, string ruleId) =>
        result.For(ruleId) ?? throw new Xunit.Sdk.XunitException($"Rule {ruleId} was not evaluated: " +
            string.Join(", ", result.Findings.Select(f => f.RuleId)));

    public static ApplicationDocument Doc(string track, ApplicantKind kind, string region, ApplicationFacts facts, string code = Huawei,
        string? school = null) => new()
    {
        CallId = "2022",
        Track = track,
        Applicant = new Applicant { Name = "测试单位", CreditCode = code, Kind = kind, RegionCode = region, School = school,
            DisciplineField = school is null ? null : "新材料" },
        Facts = facts,
    };

    public static ApplicationDocument WithFacts(this ApplicationDocument doc, Func<ApplicationFacts, ApplicationFacts> change) =>
        doc with { Facts = change(doc.Facts!) };

    public static ApplicationDocument WithYear(this ApplicationDocument doc, int year, Func<YearFigures, YearFigures> change) =>
        doc with { Facts = doc.Facts! with { Years = [.. doc.Facts!.Years!.Select(y => y.Year == year ? change(y) : y)] } };

    public static ApplicationDocument WithKind(this ApplicationDocument doc, ApplicantKind? kind) =>
        doc with { Applicant = doc.Applicant! with { Kind = kind } };

    public static ApplicationDocument PzCity() => Doc("protection-zone", ApplicantKind.CityGovernment, "320500", new()
    {
        EffectiveRegion2020 = true, NationalIpDemonstrationCity = false, NationalProtectionCenter = true, Inspection2021Excellent = true,
    }, Suzhou);

    public static ApplicationDocument PzCounty() => Doc("protection-zone", ApplicantKind.CountyGovernment, "320583", new()
    {
        NationalIpDemonstrationCity = false, NationalStrongCountyDemonstration = true,
        EffectiveRegion2020 = false, InventionPerTenThousandRank2020 = 4, RapidProtectionCenter = false,
    }, Kunshan);

    public static ApplicationDocument PzPark() => Doc("protection-zone", ApplicantKind.ParkCommittee, "320583", new()
    {
        ParkType = ParkType.EconomicDevelopmentZone, IndependentIpAuthority = true, InventionPerTenThousandRank2020 = 10,
        NationalIpPilotPark = true,
    }, Alibaba) with { Applicant = new Applicant { CreditCode = Alibaba, Kind = ApplicantKind.ParkCommittee, RegionCode = "320583", ParkName = "昆山经开区" } };

    public static ApplicationDocument Gi() => Doc("gi-brand", ApplicantKind.CountyGovernment, "320585", new()
    {
        Gi = new GiFacts
        {
            Name = "阳澄湖大闸蟹", RegistrationType = GiRegistrationType.CertificationMark, RegisteredOn = new DateOnly(2005, 3, 14),
            Category = GiCategory.Other, LastYearSalesCny = 120_000_000m, NationalPromotionKeyProject = false,
            NationalProtectionDemonstrationZone = false, MajorIncidentsWithin3Years = false,
        },
        GovernmentSupportCommitted = true, SeriousDishonesty = false,
    }, Kunshan);

    public static ApplicationDocument IndustrialBrand() => Doc("industrial-brand", ApplicantKind.Enterprise, "320583", new()
    {
        InKeyIndustry = true, ChainLeaderOrLeading = true, NationalSingleChampion = false, LittleGiant = false,
        IpStandardImplemented = true, IndependentIpDepartment = true, IpStaff = 4,
        Trademarks = [new Trademark { RegistrationNo = "1234567", ValidUntil = new DateOnly(2030, 1, 1), InUseSince = new DateOnly(2012, 6, 1) }],
        NationalMarketLeader = true, ValidInventionPatents = 30, SeriousDishonesty = false, AbnormalPatentApplications = false,
        Years = [new YearFigures { Year = 2021, SalesCny = 800_000_000m, RdCny = 32_000_000m, IpCostCny = 1_800_000m, ProfitTaxCny = 45_000_000m }],
    });

    public static ApplicationDocument HvpEnterprise() => Doc("hvp-new", ApplicantKind.Enterprise, "320583", new()
    {
        ChainLeaderOrLeading = true, MajorProjectUnderway = true, NationalSingleChampion = false, LittleGiant = false,
        IndependentIpDepartment = true, IpStaff = 5, ValidPatents = 150, ValidInventionPatents = 60, PctNationalPhase = 3,
        AwardsWithin3Years = [], SeriousDishonesty = false, AbnormalPatentApplications = false,
        Years =
        [
            new YearFigures { Year = 2019, SalesCny = 400_000_000m, RdCny = 16_000_000m, ProfitTaxCny = 30_000_000m },
            new YearFigures { Year = 2020, SalesCny = 450_000_000m, RdCny = 18_000_000m, ProfitTaxCny = 32_000_000m },
            new YearFigures { Year = 2021, SalesCny = 500_000_000m, RdCny = 20_000_000m, IpCostCny = 1_200_000m, ProfitTaxCny = 35_000_000m },
        ],
    });

    public static ApplicationDocument HvpInstitution(ApplicantKind kind = ApplicantKind.University) => Doc("hvp-new", kind, "320102", new()
    {
        InternationallyLeading = true, KeyPlatform = true, MajorProjectUnderway = true, CooperationMechanism = true,
        StableRdFunding = true, IpStaff = 4, ValidPatents = 200, ValidInventionPatents = 80, PctNationalPhase = 0,
        AwardsWithin3Years = [], SeriousDishonesty = false, AbnormalPatentApplications = false, AcademicMisconduct = false,
    }, Tencent, school: kind == ApplicantKind.University ? "材料科学与工程学院" : null);

    public static ApplicationDocument HvpUpgrade() => Doc("hvp-upgrade", ApplicantKind.Enterprise, "320583", new()
    {
        MajorProjectUnderway = true, NationalMarketLeader = true, SeriousDishonesty = false, AbnormalPatentApplications = false,
        PreviousHvpAcceptedYear = 2019,
    });

    /// <summary>The platform's record that makes <see cref="HvpUpgrade"/> pass HVPU-ACCEPTED.</summary>
    public static EligibilityHistory AcceptedHvp(DateOnly acceptedOn) => new()
    {
        Projects = [Project(Huawei, TrackIds.HvpNew, ApplicantKind.Enterprise, 2016, ProjectStatus.Accepted) with
            { AcceptedOn = acceptedOn, FinalTranchePaid = true }],
    };

    public static ApplicationDocument UnivOperation() => Doc("univ-operation", ApplicantKind.University, "320102", new()
    {
        IpStaff = 6, FullTimeConversionStaff = 2,
        Years =
        [
            new YearFigures { Year = 2019, PatentGrants = 180, InventionGrants = 60, PatentsConverted = 18, ConversionAmountCny = 16_000_000m },
            new YearFigures { Year = 2020, PatentGrants = 200, InventionGrants = 70, PatentsConverted = 20, ConversionAmountCny = 17_000_000m },
            new YearFigures { Year = 2021, PatentGrants = 220, InventionGrants = 80, PatentsConverted = 22, ConversionAmountCny = 18_000_000m },
        ],
    }, Xiaomi);

    public static ApplicationDocument IndustryCenter() => Doc("industry-center", ApplicantKind.ParkCommittee, "320505", new()
    {
        ParkType = ParkType.HighTechZone, KeyChainDesignated = true, IndustryPlanIssued = true, ChainEnterpriseCount = 64,
        LeadingEnterprisesPresent = true, IpManagementBody = true, IpFundsInBudget = true, PatentOutputLeading = true,
        TargetChain = "integrated-circuits",
    }, Alibaba);

    public static HistoryProject Project(string code, string track, ApplicantKind kind, int callYear, ProjectStatus status) => new()
    {
        CreditCode = code, TrackId = track, Kind = kind, CallYear = callYear, Status = status, UnitName = "历史单位",
    };

    /// <summary>Every complete document, with the history it needs to be Eligible.</summary>
    public static IEnumerable<(string Name, ApplicationDocument Doc, EligibilityHistory History)> AllComplete()
    {
        yield return ("pz-city", PzCity(), EligibilityHistory.Empty);
        yield return ("pz-county", PzCounty(), EligibilityHistory.Empty);
        yield return ("pz-park", PzPark(), EligibilityHistory.Empty);
        yield return ("gi", Gi(), EligibilityHistory.Empty);
        yield return ("industrial-brand", IndustrialBrand(), EligibilityHistory.Empty);
        yield return ("hvp-enterprise", HvpEnterprise(), EligibilityHistory.Empty);
        yield return ("hvp-university", HvpInstitution(), EligibilityHistory.Empty);
        yield return ("hvp-institute", HvpInstitution(ApplicantKind.ResearchInstitute), EligibilityHistory.Empty);
        yield return ("hvp-keylab", HvpInstitution(ApplicantKind.KeyLaboratory), EligibilityHistory.Empty);
        yield return ("hvp-newrd", HvpInstitution(ApplicantKind.NewRdInstitution), EligibilityHistory.Empty);
        yield return ("hvp-upgrade", HvpUpgrade(), AcceptedHvp(new DateOnly(2019, 6, 30)));
        yield return ("univ-operation", UnivOperation(), EligibilityHistory.Empty);
        yield return ("industry-center", IndustryCenter(), EligibilityHistory.Empty);
    }
}
