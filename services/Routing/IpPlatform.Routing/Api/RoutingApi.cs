using System.Security.Claims;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Routing.Data;
using IpPlatform.Routing.Recommendations;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Routing.Api;

public static class RoutingApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Routing");
        // The offices that act on the way up; which of them may act on a case is the case's own rule.
        api.MapPost("/{applicationId:guid}/recommend", Recommend).WithSummary("The acting office recommends the application to the next level")
            .RequireAuthorization(ActingOffices);
        api.MapPost("/{applicationId:guid}/return", Return).WithSummary("The acting office returns the application to the applicant")
            .RequireAuthorization(ActingOffices);
        api.MapBulkActions(ActingOffices);
        api.MapSummaryTables();
        api.MapGet("/{applicationId:guid}", Get).WithSummary("A recommendation case: level, status and history of who acted")
            .RequireAuthorization(PlatformPolicies.StaffReader);
        api.MapPut("/cities/{cityCode}/figures", PutCityFigures).WithSummary("A city's figures for banded quotas, per call")
            .RequireAuthorization(PlatformPolicies.Admin);
        api.MapGet("/cities/{cityCode}/summary", GetCitySummary).WithSummary("The city's summary table (申报汇总表) of what it recommended")
            .RequireAuthorization(PlatformPolicies.StaffReader)
            .RequireAuthorization(p => p.RequireRole(PlatformRoles.CityOffice, PlatformRoles.CityGovernment, PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency));
        app.MapAuditApi<RoutingDbContext>(Prefix);
        return app;
    }

    const string Prefix = "/api/routing";

    static void ActingOffices(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(PlatformRoles.CountyOffice, PlatformRoles.CityOffice, PlatformRoles.CityGovernment);

    static async Task<Results<Ok<RecommendationView>, NotFound, ValidationProblem>> Recommend(
        Guid applicationId, RecommendRequest request, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = Required("opinion", request.Opinion);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The recommendation is invalid");
        var recommendation = await Find(db, applicationId, ct);
        if (recommendation is null) return TypedResults.NotFound();

        var actor = user.ToActor();
        for (var attempt = 1; ; attempt++)
        {
            var quota = await db.QuotaUsageAsync(recommendation.CallId, recommendation.TrackId, recommendation.CityCode, ct, recommendation.CallVersion);
            var recommended = recommendation.Recommend(actor, request.Opinion!.Trim(), quota, clock.GetUtcNow());
            db.Record(recommended, actor, applicationId.ToString(), clock); // same transaction as the state change
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(RecommendationView.From(recommendation));
            }
            catch (DbUpdateException ex) when (attempt < MaxSlotClaims
                && (ConcurrentChangeExceptionHandler.IsUniqueSlotTaken(ex) || (ex is DbUpdateConcurrencyException && attempt <= MaxCaseRetries)))
            {
                // Another city recommendation took the same quota slot first, or the case changed under this request
                // (the platform noted a paper copy or an assessment; another office acted). Forget what was staged,
                // reload and decide again on the fresh case: the rules answer what now holds (the next slot, quota-full,
                // wrong-level when another office acted first). Only a case that keeps changing stays a 409.
                db.ChangeTracker.Clear();
                recommendation = await Find(db, applicationId, ct);
                if (recommendation is null) return TypedResults.NotFound();
            }
        }
    }

    /// <summary>
    /// Attempts at a city quota slot within one request. Each lost attempt means another request took a slot, so
    /// a quota of q is decided within q attempts; the bound only stops a pathological loop.
    /// </summary>
    const int MaxSlotClaims = 20;

    /// <summary>Re-decisions on a case that changed under the request before it answers 409 concurrent-change.</summary>
    const int MaxCaseRetries = 3;

    static async Task<Results<Ok<RecommendationView>, NotFound, ValidationProblem>> Return(
        Guid applicationId, ReturnRequest request, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = Required("reason", request.Reason);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The return is invalid");
        var recommendation = await Find(db, applicationId, ct);
        if (recommendation is null) return TypedResults.NotFound();

        var actor = user.ToActor();
        for (var attempt = 1; ; attempt++)
        {
            var returned = recommendation.Return(actor, request.Reason!.Trim(), clock.GetUtcNow());
            db.Record(returned, actor, applicationId.ToString(), clock);
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(RecommendationView.From(recommendation));
            }
            catch (DbUpdateConcurrencyException) when (attempt <= MaxCaseRetries)
            {
                // The case changed under this request: decide again on the fresh case (see Recommend).
                db.ChangeTracker.Clear();
                recommendation = await Find(db, applicationId, ct);
                if (recommendation is null) return TypedResults.NotFound();
            }
        }
    }

    static async Task<Results<Ok<RecommendationView>, NotFound>> Get(Guid applicationId, ClaimsPrincipal user, RoutingDbContext db, CancellationToken ct)
    {
        var recommendation = await db.Recommendations.AsNoTracking().Include(r => r.History)
            .FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
        // Outside the reader's jurisdiction the case does not exist, rather than existing and being refused.
        return recommendation is null || !recommendation.CanBeReadBy(user.ToActor())
            ? TypedResults.NotFound()
            : TypedResults.Ok(RecommendationView.From(recommendation));
    }

    static async Task<Results<Ok<CityFiguresView>, ValidationProblem>> PutCityFigures(
        string cityCode, CityFiguresRequest request, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Regions.IsCity(cityCode)) errors["cityCode"] = ["A prefecture-level city of Jiangsu (GB/T 2260), e.g. 320500, is required."];
        if (string.IsNullOrWhiteSpace(request.CallId)) errors["callId"] = ["The call the figures apply to is required."];
        if (request.InventionGrantsLastYear is not >= 0) errors["inventionGrantsLastYear"] = ["A number of grants, 0 or more, is required."];
        if (request.IncentiveRegion is null) errors["incentiveRegion"] = ["Whether the city is a recognised incentive region is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The city figures are invalid");

        var now = clock.GetUtcNow().UtcDateTime;
        var figures = await db.CityFigures.FindAsync([request.CallId, cityCode], ct);
        if (figures is null)
            db.CityFigures.Add(figures = new CityFigures(request.CallId!, cityCode, request.InventionGrantsLastYear!.Value, request.IncentiveRegion!.Value, now));
        else
            figures.Update(request.InventionGrantsLastYear!.Value, request.IncentiveRegion!.Value, now);
        db.Audit(user.ToActor(), "CityFiguresEntered", cityCode,
            new { request.CallId, cityCode, request.InventionGrantsLastYear, request.IncentiveRegion }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CityFiguresView(figures.CallId, figures.CityCode, figures.InventionGrantsLastYear, figures.IncentiveRegion, figures.UpdatedAtUtc));
    }

    static async Task<Results<Ok<CitySummaryView>, NotFound, ValidationProblem>> GetCitySummary(
        string cityCode, string? callId, ClaimsPrincipal user, RoutingDbContext db, CancellationToken ct)
    {
        CitySummary.EnsureReadableBy(user.ToActor(), cityCode);
        if (string.IsNullOrWhiteSpace(callId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["callId"] = ["The call is required."] });
        var call = await db.Calls.FindAsync([callId], ct);
        if (call is null) return TypedResults.NotFound();

        var forwarded = await db.Recommendations.AsNoTracking().Include(r => r.History)
            .Where(Recommendation.RecommendedByCity(callId, cityCode))
            .ToListAsync(ct);
        var figures = await db.CityFigures.FindAsync([callId, cityCode], ct);
        var tracks = call.Quotas.Select(q =>
        {
            var rows = forwarded.Where(r => r.TrackId == q.Key).OrderBy(r => r.ForwardedAtUtc).Select(SummaryRow.From).ToList();
            var limit = QuotaLimit.Of(q.Value, figures);
            return new TrackSummary(q.Key, rows.Count, limit.Max, limit.MissingReason, rows);
        }).ToList();
        return TypedResults.Ok(new CitySummaryView(callId, cityCode, tracks));
    }

    static Task<Recommendation?> Find(RoutingDbContext db, Guid applicationId, CancellationToken ct) =>
        db.Recommendations.Include(r => r.History).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);

    // The acting office is the token's account, so an office's act needs only its text.
    static Dictionary<string, string[]> Required(string textField, string? text) =>
        string.IsNullOrWhiteSpace(text) ? new() { [textField] = [$"The office's {textField} is required."] } : new();
}

public sealed record RecommendRequest(string? Opinion);
public sealed record ReturnRequest(string? Reason);
public sealed record CityFiguresRequest(string? CallId, int? InventionGrantsLastYear, bool? IncentiveRegion);

/// <summary>A case as the offices see it.</summary>
public sealed record RecommendationView(
    Guid ApplicationId, string CallId, string TrackId, string ApplicantName, string CreditCode, string ApplicantKind,
    string RegionCode, string CityCode, string Level, string? OfficeRegionCode, string Status, string? Eligibility,
    IReadOnlyList<HistoryEntry> History)
{
    /// <summary>Version of the call the application was submitted under, whose quota rule the case counts against.</summary>
    public int? CallVersion { get; init; }

    public static RecommendationView From(Recommendation r) => new(
        r.ApplicationId, r.CallId, r.TrackId, r.ApplicantName, r.CreditCode, r.ApplicantKind, r.RegionCode, r.CityCode,
        r.CurrentLevel.ToString(), r.Status == RecommendationStatus.AtOffice ? r.OfficeOf(r.CurrentLevel) : null,
        r.Status.ToString(), r.Eligibility?.ToString(),
        r.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
            .Select(h => new HistoryEntry(h.AtUtc, h.What, h.Office, h.ByName is null ? null : new ActedBy(h.ByName, h.ByRole ?? "", h.ByOffice), h.Note))
            .ToList()) { CallVersion = r.CallVersion };
}

/// <param name="By">The account that acted; null on steps recorded before accounts existed.</param>
public sealed record HistoryEntry(DateTime At, string What, string? Office, ActedBy? By, string? Note);
public sealed record ActedBy(string Name, string Role, string? Office);
public sealed record CityFiguresView(string CallId, string CityCode, int InventionGrantsLastYear, bool IncentiveRegion, DateTime UpdatedAt);

/// <summary>The city's summary table (申报汇总表): per track of the call, what it forwarded against its quota.</summary>
public sealed record CitySummaryView(string CallId, string CityCode, IReadOnlyList<TrackSummary> Tracks);

/// <param name="Limit">Null when unlimited or not yet known; <paramref name="LimitUnknownReason"/> tells which.</param>
public sealed record TrackSummary(string TrackId, int Used, int? Limit, string? LimitUnknownReason, IReadOnlyList<SummaryRow> Applications);

public sealed record SummaryRow(
    Guid ApplicationId, string ApplicantName, string CreditCode, string ApplicantKind, string RegionCode, string? Eligibility,
    string? CountyOpinion, string? CityOpinion, DateTime? ForwardedAt)
{
    public static SummaryRow From(Recommendation r) => new(
        r.ApplicationId, r.ApplicantName, r.CreditCode, r.ApplicantKind, r.RegionCode, r.Eligibility?.ToString(),
        OpinionOf(r, OfficeLevel.County), OpinionOf(r, OfficeLevel.City), r.ForwardedAtUtc);

    static string? OpinionOf(Recommendation r, OfficeLevel level) =>
        r.History.LastOrDefault(h => h.What == "Recommended" && h.Office?.StartsWith(level.ToString()) == true)?.Note;
}
