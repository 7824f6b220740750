using IpPlatform.Contracts.Actors;
namespace IpPlatform.Contracts.Events;

/// <summary>The province's collective decision.</summary>
public enum ProvincialDecision
{
    /// <summary>Approved and funded.</summary>
    Approved,
    /// <summary>Not approved.</summary>
    Rejected,
}

/// <summary>An expert scored an application in the provincial review.</summary>
/// <param name="ApplicationId">Application scored.</param>
/// <param name="Expert">Expert's name or id.</param>
/// <param name="Score">Score, 0–100.</param>
/// <param name="ScoredAt">When.</param>
public sealed record ExpertScoreRecorded(Guid ApplicationId, string Expert, decimal Score, DateTimeOffset ScoredAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}

/// <summary>
/// Experts were drawn (at random, without conflicts of interest) and seated on an application's review panel:
/// by the track's division, or by the platform to replace an expert who declined. Each draw is one event naming
/// only the experts it seated; an application's panel is the union of its rounds, less the experts who declined.
/// </summary>
/// <param name="ApplicationId">Application to be reviewed.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="Experts">Experts seated by this draw (their account names).</param>
/// <param name="Round">The draw's round for the application: 1 for the first draw, higher for later and replacement draws.</param>
/// <param name="AssignedAt">When.</param>
public sealed record ExpertsAssigned(
    Guid ApplicationId, string CallId, string TrackId, IReadOnlyList<string> Experts, int Round, DateTimeOffset AssignedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (a replacement drawn on a decline).</summary>
    public Actor? By { get; init; }
}

/// <summary>The province decided on an application after expert review.</summary>
/// <param name="ApplicationId">Application decided.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="Decision">Approved or rejected.</param>
/// <param name="ApprovedAmountCny">Funds granted when approved, else null.</param>
/// <param name="AverageScore">Average expert score the decision saw.</param>
/// <param name="Reason">Reason or remarks of the decision.</param>
/// <param name="Applicant">Who the applicant is, so downstream services need not ask.</param>
/// <param name="DecidedAt">When.</param>
public sealed record ApplicationDecided(
    Guid ApplicationId, string CallId, string TrackId, ProvincialDecision Decision, decimal? ApprovedAmountCny,
    decimal? AverageScore, string? Reason, ApplicantSummary Applicant, DateTimeOffset DecidedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }

    /// <summary>
    /// Version of the call the application was submitted under (<see cref="ApplicationSubmitted.CallVersion"/>);
    /// funding plans tranches and monitoring opens periods with that version. Null when the producer did not know it
    /// (an older message, or a submission that carried none): the latest version known.
    /// </summary>
    public int? CallVersion { get; init; }
}

/// <summary>Who applied, as carried by downstream events.</summary>
/// <param name="Name">Unit name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Kind">Applicant kind (as in the application document).</param>
/// <param name="RegionCode">Lowest administrative division (6 digits).</param>
public sealed record ApplicantSummary(string Name, string CreditCode, string Kind, string RegionCode);

/// <summary>
/// The province cancelled an approval (取消立项资格), e.g. because the application was found falsified. The
/// applicant's credit record gets an entry of <paramref name="Ground"/> that later eligibility checks see.
/// </summary>
/// <param name="ApplicationId">Application whose approval is cancelled.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="Applicant">Who the applicant is (the credit code the entry is recorded under).</param>
/// <param name="Ground">Why, as a kind of credit-record entry.</param>
/// <param name="Reason">The province's reason, in words.</param>
/// <param name="RecordedOn">The date of the cancellation in China Standard Time: the entry counts from it.</param>
/// <param name="ExpiresOn">When the entry stops counting; null when it does not expire.</param>
/// <param name="CancelledAt">When.</param>
public sealed record ApprovalCancelled(
    Guid ApplicationId, string CallId, string TrackId, ApplicantSummary Applicant, CancellationGround Ground, string Reason,
    DateOnly RecordedOn, DateOnly? ExpiresOn, DateTimeOffset CancelledAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted.</summary>
    public Actor? By { get; init; }
}

/// <summary>Grounds for cancelling an approval; each is a kind of entry in the applicant's credit record.</summary>
public enum CancellationGround
{
    /// <summary>Falsified application material (弄虚作假).</summary>
    Falsification,
    /// <summary>Serious dishonesty (严重失信).</summary>
    SeriousDishonesty,
    /// <summary>Abnormal patent applications notified by CNIPA.</summary>
    AbnormalPatentApplications,
    /// <summary>Serious academic misconduct.</summary>
    AcademicMisconduct,
}
