using IpPlatform.Contracts.Applications;

namespace IpPlatform.Eligibility.Domain;

/// <summary>
/// Snapshot of the platform's own records that the history rules read (PZ-HIERARCHY, GI-NOT-ONGOING,
/// GI-UNIQUE, IB-NOT-UNDERTAKING, HVPN-NOT-PREVIOUS-LEAD, HVPN-NO-OPEN-STRATEGY, HVPU-ACCEPTED and the
/// credit part of the integrity rules). The service loads it from its store, keeps it current from
/// events and passes it in; the engine never reads anything else. Empty lists are valid.
/// </summary>
public sealed record EligibilityHistory
{
    /// <summary>A history holding no records.</summary>
    public static EligibilityHistory Empty { get; } = new();

    /// <summary>Provincial IP strategy programme projects, from the platform or imported (<see cref="HistoryCsv"/>).</summary>
    public IReadOnlyList<HistoryProject> Projects { get; init; } = [];
    /// <summary>Entries of units' credit records.</summary>
    public IReadOnlyList<CreditEntry> CreditEntries { get; init; } = [];
    /// <summary>Applications already submitted to calls (GI-UNIQUE reads those of the same call and track).</summary>
    public IReadOnlyList<SubmittedApplication> SubmittedApplications { get; init; } = [];
}

/// <summary>A project undertaken by a unit (as lead).</summary>
public sealed record HistoryProject
{
    /// <summary>Unified social credit code of the undertaking (lead) unit.</summary>
    public required string CreditCode { get; init; }
    /// <summary>Name of the unit, for messages.</summary>
    public string? UnitName { get; init; }
    /// <summary>
    /// Track id (<see cref="TrackIds"/>), or <see cref="TrackIds.EnterpriseIpStrategy"/> for the former
    /// enterprise IP strategy programme, or any other id for other strategy-programme projects.
    /// </summary>
    public required string TrackId { get; init; }
    /// <summary>Kind of the undertaking unit.</summary>
    public required ApplicantKind Kind { get; init; }
    /// <summary>Id of the call the project came from, if known.</summary>
    public string? CallId { get; init; }
    /// <summary>Year of the call (2021 for a project of the 2021 call).</summary>
    public required int CallYear { get; init; }
    /// <summary>6-digit region code of the unit (protection-zone hierarchy).</summary>
    public string? RegionCode { get; init; }
    /// <summary>Park name, for a park committee.</summary>
    public string? ParkName { get; init; }
    /// <summary>Designated GI, for gi-brand projects.</summary>
    public string? GiName { get; init; }
    /// <summary>School of a university lead of a high-value-patent project.</summary>
    public string? School { get; init; }
    /// <summary>Discipline field of a university lead of a high-value-patent project.</summary>
    public string? DisciplineField { get; init; }
    /// <summary>Where the project stands.</summary>
    public required ProjectStatus Status { get; init; }
    /// <summary>Date of acceptance, for accepted projects.</summary>
    public DateOnly? AcceptedOn { get; init; }
    /// <summary>Whether the final tranche has been paid.</summary>
    public bool FinalTranchePaid { get; init; }

    /// <summary>
    /// Still undertaken in the sense of the notice: ongoing, or accepted with the final tranche unpaid
    /// (未验收（含尾款未拨付）).
    /// </summary>
    public bool IsOpen() => Status == ProjectStatus.Ongoing || (Status == ProjectStatus.Accepted && !FinalTranchePaid);
}

/// <summary>Where a project stands.</summary>
public enum ProjectStatus
{
    /// <summary>Being implemented.</summary>
    Ongoing,
    /// <summary>Passed final evaluation and acceptance.</summary>
    Accepted,
    /// <summary>Failed an evaluation or acceptance.</summary>
    Failed,
    /// <summary>Terminated early.</summary>
    Terminated,
}

/// <summary>An entry of a unit's credit record.</summary>
/// <param name="CreditCode">Unified social credit code of the unit.</param>
/// <param name="Kind">What was recorded.</param>
/// <param name="RecordedOn">When it was recorded.</param>
/// <param name="ExpiresOn">When it stops counting (exclusive); null for never.</param>
public sealed record CreditEntry(string CreditCode, CreditEntryKind Kind, DateOnly RecordedOn, DateOnly? ExpiresOn = null)
{
    /// <summary>Whether the entry counts on <paramref name="date"/>.</summary>
    public bool IsActiveOn(DateOnly date) => RecordedOn <= date && (ExpiresOn is null || ExpiresOn > date);
}

/// <summary>Kinds of credit-record entry.</summary>
public enum CreditEntryKind
{
    /// <summary>Falsified application material (spec §4).</summary>
    Falsification,
    /// <summary>Serious dishonesty (严重失信).</summary>
    SeriousDishonesty,
    /// <summary>Abnormal patent applications notified by CNIPA.</summary>
    AbnormalPatentApplications,
    /// <summary>Serious academic misconduct (counts for institution leads only).</summary>
    AcademicMisconduct,
}

/// <summary>An application submitted to a call (not a draft).</summary>
/// <param name="ApplicationId">Id of the application.</param>
/// <param name="CallId">Call it was submitted to.</param>
/// <param name="TrackId">Track it targets.</param>
/// <param name="CreditCode">Applicant's credit code.</param>
/// <param name="RegionCode">Applicant's region code.</param>
/// <param name="Kind">Applicant's kind.</param>
/// <param name="GiName">Designated GI, for gi-brand.</param>
public sealed record SubmittedApplication(
    string ApplicationId, string CallId, string TrackId, string? CreditCode, string? RegionCode,
    ApplicantKind? Kind, string? GiName);
