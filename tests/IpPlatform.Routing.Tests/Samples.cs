using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using ShippedCalls = IpPlatform.Eligibility.Domain.ShippedCalls;
using IpPlatform.Testing;

namespace IpPlatform.Routing.Tests;

static class Samples
{
    public const string CallId = "2022";
    public const string Kunshan = "320583";
    public const string Suzhou = "320500";
    public const string Nanjing = "320100";
    public static readonly DateTimeOffset Now = new(2022, 2, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly QuotaRule HvpBands = new()
    {
        Kind = QuotaKind.ByInventionGrants,
        Bands = [new QuotaBand(10000, 6), new QuotaBand(5000, 5), new QuotaBand(2000, 4), new QuotaBand(-1, 3)],
        IncentiveBonus = 1,
    };

    /// <summary>The shipped 2022 call, whose routing rules the sample call's tracks carry.</summary>
    public static readonly CallDocument Call2022 = ShippedCalls.Call2022();

    /// <summary>The summary tables' deadline of the sample tracks (local, Asia/Shanghai, inclusive minute).</summary>
    public static readonly LocalMinute SummaryDeadline = LocalMinute.Parse("2022-02-09T17:00");

    public static CallDocument Call() => new()
    {
        Id = CallId, TitleZh = "测试通知", IssuedOn = new DateOnly(2021, 12, 24), ReferenceDate = new DateOnly(2021, 12, 24), LastYear = 2021,
        Tracks =
        [
            Track("industrial-brand", new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 5 }),
            Track("hvp-new", HvpBands),
            Track("hvp-upgrade", new QuotaRule { Kind = QuotaKind.Unlimited }),
            Track("protection-zone", new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 1 }),
            Track("gi-brand", new QuotaRule { Kind = QuotaKind.Unlimited }),
            Track("univ-operation", new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 1 }),
            Track("industry-center", new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 1 }),
        ],
    };

    static TrackDefinition Track(string id, QuotaRule quota) => new()
    {
        Id = id, ProgrammeZh = Call2022.FindTrack(id)!.ProgrammeZh, NameEn = id, AdmittedKinds = [ApplicantKind.Enterprise], OnlineDeadline = new DateOnly(2022, 1, 30),
        EvaluationAfterMonths = 12, Tranches = [new TranchePlanItem("start-up", 1m, "Approval")], Quota = quota,
        Routing = Call2022.FindTrack(id)!.Routing, SummaryTableDeadlineAt = SummaryDeadline,
    };

    /// <summary>The routing rules of a sample track (the 2022 call's).</summary>
    public static RoutingRules RulesOf(string track) => Call().FindTrack(track)!.Routing;

    public static ApplicationSubmitted Submitted(
        Guid? id = null, string track = "industrial-brand", ApplicantKind kind = ApplicantKind.Enterprise,
        string region = Kunshan, bool? provincialOrMinisterial = null, string callId = CallId,
        string name = "江苏某某科技股份有限公司", string project = "某某品牌培育项目", decimal? funds = 500_000m) =>
        new(id ?? Guid.NewGuid(), callId, track, new ApplicationDocument
        {
            CallId = callId, Track = track,
            Applicant = new Applicant
            {
                Name = name, CreditCode = "91320583MA1P2K3L4X", Kind = kind, RegionCode = region,
                ProvincialOrMinisterial = provincialOrMinisterial,
            },
            Project = new ProjectContent { Name = project },
            Budget = new Budget { ProvincialFundsCny = funds },
        }, Now.AddDays(-20));

    public static EligibilityAssessed Assessed(Guid id, EligibilityOutcome outcome, string track = "industrial-brand", string callId = CallId) =>
        new(id, callId, track, outcome, [], Now.AddDays(-19));

    /// <summary>The office account of a jurisdiction: a city office for a city code, else a county office.</summary>
    public static TestAccount OfficeOf(string code) => Regions.IsCity(code) ? TestAccounts.City(code) : TestAccounts.County(code);

    /// <summary>The actor the service makes of <paramref name="account"/>'s token.</summary>
    public static Actor As(TestAccount account) => new(account.Id, account.Name, account.Role, account.Office);
    public static Actor AsCounty(string code) => As(TestAccounts.County(code));
    public static Actor AsCity(string code) => As(TestAccounts.City(code));
    public static Actor AsCityGovernment(string code) => As(TestAccounts.CityGovernment(code));
}
