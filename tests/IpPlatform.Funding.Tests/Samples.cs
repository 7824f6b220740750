using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Funding.Tests;

static class Samples
{
    public const string CallId = "2022";
    public static readonly ApplicantSummary Unit = new("江苏某某科技股份有限公司", "91320583MA1P2K3L4X", "Enterprise", "320583");

    /// <summary>A call with a two-tranche track (start-up on approval, the rest after mid-term) and a one-tranche track.</summary>
    public static CallDocument Call(string id = CallId, bool rehearsal = false) => new()
    {
        Id = id,
        TitleZh = "测试通知",
        IssuedOn = new DateOnly(2021, 12, 24),
        ReferenceDate = new DateOnly(2021, 12, 24),
        LastYear = 2021,
        Rehearsal = rehearsal,
        Tracks =
        [
            Track("industrial-brand", new TranchePlanItem("start-up", 0.5m, "Approval"), new TranchePlanItem("after-mid-term", 0.5m, "MidTermPassed")),
            Track("protection-zone", new TranchePlanItem("approval", 1m, "Approval")),
            Track("three-way", new TranchePlanItem("start-up", 0.3m, "Approval"), new TranchePlanItem("after-mid-term", 0.3m, "MidTermPassed"),
                new TranchePlanItem("on-acceptance", 0.4m, "Acceptance")),
        ],
    };

    static TrackDefinition Track(string id, params TranchePlanItem[] tranches) => new()
    {
        Id = id, ProgrammeZh = id, NameEn = id, AdmittedKinds = [ApplicantKind.Enterprise],
        OnlineDeadline = new DateOnly(2022, 1, 30), PeriodYears = 2, EvaluationAfterMonths = 12, Tranches = tranches,
        Quota = new QuotaRule { Kind = QuotaKind.Unlimited },
    };

    /// <summary>Decided at 2022-06-30 20:00 UTC, which is already 1 July in China.</summary>
    public static readonly DateTimeOffset DecidedAt = new(2022, 6, 30, 20, 0, 0, TimeSpan.Zero);

    public static ApplicationDecided Approved(Guid applicationId, decimal amount = 1_000_000m, string track = "industrial-brand", string callId = CallId) =>
        new(applicationId, callId, track, ProvincialDecision.Approved, amount, 86.5m, "集体决策通过", Unit, DecidedAt);
}
