namespace IpPlatform.Portal.Api;

// The Review service's documents as the province's pages show them (services/Review/IpPlatform.Review/Api); names are
// prefixed so they never collide with another area's models.

/// <summary>A line of the review list (GET /api/reviews).</summary>
public sealed record ProvinceReviewItem(
    Guid ApplicationId, string CallId, string TrackId, string? ApplicantName, string? RegionCode, string Status, bool Blind,
    int? ScoreCount, decimal? AverageScore, decimal? Result, decimal? Spread, string? Decision, decimal? ApprovedAmountCny, Guid? DecisionId);

/// <summary>A review (GET /api/reviews/{id}): the panel, the scores and the decision.</summary>
public sealed record ProvinceReviewDetail(
    Guid ApplicationId, string CallId, string TrackId, ProvinceReviewApplicant? Applicant, string CityOfficeRegionCode, string CityOpinion,
    string Status, bool Blind, ProvinceReviewPanelResult? Result, decimal? AverageScore, IReadOnlyList<ProvinceReviewScore> Scores, IReadOnlyList<ProvinceReviewSeat> Panel,
    IReadOnlyList<ProvinceReviewCriterion>? Sheet, ProvinceReviewDecision? Decision, string? ClosedReason, ProvinceReviewCancellation? Cancellation, Guid? DecisionId);

public sealed record ProvinceReviewApplicant(string Name, string CreditCode, string Kind, string RegionCode);
public sealed record ProvinceReviewPanelResult(decimal? Result, int Count, decimal? Lowest, decimal? Highest, decimal? Spread, bool Trimmed);
public sealed record ProvinceReviewScore(string Expert, decimal Score, decimal BonusPoints, IReadOnlyDictionary<string, decimal>? Points, string? Comment, DateTimeOffset At, int Revisions);
public sealed record ProvinceReviewSeat(string Expert, int Round, int Seed, string Status, string? DeclineReason, DateTimeOffset DrawnAt);
public sealed record ProvinceReviewCriterion(string Id, string NameZh, decimal Max, decimal Weight, bool Bonus);
public sealed record ProvinceReviewDecision(string Decision, decimal? ApprovedAmountCny, string? Reason, DateTimeOffset? At, string? By);
public sealed record ProvinceReviewCancellation(string? Reason, DateTimeOffset At, string? By);

/// <summary>One draw (POST …/panel): who was drawn, who was excluded and why, what is still missing.</summary>
public sealed record ProvincePanelDraw(
    Guid ApplicationId, int Round, int Seed, int Wanted, IReadOnlyList<string> Drawn, int Shortfall, IReadOnlyList<string> Candidates,
    IReadOnlyList<ProvincePanelExclusion> Excluded);
public sealed record ProvincePanelExclusion(string Expert, IReadOnlyList<string> Reasons);

/// <summary>The draw for a whole track (POST /api/reviews/panels): a result per application.</summary>
public sealed record ProvinceTrackDraw(string CallId, string TrackId, int Total, int Succeeded, int Failed, IReadOnlyList<ProvinceTrackDrawItem> Items);
/// <param name="Status">200 when drawn, else what a single draw would have answered (409).</param>
public sealed record ProvinceTrackDrawItem(Guid ApplicationId, int Status, ProvincePanelDraw? Draw, ProblemDocument? Problem);

/// <summary>A track's ranked list (GET /api/reviews/ranking) with its limits and running totals.</summary>
public sealed record ProvinceTrackRanking(
    string CallId, string TrackId, decimal? BudgetCny, int? MaxApprovals, decimal ApprovedCny, int Approvals, IReadOnlyList<ProvinceRankedLine> Lines,
    decimal RequestedCny, Guid? FirstBeyondLimits);
public sealed record ProvinceRankedLine(
    int Rank, Guid ApplicationId, string? ApplicantName, string? RegionCode, string Status, decimal? Result, decimal? Spread, int ScoreCount,
    bool Priority, decimal? ApprovedAmountCny, decimal RunningApprovedCny, int RunningApprovals, bool WithinLimits,
    string? ProjectName, decimal? RequestedCny, decimal RunningRequestedCny, int RunningRequested, bool RequestedWithinLimits,
    bool Provisional, Guid? DecisionId);

/// <summary>A collective decision (集体决策) with its publicity (公示) and objections.</summary>
public sealed record ProvinceCollectiveDecision(
    Guid Id, string CallId, string TrackId, int CallVersion, DateOnly MeetingDate, IReadOnlyList<string> Participants, DateTimeOffset RecordedAt,
    string RecordedBy, int PublicityDays, DateTimeOffset PublicityEndsAt, string Status, DateTimeOffset? FinalisedAt, string? FinalisedBy,
    decimal ApprovedCny, int Approvals, IReadOnlyList<ProvinceCollectiveDecisionItem> Items, IReadOnlyList<ProvinceDecisionObjection> Objections)
{
    /// <summary>
    /// Whether the final approval may be asked for at <paramref name="now"/>: under publicity, the period over and no
    /// objection open (the service checks again and says why not).
    /// </summary>
    public bool CanFinaliseAt(DateTimeOffset now) =>
        Status == "InPublicity" && now >= PublicityEndsAt && Objections.All(o => o.Outcome != "Open");

    /// <summary>Objections are recorded during the publicity period, against an approval.</summary>
    public bool TakesObjectionsAt(DateTimeOffset now) =>
        Status == "InPublicity" && now < PublicityEndsAt && Items.Any(i => i.Decision == "Approved");
}
public sealed record ProvinceCollectiveDecisionItem(
    Guid ApplicationId, string? ApplicantName, string? ProjectName, decimal? RequestedCny, string Decision, decimal? AmountCny, string? Reason, bool Withdrawn);
public sealed record ProvinceDecisionObjection(
    Guid Id, Guid ApplicationId, string Objector, string Grounds, DateTimeOffset RecordedAt, string RecordedBy, string Outcome, string? Resolution,
    DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>A write of the province's that answers a document: the document on success, else the outcome with the problem.</summary>
public sealed record ProvinceResult<T>(T? Value, ApiOutcome Outcome) where T : class
{
    public bool Succeeded => Outcome.Succeeded && Value is not null;
}
