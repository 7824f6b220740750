namespace IpPlatform.Portal.Api;

// The funding service's documents as the finance department reads them (GET /api/funding/tranches, /api/funding/{id});
// field names as the API writes them. Types carry the Finance prefix so no other area's names collide.

/// <summary>A tranche with the agreement it belongs to, as finance's work list shows it.</summary>
public sealed record FinanceTrancheItem(Guid ApplicationId, string TrackId, FinanceUnit Unit, FinanceTranche Tranche);

public sealed record FinanceUnit(string Name, string CreditCode, string Kind, string RegionCode);

/// <summary>
/// One tranche of a funding plan: Scheduled → Released (by its trigger: approval, mid-term, acceptance) → Disbursed
/// (finance's payment record), or Cancelled while still scheduled.
/// </summary>
public sealed record FinanceTranche(
    Guid Id, int Sequence, string Name, decimal AmountCny, string Trigger, string Status, DateOnly? ReleasedOn,
    string? VoucherNo, DateOnly? DisbursedOn, string? DisbursedBy, DateOnly? CancelledOn, string? CancellationReason);

/// <summary>The funding agreement of an approved application with all its tranches.</summary>
public sealed record FinanceAgreement(
    Guid Id, Guid ApplicationId, string CallId, string TrackId, FinanceUnit Unit, decimal TotalCny, decimal DisbursedCny,
    DateOnly ApprovedOn, bool Rehearsal, IReadOnlyList<FinanceTranche> Tranches);

/// <summary>A tranche's history, oldest first, from the dates the funding service keeps on it.</summary>
public static class TrancheHistory
{
    /// <param name="What">A word key of the finance area (<c>finance.history.*</c>).</param>
    public sealed record Step(DateOnly? On, string What, string? Detail);

    public static IReadOnlyList<Step> Of(FinanceAgreement agreement, FinanceTranche tranche)
    {
        // Every tranche is planned when the agreement is made on the approval.
        var steps = new List<Step> { new(agreement.ApprovedOn, "finance.history.planned", null) };
        if (tranche.ReleasedOn is { } released) steps.Add(new(released, "finance.history.released", null));
        if (tranche.DisbursedOn is { } paid) steps.Add(new(paid, "finance.history.disbursed", $"{tranche.VoucherNo} · {tranche.DisbursedBy}"));
        if (tranche.CancelledOn is { } cancelled) steps.Add(new(cancelled, "finance.history.cancelled", tranche.CancellationReason));
        return steps;
    }
}
