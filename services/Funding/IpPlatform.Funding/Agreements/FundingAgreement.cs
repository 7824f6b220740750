using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Security;

namespace IpPlatform.Funding.Agreements;

/// <summary>What releases a tranche for payment (the call's <see cref="TranchePlanItem.Trigger"/>).</summary>
public enum TrancheTrigger { Approval, MidTermPassed, Acceptance }

/// <summary>Scheduled → Released (by its trigger) → Disbursed (by finance); or Cancelled while still scheduled.</summary>
public enum TrancheStatus { Scheduled, Released, Disbursed, Cancelled }

/// <summary>
/// The funds granted to one approved application, split into the tranches of its track's plan, and what the
/// finance department has paid of them.
/// </summary>
public sealed class FundingAgreement
{
    /// <summary>Roles that see every agreement and the finance work list; an applicant sees only its own agreements.</summary>
    public static readonly string[] ReadersOfAll = [PlatformRoles.Finance, PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency];

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string UnitKind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public decimal TotalCny { get; private set; }
    /// <summary>Funded under a rehearsal call: the flow runs, but finance never pays it.</summary>
    public bool Rehearsal { get; private set; }
    /// <summary>Time zone of the call, in which "today" is read for payment dates.</summary>
    public string TimeZone { get; private set; } = "";
    public DateOnly ApprovedOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public List<Tranche> Tranches { get; private set; } = [];

    FundingAgreement() { }

    /// <summary>
    /// Records an approved decision: the total is split by the plan's shares to the fen, and the tranches
    /// released by approval itself are released on the decision date.
    /// </summary>
    public static FundingAgreement Create(ApplicationDecided decided, TrackPlan plan, DateTime nowUtc)
    {
        if (decided.Decision != ProvincialDecision.Approved)
            throw new BusinessRuleException("not-approved", $"Application {decided.ApplicationId} was not approved; nothing to fund.");
        if (decided.ApprovedAmountCny is not { } total || total <= 0 || decimal.Round(total, 2) != total)
            throw new BusinessRuleException("invalid-amount",
                $"Application {decided.ApplicationId} was approved with amount {decided.ApprovedAmountCny}; a positive amount in fen is required.");

        var items = plan.Items;
        var amounts = Split(total, items.Select(i => i.Share).ToList());
        var agreement = new FundingAgreement
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = decided.ApplicationId,
            CallId = decided.CallId,
            TrackId = decided.TrackId,
            UnitName = decided.Applicant.Name,
            CreditCode = decided.Applicant.CreditCode,
            UnitKind = decided.Applicant.Kind,
            RegionCode = decided.Applicant.RegionCode,
            TotalCny = total,
            Rehearsal = plan.Rehearsal,
            TimeZone = plan.TimeZone,
            ApprovedOn = LocalDate(decided.DecidedAt, plan.TimeZone),
            CreatedAtUtc = nowUtc,
        };
        for (var i = 0; i < items.Count; i++)
            agreement.Tranches.Add(new Tranche(agreement.Id, i + 1, items[i].Name, amounts[i], ParseTrigger(items[i].Trigger)));
        agreement.Release(TrancheTrigger.Approval, agreement.ApprovedOn);
        return agreement;
    }

    public TranchesScheduled Scheduled(DateTimeOffset at) => new(
        ApplicationId, TotalCny,
        OrderedTranches.Select(t => new ScheduledTranche(t.Id, t.Name, t.AmountCny, t.Trigger.ToString())).ToList(), at);

    public IEnumerable<Tranche> OrderedTranches => Tranches.OrderBy(t => t.Sequence);

    public decimal DisbursedCny => Tranches.Where(t => t.Status == TrancheStatus.Disbursed).Sum(t => t.AmountCny);

    /// <summary>
    /// Whether <paramref name="actor"/> may see this agreement: the overseeing roles see all, an applicant only
    /// those of its own unit (<paramref name="organisation"/>, the credit code its account is bound to).
    /// </summary>
    public bool CanBeReadBy(Actor actor, string? organisation) => actor.Role == PlatformRoles.Applicant
        ? organisation is not null && organisation == CreditCode
        : ReadersOfAll.Contains(actor.Role);

    /// <summary>Releases every still-scheduled tranche with this trigger. A repeated trigger changes nothing.</summary>
    /// <returns>The tranches released now; empty when the trigger had already been applied.</returns>
    public IReadOnlyList<Tranche> Release(TrancheTrigger trigger, DateOnly on)
    {
        var released = Tranches.Where(t => t.Trigger == trigger && t.Status == TrancheStatus.Scheduled).ToList();
        foreach (var tranche in released)
            tranche.Release(on);
        return released;
    }

    /// <summary>
    /// A failed mid-term ends the project (monitoring terminates it), so nothing still scheduled will ever be
    /// due: the mid-term tranches and any acceptance tranche are cancelled with the reason.
    /// </summary>
    /// <returns>The tranches cancelled now.</returns>
    public IReadOnlyList<Tranche> CancelAfterFailedMidTerm(DateOnly on, string? remarks)
    {
        var reason = string.IsNullOrWhiteSpace(remarks) ? "Mid-term evaluation failed." : $"Mid-term evaluation failed: {remarks}";
        var cancelled = Tranches.Where(t => t.Status == TrancheStatus.Scheduled).ToList();
        foreach (var tranche in cancelled)
            tranche.Cancel(on, reason);
        return cancelled;
    }

    /// <summary>
    /// The finance department paid a released tranche; the amount is the plan's, never the payer's. Only a
    /// finance account records payments, and the tranche keeps who did.
    /// </summary>
    public TrancheDisbursed Disburse(Actor by, Guid trancheId, string voucherNo, DateOnly disbursedOn, DateTimeOffset now)
    {
        if (by.Role != PlatformRoles.Finance)
            throw new ActRefusedException("finance-only", $"Only the finance department records payments; {by.Name} is {by.Role}.");
        var tranche = Tranches.SingleOrDefault(t => t.Id == trancheId)
            ?? throw new InvalidOperationException($"Tranche {trancheId} is not part of agreement {Id}.");
        if (disbursedOn > LocalDate(now, TimeZone))
            throw new BusinessRuleException("disbursed-in-future", $"A payment dated {disbursedOn:yyyy-MM-dd} has not happened yet.");
        tranche.Disburse(voucherNo, disbursedOn, by.Name);
        var isFinal = tranche.Sequence == Tranches.Max(t => t.Sequence);
        return new TrancheDisbursed(tranche.Id, ApplicationId, CreditCode, tranche.Name, tranche.AmountCny, isFinal, voucherNo, disbursedOn) { By = by };
    }

    /// <summary>
    /// Splits <paramref name="total"/> by <paramref name="shares"/> (which sum to 1) into amounts in fen that sum
    /// exactly to the total: each share is rounded down to the fen and the fen left over go, one each, to the
    /// shares that lost the most (largest remainder), earlier tranches first on a tie.
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal total, IReadOnlyList<decimal> shares)
    {
        if (shares.Count == 0 || shares.Any(s => s <= 0) || shares.Sum() != 1m)
            throw new BusinessRuleException("invalid-plan", $"Tranche shares [{string.Join(", ", shares)}] must be positive and sum to 1.");
        var exact = shares.Select(s => total * s).ToArray();
        var amounts = exact.Select(x => decimal.Floor(x * 100) / 100).ToArray();
        var fenLeft = (int)((total - amounts.Sum()) * 100);
        foreach (var i in Enumerable.Range(0, amounts.Length).OrderByDescending(i => exact[i] - amounts[i]).ThenBy(i => i).Take(fenLeft))
            amounts[i] += 0.01m;
        return amounts;
    }

    static TrancheTrigger ParseTrigger(string trigger) =>
        Enum.TryParse<TrancheTrigger>(trigger, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new BusinessRuleException("unknown-trigger", $"Tranche trigger '{trigger}' is not one of {string.Join(", ", Enum.GetNames<TrancheTrigger>())}.");

    /// <summary>The calendar date of <paramref name="at"/> where the province works.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
}

/// <summary>One payment of an agreement, in plan order.</summary>
public sealed class Tranche
{
    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    /// <summary>Position in the plan, from 1; the highest is the final tranche.</summary>
    public int Sequence { get; private set; }
    public string Name { get; private set; } = "";
    public decimal AmountCny { get; private set; }
    public TrancheTrigger Trigger { get; private set; }
    public TrancheStatus Status { get; private set; }
    public DateOnly? ReleasedOn { get; private set; }
    public string? VoucherNo { get; private set; }
    public DateOnly? DisbursedOn { get; private set; }
    /// <summary>The finance account that recorded the payment.</summary>
    public string? DisbursedBy { get; private set; }
    public DateOnly? CancelledOn { get; private set; }
    public string? CancellationReason { get; private set; }

    Tranche() { }

    internal Tranche(Guid agreementId, int sequence, string name, decimal amountCny, TrancheTrigger trigger)
    {
        Id = Guid.CreateVersion7();
        AgreementId = agreementId;
        Sequence = sequence;
        Name = name;
        AmountCny = amountCny;
        Trigger = trigger;
        Status = TrancheStatus.Scheduled;
    }

    internal void Release(DateOnly on)
    {
        Status = TrancheStatus.Released;
        ReleasedOn = on;
    }

    internal void Cancel(DateOnly on, string reason)
    {
        Status = TrancheStatus.Cancelled;
        CancelledOn = on;
        CancellationReason = reason;
    }

    internal void Disburse(string voucherNo, DateOnly on, string by)
    {
        switch (Status)
        {
            case TrancheStatus.Disbursed:
                throw new BusinessRuleException("already-disbursed", $"Tranche '{Name}' was already paid on {DisbursedOn:yyyy-MM-dd} (voucher {VoucherNo}).");
            case TrancheStatus.Scheduled or TrancheStatus.Cancelled:
                throw new BusinessRuleException("not-released", $"Tranche '{Name}' is {Status}; only a released tranche can be paid.");
        }
        if (on < ReleasedOn)
            throw new BusinessRuleException("disbursed-before-release", $"Tranche '{Name}' was released on {ReleasedOn:yyyy-MM-dd}; it cannot have been paid on {on:yyyy-MM-dd}.");
        Status = TrancheStatus.Disbursed;
        VoucherNo = voucherNo;
        DisbursedOn = on;
        DisbursedBy = by;
    }
}

/// <summary>The tranche plan of one track of a published call, as funding keeps it.</summary>
public sealed class TrackPlan
{
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public bool Rehearsal { get; private set; }
    public string TimeZone { get; private set; } = "";
    public string ItemsJson { get; private set; } = "[]";

    TrackPlan() { }

    /// <summary>The call version this plan is of (<see cref="Contracts.Events.CallPublished.Version"/>).</summary>
    public int CallVersion { get; private set; } = 1;

    public static TrackPlan From(CallDocument call, TrackDefinition track, int callVersion = 1)
    {
        var plan = new TrackPlan { CallId = call.Id, TrackId = track.Id, CallVersion = callVersion };
        plan.Replace(call, track, callVersion);
        return plan;
    }

    /// <summary>
    /// The same version published again (a redelivery) replaces the plan; each version keeps its own plan, and agreements
    /// already made keep theirs.
    /// </summary>
    public void Replace(CallDocument call, TrackDefinition track, int callVersion = 1)
    {
        if (callVersion < CallVersion) return;
        CallVersion = callVersion;
        Rehearsal = call.Rehearsal;
        TimeZone = call.TimeZone;
        ItemsJson = JsonSerializer.Serialize(track.Tranches, JsonSerializerOptions.Web);
    }

    public IReadOnlyList<TranchePlanItem> Items => JsonSerializer.Deserialize<List<TranchePlanItem>>(ItemsJson, JsonSerializerOptions.Web)!;
}
