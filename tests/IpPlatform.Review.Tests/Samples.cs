using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Review.Reviews;
using IpPlatform.Testing;

namespace IpPlatform.Review.Tests;

static class Samples
{
    public const string CallId = "2022";
    public static readonly DateTimeOffset Now = new(2022, 3, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The call's tracks with the divisions that decide them, as the 2022 notice assigns them.</summary>
    public static CallDocument Call() => new()
    {
        Id = CallId, TitleZh = "测试通知", IssuedOn = new DateOnly(2021, 12, 24), ReferenceDate = new DateOnly(2021, 12, 24), LastYear = 2021,
        Tracks =
        [
            Track("industrial-brand", TestAccounts.IndustryDivision),
            Track("protection-zone", TestAccounts.ProtectionDivision),
            Track("gi-brand", TestAccounts.ProtectionDivision),
        ],
    };

    public static TrackDefinition Track(string id, string? division) => new()
    {
        Id = id, ProgrammeZh = id, NameEn = id, AdmittedKinds = [ApplicantKind.Enterprise], OnlineDeadline = new DateOnly(2022, 1, 30),
        EvaluationAfterMonths = 12, Tranches = [new TranchePlanItem("start-up", 1m, "Approval")],
        Quota = new QuotaRule { Kind = QuotaKind.Unlimited }, DivisionZh = division,
        // No publicity period: a decision is finally approved at once unless a test gives the track one.
        Review = new ReviewRules { PublicityDays = 0 },
    };

    public static ApplicationSubmitted Submitted(
        Guid? id = null, string track = "industrial-brand", ApplicantKind kind = ApplicantKind.Enterprise, string region = "320583", string name = "江苏某某科技股份有限公司") =>
        new(id ?? Guid.NewGuid(), CallId, track, new ApplicationDocument
        {
            CallId = CallId, Track = track,
            Applicant = new Applicant { Name = name, CreditCode = "91320583MA1P2K3L4G", Kind = kind, RegionCode = region },
        }, Now.AddDays(-50));

    public static ApplicationRecommended ByCity(Guid id, string track = "industrial-brand", string city = "320500") =>
        new(id, CallId, track, OfficeLevel.City, city, "市局推荐", Now.AddDays(-10)) { By = As(TestAccounts.City(city)) };

    public static ApplicantSummary Unit(ApplicantKind kind, string region, string? name = null) =>
        new(name ?? $"{kind} {region}", "91320583MA1P2K3L4G", kind.ToString(), region);

    /// <summary>The actor the service makes of <paramref name="account"/>'s token.</summary>
    public static Actor As(TestAccount account) => new(account.Id, account.Name, account.Role, account.Office);

    public static Actor Expert(string name) => As(TestAccounts.Expert(name));

    /// <summary>A province account of <paramref name="division"/> only, deciding.</summary>
    public static Decider DeciderOf(string division) => new(As(TestAccounts.ProvinceDivision(division)), [division]);

    /// <summary>The default score sheet: one overall criterion from 0 to 100.</summary>
    public static readonly IReadOnlyList<ScoreCriterion> Sheet = new ReviewRules().SheetOrDefault;

    public static IReadOnlyDictionary<string, decimal> Overall(decimal score) => new Dictionary<string, decimal> { ["overall"] = score };

    /// <summary>A valid unified social credit code from its first 17 characters.</summary>
    public static string Code(string first17) => first17 + CreditCode.ComputeCheckCharacter(first17);

    /// <summary>The credit code <see cref="Submitted"/> gives the applicant.</summary>
    public const string ApplicantCode = "91320583MA1P2K3L4G";

    /// <summary>An active expert of the pool (Nanjing, industrial-brand unless said otherwise).</summary>
    public static ExpertProfile Profile(string name, string? employer = null, string city = "320100", string track = "industrial-brand",
        bool active = true, params string[] conflicts)
    {
        var expert = new ExpertProfile(name);
        expert.Update(name, [track], $"{name}的单位", employer ?? Code($"12320100MB{Math.Abs(name.GetHashCode() % 10000000):D7}"), city, active, conflicts, Now);
        return expert;
    }

    /// <summary>A draw that seats exactly <paramref name="experts"/> in the review's next round.</summary>
    public static PanelDrawResult Seating(ReviewCase review, params string[] experts) =>
        new(review.ApplicationId, review.DrawRounds + 1, 42, experts.Length, experts, [], experts, experts);

    /// <summary>The province account of every division.</summary>
    public static readonly Decider Province = new(As(TestAccounts.Province), TestAccounts.Province.Divisions!);

    /// <summary>
    /// The province decides <paramref name="review"/> alone, as the single-decision endpoint does: a collective
    /// decision of one (the meeting today, the decider its participant) on a track without publicity, finally approved
    /// at once. <paramref name="approvedBefore"/> stand approved on the track already.
    /// </summary>
    public static ApplicationDecided Decide(
        ReviewCase review, Decider decider, string? division, ProvincialDecision decision, decimal? amount, string? reason,
        ApplicantSummary? applicant, IReadOnlyCollection<ApplicantSummary> approvedBefore, DateTimeOffset now)
    {
        var track = new TrackDivision(review.CallId, Track(review.TrackId, division));
        var candidates = new Dictionary<Guid, DecisionCandidate> { [review.ApplicationId] = new(review, applicant, null, null) };
        var batch = CollectiveDecision.Record(decider, track, ReviewCase.ChinaDate(now), [decider.Actor.Name],
            decision == ProvincialDecision.Approved ? [new ApprovalLine(review.ApplicationId, amount, reason)] : [],
            decision == ProvincialDecision.Rejected ? [new RejectionLine(review.ApplicationId, reason)] : [],
            candidates, [.. approvedBefore.Select(a => new Commitment(Guid.NewGuid(), a, 0m))], now);
        return Assert.Single(batch.Finalise(decider, track, candidates, now));
    }
}
