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
}

/// <summary>Who applied, as carried by downstream events.</summary>
/// <param name="Name">Unit name.</param>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Kind">Applicant kind (as in the application document).</param>
/// <param name="RegionCode">Lowest administrative division (6 digits).</param>
public sealed record ApplicantSummary(string Name, string CreditCode, string Kind, string RegionCode);
