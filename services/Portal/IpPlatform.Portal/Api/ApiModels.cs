namespace IpPlatform.Portal.Api;

// The parts of the services' public documents the portal shows; field names as the APIs write them (camelCase).

public sealed record CallSummary(string Id, int Version, string TitleZh, DateOnly IssuedOn, bool Rehearsal, IReadOnlyList<CallTrackSummary> Tracks);
public sealed record CallTrackSummary(string Id, string ProgrammeZh, DateOnly OnlineDeadline);

/// <summary>A call's whole document, read for its tracks' deadlines (local minutes of <see cref="TimeZone"/>) and contacts.</summary>
public sealed record CallDetail(string Id, string TitleZh, string? TimeZone, IReadOnlyList<CallTrackDetail> Tracks);
public sealed record CallTrackDetail(
    string Id, string ProgrammeZh, string? DivisionZh, DateOnly OnlineDeadline, string? OnlineDeadlineAt, string? PaperDeadlineAt,
    IReadOnlyList<CallContact>? Contacts);
public sealed record CallContact(string Name, string Phone);

public sealed record ApplicationPage(IReadOnlyList<ApplicationSummary> Items, int Page, int PageSize, int Total);
public sealed record ApplicationSummary(
    Guid Id, string CallId, string Track, string Status, string ApplicantName, string CreditCode, string RegionCode,
    DateTime CreatedAt, DateTime? SubmittedAt);

public sealed record ApplicationView(
    Guid Id, string CallId, string Track, string Status, ApplicantView Applicant, DateTime CreatedAt, DateTime? SubmittedAt,
    EligibilityView? Eligibility, RoutingView? Routing, DecisionView? Decision, IReadOnlyList<TimelineEntry> Timeline)
{
    public int? CallVersion { get; init; }
    public string? Fingerprint { get; init; }
    public DeadlinesView? Deadlines { get; init; }
}

public sealed record ApplicantView(string Name, string CreditCode, string Kind, string RegionCode);
public sealed record EligibilityView(string Outcome, IReadOnlyList<EligibilityFinding> Findings);
public sealed record EligibilityFinding(string RuleId, string Result, string MessageZh, string MessageEn, string? GapZh, string? GapEn);
public sealed record RoutingView(string Level, string? OfficeRegionCode, string? Note);
public sealed record DecisionView(string Decision, decimal? ApprovedAmountCny);
public sealed record TimelineEntry(DateTime At, string What, string? Detail, ActedBy? By);
public sealed record ActedBy(string Name, string Role, string? Office);
public sealed record DeadlinesView(DeadlineView Online, DeadlineView? Paper);
public sealed record DeadlineView(string Local, string TimeZone, DateTime ClosesAt);

/// <summary>A routing case as the offices see it.</summary>
public sealed record CaseView(
    Guid ApplicationId, string CallId, string TrackId, string ApplicantName, string CreditCode, string ApplicantKind,
    string RegionCode, string CityCode, string Level, string? OfficeRegionCode, string Status, string? Eligibility,
    IReadOnlyList<CaseHistoryEntry> History);
public sealed record CaseHistoryEntry(DateTime At, string What, string? Office, ActedBy? By, string? Note);

/// <summary>What a fingerprint typed at the window identifies, and whether the stored record still gives it.</summary>
public sealed record VerificationView(
    Guid ApplicationId, string CallId, int? CallVersion, string Track, string ApplicantName, string CreditCode, string? ProjectName,
    DateTime? SubmittedAt, string Status, string Fingerprint, bool Matches, PaperCopyView? PaperCopy);
public sealed record PaperCopyView(DateOnly ReceivedOn, int Copies, bool Matches, string? Reason, string Level, string OfficeCode, DateTime RecordedAt, string RecordedBy);

/// <summary>The city's summary table of a call (申报汇总表), per track.</summary>
public sealed record SummaryTableView(
    string CallId, string CallTitleZh, string CityCode, string CityName, IReadOnlyList<SummaryTrackView> Tracks,
    int TotalCount, decimal TotalRequestedCny, string Fingerprint);
public sealed record SummaryTrackView(
    string TrackId, string ProgrammeZh, IReadOnlyList<SummaryRowView> Rows, int Count, decimal RequestedCny, string Fingerprint,
    string? DeadlineAt, bool CustomOrder, SummaryDeliveryView? Delivery);
public sealed record SummaryRowView(
    int No, Guid ApplicationId, string ApplicantName, string CreditCode, string ProjectName, decimal? ProvincialFundsCny,
    string CountyOpinion, string CityOpinion);
public sealed record SummaryDeliveryView(DateTime At, string By, string Role, string Fingerprint);
