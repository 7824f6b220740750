using System.Globalization;
using System.Text.Json;
using IpPlatform.Delivery.Contract;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Feed;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Delivery.Api;

/// <summary>Who may read every event and subscribe to them: the administrator, and agencies' clients with the read scope.</summary>
public static class DeliveryPolicies
{
    public const string EventReader = "event-reader";

    public static bool IsEventReader(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Role)?.Value switch
    {
        PlatformRoles.Admin => true,
        PlatformRoles.Agency => user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ')).Contains(PlatformClaims.ReadScope),
        _ => false,
    };
}

public static class EventsApi
{
    const int MaxPage = 500;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");
        api.MapGet("/", Feed)
            .RequireAuthorization(DeliveryPolicies.EventReader)
            .WithSummary("The pull feed: events after a cursor (the last sequence seen), in order, a page at a time, optionally of some types");
        api.MapGet("/asyncapi.json", AsyncApi).AllowAnonymous()
            .WithSummary("The AsyncAPI 3.0 document of every published event (public documentation)");
        api.MapGet("/schemas/{eventName}.json", Schema).AllowAnonymous()
            .WithSummary("The JSON Schema of one event's data (public documentation)");
        return app;
    }

    /// <remarks>
    /// Sequences are assigned in commit order (the consumer takes one event at a time), so a reader that keeps the
    /// last <c>next</c> it saw and asks again never misses an entry, across restarts of either side.
    /// </remarks>
    static async Task<Results<Ok<FeedPage>, ValidationProblem>> Feed(
        DeliveryDbContext db, CloudEventWriter writer, CancellationToken ct, string? after = null, int? limit = null, string? type = null)
    {
        var errors = new Dictionary<string, string[]>();
        long cursor = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor)))
            errors["after"] = ["The cursor is the 'next' value of a previous page (a non-negative integer)."];
        if (limit is < 1 or > MaxPage) errors["limit"] = [$"A page holds 1 to {MaxPage} events."];
        var types = (type ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (types.FirstOrDefault(t => !PublicEvents.Names.Contains(t)) is { } unknown)
            errors["type"] = [$"'{unknown}' is not a published event type; see /api/events/asyncapi.json."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The feed request is invalid");

        var size = limit ?? 100;
        var query = db.Feed.AsNoTracking().Where(f => f.Sequence > cursor);
        if (types.Length > 0) query = query.Where(f => types.Contains(f.Type));
        var entries = await query.OrderBy(f => f.Sequence).Take(size + 1).ToListAsync(ct);
        var page = entries.Take(size).ToList();
        var next = page.Count > 0 ? page[^1].Sequence : cursor;
        return TypedResults.Ok(new FeedPage(
            page.Select(writer.ToJson).ToList(), next.ToString(CultureInfo.InvariantCulture), entries.Count > size));
    }

    static ContentHttpResult AsyncApi(DeliverySettings settings) =>
        TypedResults.Content(EventCatalog.AsyncApi(settings.PublicUrl), "application/json");

    static Results<ContentHttpResult, NotFound> Schema(string eventName) =>
        EventCatalog.SchemaOf(eventName) is { } schema
            ? TypedResults.Content(schema, "application/schema+json")
            : TypedResults.NotFound();
}

/// <summary>A page of the feed: CloudEvents (structured JSON) in sequence order; ask again with <c>after=next</c>.</summary>
public sealed record FeedPage(IReadOnlyList<JsonElement> Events, string Next, bool HasMore);
