using System.Security.Claims;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Routing.Data;
using IpPlatform.Routing.Recommendations;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Routing.Api;

/// <summary>
/// The city's summary table (申报汇总表) per call: read as JSON, downloaded as XLSX and A4 landscape PDF by the city
/// office and government of the city, the province and the administrator; ordered and delivered per track by the
/// city office before the track's deadline.
/// </summary>
public static class SummaryTablesApi
{
    const string ProblemBase = "https://ipplatform.jiangsu.example/problems/";
    const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapSummaryTables(this RouteGroupBuilder api)
    {
        var tables = api.MapGroup("/summary-tables/{callId}").WithTags("Summary tables");
        tables.MapGet("/{cityCode}", Get).WithSummary("The city's summary table of a call: per track the applications it forwarded, in its order, with totals")
            .RequireAuthorization(Readers);
        tables.MapGet("/{cityCode}.xlsx", Xlsx).WithSummary("The summary table as an XLSX workbook, a sheet per track")
            .RequireAuthorization(Readers);
        tables.MapGet("/{cityCode}.pdf", Pdf).WithSummary("The summary table as an A4 landscape PDF with its fingerprint")
            .RequireAuthorization(Readers);
        tables.MapPut("/{cityCode}/{trackId}/order", PutOrder).WithSummary("The city office sets the order of a track's applications (before delivery)")
            .RequireAuthorization(p => p.RequireRole(PlatformRoles.CityOffice));
        tables.MapPost("/{cityCode}/{trackId}/delivery", Deliver).WithSummary("The city office delivers a track's table before the track's deadline; final")
            .RequireAuthorization(p => p.RequireRole(PlatformRoles.CityOffice));
        return api;
    }

    static void Readers(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(PlatformRoles.CityOffice, PlatformRoles.CityGovernment, PlatformRoles.Province, PlatformRoles.Admin);

    static async Task<Results<Ok<SummaryTableDocument>, ValidationProblem, ProblemHttpResult>> Get(
        string callId, string cityCode, ClaimsPrincipal user, RoutingDbContext db, CancellationToken ct)
    {
        var loaded = await Load(callId, cityCode, user.ToActor(), SummaryTables.EnsureReadableBy, db, ct);
        if (loaded.Invalid is { } invalid) return invalid;
        if (loaded.Missing is { } missing) return missing;
        return TypedResults.Ok(loaded.Table!.Document());
    }

    static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Xlsx(
        string callId, string cityCode, ClaimsPrincipal user, RoutingDbContext db, CancellationToken ct)
    {
        var loaded = await Load(callId, cityCode, user.ToActor(), SummaryTables.EnsureReadableBy, db, ct);
        if (loaded.Invalid is { } invalid) return invalid;
        if (loaded.Missing is { } missing) return missing;
        return TypedResults.File(SummaryTableExports.Xlsx(loaded.Table!.Document()), XlsxType, $"summary-table-{callId}-{cityCode}.xlsx");
    }

    static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Pdf(
        string callId, string cityCode, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var loaded = await Load(callId, cityCode, user.ToActor(), SummaryTables.EnsureReadableBy, db, ct);
        if (loaded.Invalid is { } invalid) return invalid;
        if (loaded.Missing is { } missing) return missing;
        return TypedResults.File(SummaryTableExports.Pdf(loaded.Table!.Document(), clock.GetUtcNow()), "application/pdf", $"summary-table-{callId}-{cityCode}.pdf");
    }

    static async Task<Results<Ok<SummaryTableTrack>, ValidationProblem, ProblemHttpResult>> PutOrder(
        string callId, string cityCode, string trackId, SummaryOrderRequest? request, ClaimsPrincipal user, RoutingDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = user.ToActor();
        var loaded = await Load(callId, cityCode, actor, SummaryTables.EnsureOfficeOf, db, ct, trackId);
        if (loaded.Invalid is { } invalid) return invalid;
        if (loaded.Missing is { } missing) return missing;
        if (request?.ApplicationIds is not { } order)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["applicationIds"] = ["The applications in the city's order are required."] },
                title: "The order is invalid");
        var table = loaded.Table!;
        var forwarded = table.ForwardedOn(trackId);
        // Bad input answers 400 before the rule is asked; once delivered the table refuses any order (409).
        var entry = table.Entry(trackId);
        if (!entry.IsDelivered && (order.Count != order.Distinct().Count() || order.Count != forwarded.Count || order.Except(forwarded).Any()))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["applicationIds"] = [$"List each of the {forwarded.Count} applications city {cityCode} forwarded on track '{trackId}' exactly once: {string.Join(", ", forwarded)}."],
            }, title: "The order is invalid");

        entry.SetOrder(actor, order, forwarded, clock.GetUtcNow());
        db.Audit(actor, "SummaryTableOrdered", $"{callId}/{cityCode}/{trackId}", new { order }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(table.Track(trackId));
    }

    static async Task<Results<Ok<SummaryTableTrack>, ValidationProblem, ProblemHttpResult>> Deliver(
        string callId, string cityCode, string trackId, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = user.ToActor();
        var loaded = await Load(callId, cityCode, actor, SummaryTables.EnsureOfficeOf, db, ct, trackId);
        if (loaded.Invalid is { } invalid) return invalid;
        if (loaded.Missing is { } missing) return missing;
        var table = loaded.Table!;
        var entry = table.Entry(trackId);
        var definition = table.Call?.FindTrack(trackId);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(table.Call?.TimeZone ?? "Asia/Shanghai");
        entry.Deliver(actor, table.Track(trackId), definition?.SummaryTableDeadlineAt, zone, clock.GetUtcNow());
        db.Audit(actor, "SummaryTableDelivered", $"{callId}/{cityCode}/{trackId}",
            new { entry.Fingerprint, Applications = entry.DeliveredRows.Select(r => r.ApplicationId), Deadline = definition?.SummaryTableDeadlineAt?.ToString() }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(table.Track(trackId));
    }

    /// <summary>
    /// The table's inputs, after the checks every endpoint makes in this order: a city code (400), the account's
    /// right to it (403), a call (and track) routing knows (404).
    /// </summary>
    static async Task<LoadResult> Load(string callId, string cityCode, Actor actor, Action<Actor, string> ensureAllowed,
        RoutingDbContext db, CancellationToken ct, string? trackId = null)
    {
        if (!Regions.IsCity(cityCode))
        {
            var hint = Regions.Exists(cityCode) ? $" {cityCode} is a county-level division; its city is {Regions.CityOf(cityCode)}." : "";
            return new(Invalid: TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["cityCode"] = [$"A prefecture-level city of Jiangsu (GB/T 2260), e.g. 320500, is required.{hint}"],
            }, title: "The city is invalid"));
        }
        ensureAllowed(actor, cityCode);
        var call = await db.Calls.FindAsync([callId], ct);
        if (call is null)
            return new(Missing: NotFound("unknown-call", "Unknown call", $"Routing knows no published call '{callId}'."));
        var document = call.Call;
        var trackIds = document?.Tracks.Select(t => t.Id).ToList() ?? [.. call.Quotas.Keys];
        if (trackId is not null && !trackIds.Contains(trackId))
            return new(Missing: NotFound("unknown-track", "Unknown track", $"Call '{callId}' has no track '{trackId}'."));

        var forwarded = await db.Recommendations.Include(r => r.History)
            .Where(Recommendation.RecommendedByCity(callId, cityCode))
            .ToListAsync(ct);
        var entries = await db.SummaryTables.Where(t => t.CallId == callId && t.CityCode == cityCode).ToListAsync(ct);
        return new(Table: new LoadedTable(callId, cityCode, call.Id, document, trackIds, forwarded, entries, db));
    }

    static ProblemHttpResult NotFound(string code, string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: title, detail: detail, type: ProblemBase + code,
        extensions: new Dictionary<string, object?> { ["code"] = code });

    sealed record LoadResult(LoadedTable? Table = null, ValidationProblem? Invalid = null, ProblemHttpResult? Missing = null);

    sealed class LoadedTable(
        string callId, string cityCode, string knownCallId, CallDocument? call, IReadOnlyList<string> trackIds,
        IReadOnlyList<Recommendation> forwarded, List<CitySummaryTable> entries, RoutingDbContext db)
    {
        public CallDocument? Call => call;

        public IReadOnlyList<Guid> ForwardedOn(string trackId) => [.. forwarded.Where(r => r.TrackId == trackId).Select(r => r.ApplicationId)];

        /// <summary>The track's stored order and delivery, created (and tracked) on first use.</summary>
        public CitySummaryTable Entry(string trackId)
        {
            if (entries.FirstOrDefault(e => e.TrackId == trackId) is { } entry) return entry;
            entry = CitySummaryTable.For(callId, cityCode, trackId);
            db.SummaryTables.Add(entry);
            entries.Add(entry);
            return entry;
        }

        public SummaryTableTrack Track(string trackId) =>
            SummaryTables.Track(callId, cityCode, call?.FindTrack(trackId), trackId, forwarded, entries.FirstOrDefault(e => e.TrackId == trackId));

        public SummaryTableDocument Document() =>
            SummaryTables.Document(callId, call?.TitleZh ?? knownCallId, cityCode, [.. trackIds.Select(Track)]);
    }
}

/// <param name="ApplicationIds">Every application the city forwarded on the track, in the order the table lists them.</param>
public sealed record SummaryOrderRequest(List<Guid>? ApplicationIds);
