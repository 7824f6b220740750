using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Routing.Data;
using IpPlatform.Routing.Recommendations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Routing.Api;

public static class RoutingApi
{
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/routing").WithTags("Routing");
        api.MapPost("/{applicationId:guid}/recommend", Recommend).WithSummary("The acting office recommends the application to the next level");
        api.MapPost("/{applicationId:guid}/return", Return).WithSummary("The acting office returns the application to the applicant");
        api.MapGet("/{applicationId:guid}", Get).WithSummary("A recommendation case: level, status and audit history");
        api.MapPut("/cities/{cityCode}/figures", PutCityFigures).WithSummary("A city's figures for banded quotas, per call");
        api.MapGet("/cities/{cityCode}/summary", CitySummary).WithSummary("The city's summary table (申报汇总表) of what it recommended");
        return app;
    }

    static async Task<Results<Ok<RecommendationView>, NotFound, ValidationProblem>> Recommend(
        Guid applicationId, RecommendRequest request, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ValidateOfficeAction(request.OfficeRegionCode, "opinion", request.Opinion, out var level);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The recommendation is invalid");
        var recommendation = await Find(db, applicationId, ct);
        if (recommendation is null) return TypedResults.NotFound();

        var quota = await db.QuotaUsageAsync(recommendation.CallId, recommendation.TrackId, recommendation.CityCode, ct);
        var recommended = recommendation.Recommend(level, request.OfficeRegionCode!, request.Opinion!.Trim(), quota, clock.GetUtcNow());
        db.AddEvent(recommended, clock); // same transaction as the state change
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RecommendationView.From(recommendation));
    }

    static async Task<Results<Ok<RecommendationView>, NotFound, ValidationProblem>> Return(
        Guid applicationId, ReturnRequest request, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ValidateOfficeAction(request.OfficeRegionCode, "reason", request.Reason, out var level);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The return is invalid");
        var recommendation = await Find(db, applicationId, ct);
        if (recommendation is null) return TypedResults.NotFound();

        var returned = recommendation.Return(level, request.OfficeRegionCode!, request.Reason!.Trim(), clock.GetUtcNow());
        db.AddEvent(returned, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RecommendationView.From(recommendation));
    }

    static async Task<Results<Ok<RecommendationView>, NotFound>> Get(Guid applicationId, RoutingDbContext db, CancellationToken ct)
    {
        var recommendation = await db.Recommendations.AsNoTracking().Include(r => r.History)
            .FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
        return recommendation is null ? TypedResults.NotFound() : TypedResults.Ok(RecommendationView.From(recommendation));
    }

    static async Task<Results<Ok<CityFiguresView>, ValidationProblem>> PutCityFigures(
        string cityCode, CityFiguresRequest request, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Regions.IsCity(cityCode)) errors["cityCode"] = ["A prefecture-level city code is 6 digits ending in 00, e.g. 320500."];
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
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CityFiguresView(figures.CallId, figures.CityCode, figures.InventionGrantsLastYear, figures.IncentiveRegion, figures.UpdatedAtUtc));
    }

    static async Task<Results<Ok<CitySummaryView>, NotFound, ValidationProblem>> CitySummary(
        string cityCode, string? callId, RoutingDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(callId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["callId"] = ["The call is required."] });
        var call = await db.Calls.FindAsync([callId], ct);
        if (call is null) return TypedResults.NotFound();

        // Province-administered counties are reported within their city: the case's city code covers them.
        var forwarded = await db.Recommendations.AsNoTracking().Include(r => r.History)
            .Where(r => r.CallId == callId && r.CityCode == cityCode && r.Status == RecommendationStatus.ForwardedToProvince)
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

    // The acting office is identified by its jurisdiction's code, which also gives its level.
    static Dictionary<string, string[]> ValidateOfficeAction(string? officeRegionCode, string textField, string? text, out OfficeLevel level)
    {
        var errors = new Dictionary<string, string[]>();
        var officeLevel = Regions.OfficeLevelOf(officeRegionCode);
        if (officeLevel is null)
            errors["officeRegionCode"] = ["A county (e.g. 320583) or city (e.g. 320500) office's 6-digit GB/T 2260 code is required."];
        if (string.IsNullOrWhiteSpace(text))
            errors[textField] = [$"The office's {textField} is required."];
        level = officeLevel ?? default;
        return errors;
    }
}

public sealed record RecommendRequest(string? OfficeRegionCode, string? Opinion);
public sealed record ReturnRequest(string? OfficeRegionCode, string? Reason);
public sealed record CityFiguresRequest(string? CallId, int? InventionGrantsLastYear, bool? IncentiveRegion);

/// <summary>A case as the offices see it.</summary>
public sealed record RecommendationView(
    Guid ApplicationId, string CallId, string TrackId, string ApplicantName, string CreditCode, string ApplicantKind,
    string RegionCode, string CityCode, string Level, string? OfficeRegionCode, string Status, string? Eligibility,
    IReadOnlyList<HistoryEntry> History)
{
    public static RecommendationView From(Recommendation r) => new(
        r.ApplicationId, r.CallId, r.TrackId, r.ApplicantName, r.CreditCode, r.ApplicantKind, r.RegionCode, r.CityCode,
        r.CurrentLevel.ToString(), r.Status == RecommendationStatus.AtOffice ? r.OfficeOf(r.CurrentLevel) : null,
        r.Status.ToString(), r.Eligibility?.ToString(),
        r.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(h => new HistoryEntry(h.AtUtc, h.What, h.Office, h.Note)).ToList());
}

public sealed record HistoryEntry(DateTime At, string What, string? Office, string? Note);
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
