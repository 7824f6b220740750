using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Monitoring.Tests;

static class Samples
{
    public const string CallId = "2022";
    public static readonly ApplicantSummary Unit = new("南京某某大学", "12320000466007000X", "University", "320102");

    /// <summary>Decided at 2022-06-30 20:00 UTC, which is already 1 July in China.</summary>
    public static readonly DateTimeOffset DecidedAt = new(2022, 6, 30, 20, 0, 0, TimeSpan.Zero);

    /// <summary>A fixed two-year track with a mid-term after a year, an 18-month one, and the open-ended upgrade track.</summary>
    public static CallDocument Call(string id = CallId) => new()
    {
        Id = id,
        TitleZh = "测试通知",
        IssuedOn = new DateOnly(2021, 12, 24),
        ReferenceDate = new DateOnly(2021, 12, 24),
        LastYear = 2021,
        Tracks = [Track("hvp-new", 3, 12), Track("protection-zone", 3, 18), Track("hvp-upgrade", null, 36)],
    };

    static TrackDefinition Track(string id, int? periodYears, int evaluationAfterMonths) => new()
    {
        Id = id, ProgrammeZh = id, NameEn = id, AdmittedKinds = [ApplicantKind.University],
        OnlineDeadline = new DateOnly(2022, 1, 30), PeriodYears = periodYears, EvaluationAfterMonths = evaluationAfterMonths,
        Tranches = [new TranchePlanItem("start-up", 1m, "Approval")], Quota = new QuotaRule { Kind = QuotaKind.Unlimited },
    };

    public static ApplicationDecided Approved(Guid applicationId, string track = "hvp-new", string callId = CallId, DateTimeOffset? decidedAt = null) =>
        new(applicationId, callId, track, ProvincialDecision.Approved, 2_000_000m, 88m, "集体决策通过", Unit, decidedAt ?? DecidedAt);
}
