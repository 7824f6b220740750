using IpPlatform.Contracts.Actors;
namespace IpPlatform.Contracts.Events;

/// <summary>Monitoring opened a project for an approved application.</summary>
/// <param name="ProjectId">Project id.</param>
/// <param name="ApplicationId">The approved application.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="Applicant">The unit undertaking the project.</param>
/// <param name="StartsOn">Start of the implementation period.</param>
/// <param name="EvaluationDueOn">Date of the mid-term (or first periodic) evaluation.</param>
/// <param name="EndsOn">End of the period; null for open-ended tracks.</param>
public sealed record ProjectStarted(
    Guid ProjectId, Guid ApplicationId, string CallId, string TrackId, ApplicantSummary Applicant,
    DateOnly StartsOn, DateOnly EvaluationDueOn, DateOnly? EndsOn);

/// <summary>Kinds of evaluation.</summary>
public enum EvaluationKind
{
    /// <summary>Mid-term (or periodic, for open-ended tracks).</summary>
    MidTerm,
    /// <summary>Final evaluation before acceptance.</summary>
    Final,
}

/// <summary>A project was evaluated against its targets.</summary>
/// <param name="ProjectId">Project.</param>
/// <param name="ApplicationId">Its application.</param>
/// <param name="Kind">Mid-term or final.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Remarks">Evaluators' remarks.</param>
/// <param name="EvaluatedOn">Date.</param>
public sealed record ProjectEvaluated(
    Guid ProjectId, Guid ApplicationId, EvaluationKind Kind, bool Passed, string? Remarks, DateOnly EvaluatedOn)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}

/// <summary>A project passed acceptance (验收) and is closed.</summary>
/// <param name="ProjectId">Project.</param>
/// <param name="ApplicationId">Its application.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="CreditCode">Credit code of the unit.</param>
/// <param name="AcceptedOn">Date.</param>
public sealed record ProjectAccepted(Guid ProjectId, Guid ApplicationId, string TrackId, string CreditCode, DateOnly AcceptedOn)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}
