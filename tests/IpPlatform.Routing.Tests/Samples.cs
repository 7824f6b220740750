using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
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

    public static CallDocument Call() => new()
    {
        Id = CallId, TitleZh = "测试通知", IssuedOn = new DateOnly(2021, 12, 24), ReferenceDate = new DateOnly(2021, 12, 24), LastYear = 2021,
        Tracks =
        [
            Track("industrial-brand", new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 5 }),
            Track("hvp-new", HvpBands),
            Track("hvp-upgrade", new QuotaRule { Kind = QuotaKind.Unlimited }),
            Track("protection-zone", new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 1 }),
        ],
    };

    static TrackDefinition Track(string id, QuotaRule quota) => new()
    {
        Id = id, ProgrammeZh = id, NameEn = id, AdmittedKinds = [ApplicantKind.Enterprise], OnlineDeadline = new DateOnly(2022, 1, 30),
        EvaluationAfterMonths = 12, Tranches = [new TranchePlanItem("start-up", 1m, "Approval")], Quota = quota,
    };

    public static ApplicationSubmitted Submitted(
        Guid? id = null, string track = "industrial-brand", ApplicantKind kind = ApplicantKind.Enterprise,
        string region = Kunshan, bool? provincialOrMinisterial = null, string callId = CallId) =>
        new(id ?? Guid.NewGuid(), callId, track, new ApplicationDocument
        {
            CallId = callId, Track = track,
            Applicant = new Applicant
            {
                Name = "江苏某某科技股份有限公司", CreditCode = "91320583MA1P2K3L4X", Kind = kind, RegionCode = region,
                ProvincialOrMinisterial = provincialOrMinisterial,
            },
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
