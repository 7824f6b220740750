using IpPlatform.Contracts.Actors;
namespace IpPlatform.Contracts.Events;

/// <summary>
/// Funding recorded the tranche plan of an approved application with the finance department.
/// </summary>
/// <param name="ApplicationId">Approved application.</param>
/// <param name="TotalCny">Approved amount.</param>
/// <param name="Tranches">Tranches in order.</param>
/// <param name="ScheduledAt">When.</param>
public sealed record TranchesScheduled(
    Guid ApplicationId, decimal TotalCny, IReadOnlyList<ScheduledTranche> Tranches, DateTimeOffset ScheduledAt);

/// <summary>A tranche in a schedule.</summary>
/// <param name="TrancheId">Tranche id.</param>
/// <param name="Name">Name from the call's tranche plan, e.g. <c>start-up</c>.</param>
/// <param name="AmountCny">Amount.</param>
/// <param name="Trigger">What releases it: <c>Approval</c>, <c>MidTermPassed</c>, <c>Acceptance</c>.</param>
public sealed record ScheduledTranche(Guid TrancheId, string Name, decimal AmountCny, string Trigger);

/// <summary>The finance department paid a tranche.</summary>
/// <param name="TrancheId">Tranche paid.</param>
/// <param name="ApplicationId">Application (project) it belongs to.</param>
/// <param name="CreditCode">Credit code of the funded unit.</param>
/// <param name="Name">Tranche name.</param>
/// <param name="AmountCny">Amount paid.</param>
/// <param name="IsFinal">True for the last tranche of the plan.</param>
/// <param name="VoucherNo">Finance voucher number.</param>
/// <param name="DisbursedOn">Date of payment.</param>
public sealed record TrancheDisbursed(
    Guid TrancheId, Guid ApplicationId, string CreditCode, string Name, decimal AmountCny, bool IsFinal,
    string VoucherNo, DateOnly DisbursedOn)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}
