using System.Security.Claims;
using IpPlatform.Funding.Agreements;
using IpPlatform.Funding.Data;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Funding.Api;

public static class FundingApi
{
    public static IEndpointRouteBuilder MapFundingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/funding").WithTags("Funding");
        api.MapGet("/{applicationId:guid}", Get)
            .RequireAuthorization(p => p.RequireRole([.. FundingAgreement.ReadersOfAll, PlatformRoles.Applicant]))
            .WithSummary("The funding agreement of an approved application, with its tranches (an applicant: its own only)");
        api.MapGet("/tranches", ListTranches)
            .RequireAuthorization(p => p.RequireRole(FundingAgreement.ReadersOfAll))
            .WithSummary("Tranches by status, e.g. Released: what finance must pay");
        api.MapPost("/tranches/{trancheId:guid}/disbursements", Disburse)
            .RequireAuthorization(PlatformPolicies.Finance)
            .WithSummary("The finance department records the payment of a released tranche");
        app.MapAuditApi<FundingDbContext>("/api/funding");
        return app;
    }

    /// <remarks>Another applicant's agreement is answered as unknown: whether it exists is not theirs to learn.</remarks>
    static async Task<Results<Ok<AgreementView>, NotFound>> Get(Guid applicationId, ClaimsPrincipal user, FundingDbContext db, CancellationToken ct)
    {
        var agreement = await db.Agreements.AsNoTracking().Include(a => a.Tranches).FirstOrDefaultAsync(a => a.ApplicationId == applicationId, ct);
        return agreement is null || !agreement.CanBeReadBy(user.ToActor(), user.Organisation())
            ? TypedResults.NotFound()
            : TypedResults.Ok(AgreementView.From(agreement));
    }

    /// <param name="status">Only tranches in this status; all when absent.</param>
    /// <param name="rehearsal">Tranches of rehearsal calls instead of real ones (finance never pays those).</param>
    static async Task<Ok<List<PayableTrancheView>>> ListTranches(
        FundingDbContext db, CancellationToken ct, TrancheStatus? status = null, bool rehearsal = false)
    {
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Tranches)
            .Where(a => a.Rehearsal == rehearsal && (status == null || a.Tranches.Any(t => t.Status == status)))
            .OrderBy(a => a.ApprovedOn).ThenBy(a => a.Id)
            .ToListAsync(ct);
        var tranches = agreements
            .SelectMany(a => a.OrderedTranches.Where(t => status == null || t.Status == status).Select(t => PayableTrancheView.From(a, t)))
            .ToList();
        return TypedResults.Ok(tranches);
    }

    static async Task<Results<Ok<AgreementView>, NotFound, ValidationProblem>> Disburse(
        Guid trancheId, DisbursementRequest request, ClaimsPrincipal user, FundingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The disbursement is invalid");

        var agreement = await db.Agreements.Include(a => a.Tranches).FirstOrDefaultAsync(a => a.Tranches.Any(t => t.Id == trancheId), ct);
        if (agreement is null) return TypedResults.NotFound();

        var actor = user.ToActor();
        var disbursed = agreement.Disburse(actor, trancheId, request.VoucherNo!.Trim(), request.DisbursedOn!.Value, clock.GetUtcNow());
        db.Record(disbursed, actor, agreement.ApplicationId.ToString(), clock); // same transaction as the payment record
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new BusinessRuleException("already-disbursed", $"Tranche {trancheId} was changed by another request meanwhile.");
        }
        return TypedResults.Ok(AgreementView.From(agreement));
    }
}

/// <summary>The finance department's record of a payment. The amount is the plan's, so it is not asked.</summary>
public sealed record DisbursementRequest(string? VoucherNo, DateOnly? DisbursedOn)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(VoucherNo)) errors["voucherNo"] = ["The finance voucher number is required."];
        else if (VoucherNo.Trim().Length > 64) errors["voucherNo"] = ["A voucher number has at most 64 characters."];
        if (DisbursedOn is null) errors["disbursedOn"] = ["The date of payment is required."];
        return errors;
    }
}

public sealed record AgreementView(
    Guid Id, Guid ApplicationId, string CallId, string TrackId, UnitView Unit, decimal TotalCny, decimal DisbursedCny,
    DateOnly ApprovedOn, bool Rehearsal, IReadOnlyList<TrancheView> Tranches)
{
    public static AgreementView From(FundingAgreement a) => new(
        a.Id, a.ApplicationId, a.CallId, a.TrackId, UnitView.From(a), a.TotalCny, a.DisbursedCny, a.ApprovedOn, a.Rehearsal,
        a.OrderedTranches.Select(TrancheView.From).ToList());
}

public sealed record UnitView(string Name, string CreditCode, string Kind, string RegionCode)
{
    public static UnitView From(FundingAgreement a) => new(a.UnitName, a.CreditCode, a.UnitKind, a.RegionCode);
}

public sealed record TrancheView(
    Guid Id, int Sequence, string Name, decimal AmountCny, TrancheTrigger Trigger, TrancheStatus Status, DateOnly? ReleasedOn,
    string? VoucherNo, DateOnly? DisbursedOn, string? DisbursedBy, DateOnly? CancelledOn, string? CancellationReason)
{
    public static TrancheView From(Tranche t) => new(
        t.Id, t.Sequence, t.Name, t.AmountCny, t.Trigger, t.Status, t.ReleasedOn, t.VoucherNo, t.DisbursedOn, t.DisbursedBy, t.CancelledOn, t.CancellationReason);
}

/// <summary>A tranche with the agreement it belongs to, as finance sees it in its work list.</summary>
public sealed record PayableTrancheView(Guid ApplicationId, string TrackId, UnitView Unit, TrancheView Tranche)
{
    public static PayableTrancheView From(FundingAgreement a, Tranche t) => new(a.ApplicationId, a.TrackId, UnitView.From(a), TrancheView.From(t));
}
