using System.Security.Claims;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Feed;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Delivery.Api;

public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(DeliveryPolicies.EventReader);
        api.MapPost("/", Subscribe).WithSummary("Subscribe a callback URL to event types; the answer carries the signing secret, shown once");
        api.MapGet("/", List).WithSummary("This client's subscriptions (the administrator: all)");
        api.MapGet("/{id:guid}", Get).WithSummary("One subscription");
        api.MapDelete("/{id:guid}", Cancel).WithSummary("Cancel a subscription; what it still owed is dead-lettered");
        api.MapPost("/{id:guid}/secret", RotateSecret).WithSummary("A new signing secret; the previous one stays valid for the grace period");
        api.MapGet("/{id:guid}/deliveries", Deliveries).WithSummary("Deliveries with their attempts, newest first, optionally of one status");
        api.MapPost("/{id:guid}/replay", Replay).WithSummary("Deliver again every wanted event stored since a point in time");
        app.MapAuditApi<DeliveryDbContext>("/api/webhooks");
        return app;
    }

    static async Task<Results<Created<SubscriptionCreated>, ValidationProblem>> Subscribe(
        SubscriptionRequest request, ClaimsPrincipal user, DeliveryDbContext db, CallbackAddressPolicy policy, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.ContainsKey("callbackUrl") && await policy.ProblemsAsync(request.CallbackUrl, ct) is { Count: > 0 } problems)
            errors["callbackUrl"] = [.. problems];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The subscription is invalid");

        var actor = user.ToActor();
        var subscription = WebhookSubscription.Create(actor, new Uri(request.CallbackUrl!), request.EventTypes!, clock.GetUtcNow().UtcDateTime);
        db.Subscriptions.Add(subscription);
        db.Audit(actor, "WebhookSubscribed", subscription.Id.ToString(), new { subscription.CallbackUrl, subscription.EventTypes }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{subscription.Id}", new SubscriptionCreated(SubscriptionView.From(subscription), subscription.Secret));
    }

    static async Task<Ok<List<SubscriptionView>>> List(ClaimsPrincipal user, DeliveryDbContext db, CancellationToken ct)
    {
        var actor = user.ToActor();
        var all = actor.Role == PlatformRoles.Admin;
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => all || s.OwnerAccountId == actor.AccountId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(subscriptions.Select(SubscriptionView.From).ToList());
    }

    /// <remarks>Another client's subscription is answered as unknown: its existence is not theirs to learn.</remarks>
    static async Task<Results<Ok<SubscriptionView>, NotFound>> Get(Guid id, ClaimsPrincipal user, DeliveryDbContext db, CancellationToken ct) =>
        await Managed(db, id, user.ToActor(), ct) is { } s ? TypedResults.Ok(SubscriptionView.From(s)) : TypedResults.NotFound();

    static async Task<Results<NoContent, NotFound>> Cancel(Guid id, ClaimsPrincipal user, DeliveryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = user.ToActor();
        if (await Managed(db, id, actor, ct) is not { } subscription) return TypedResults.NotFound();
        subscription.Cancel();
        db.Audit(actor, "WebhookCancelled", id.ToString(), null, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<SecretRotated>, NotFound>> RotateSecret(
        Guid id, ClaimsPrincipal user, DeliveryDbContext db, DeliverySettings settings, TimeProvider clock, CancellationToken ct)
    {
        var actor = user.ToActor();
        if (await Managed(db, id, actor, ct) is not { } subscription) return TypedResults.NotFound();
        var secret = subscription.RotateSecret(clock.GetUtcNow().UtcDateTime, settings.SecretGracePeriod);
        db.Audit(actor, "WebhookSecretRotated", id.ToString(), new { subscription.PreviousSecretValidUntil }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SecretRotated(secret, Utc(subscription.PreviousSecretValidUntil!.Value)));
    }

    static async Task<Results<Ok<List<DeliveryView>>, NotFound, ValidationProblem>> Deliveries(
        Guid id, ClaimsPrincipal user, DeliveryDbContext db, CancellationToken ct, string? status = null, int? take = null)
    {
        DeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["One of Pending, Delivered, DeadLettered."] }, title: "The query is invalid");
            wanted = parsed;
        }
        if (take is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = ["1 to 500 deliveries a page."] }, title: "The query is invalid");
        if (await Managed(db, id, user.ToActor(), ct) is null) return TypedResults.NotFound();
        var deliveries = await db.Deliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == id && (wanted == null || d.Status == wanted))
            .OrderByDescending(d => d.FeedSequence).ThenByDescending(d => d.CreatedAt).Take(take ?? 100).ToListAsync(ct);
        var events = await db.Feed.AsNoTracking().Where(f => deliveries.Select(d => d.FeedSequence).Contains(f.Sequence))
            .ToDictionaryAsync(f => f.Sequence, f => f.EventId, ct);
        return TypedResults.Ok(deliveries.Select(d => DeliveryView.From(d, events.GetValueOrDefault(d.FeedSequence))).ToList());
    }

    static async Task<Results<Accepted<ReplayStarted>, NotFound, ValidationProblem>> Replay(
        Guid id, ReplayRequest request, ClaimsPrincipal user, DeliveryDbContext db, TimeProvider clock, WebhookSignal signal, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The replay is invalid");
        var actor = user.ToActor();
        if (await Managed(db, id, actor, ct) is not { IsActive: true } subscription) return TypedResults.NotFound();

        var from = request.From!.Value.UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = await db.Feed.AsNoTracking()
            .Where(f => f.RecordedAt >= from && subscription.EventTypes.Contains(f.Type))
            .OrderBy(f => f.Sequence).Select(f => new { f.Sequence, f.Type }).ToListAsync(ct);
        foreach (var entry in entries) db.Deliveries.Add(WebhookDelivery.For(subscription, entry.Sequence, entry.Type, now, isReplay: true));
        db.Audit(actor, "WebhookReplayed", id.ToString(), new { From = request.From, Deliveries = entries.Count }, clock);
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", new ReplayStarted(entries.Count, entries.FirstOrDefault()?.Sequence, entries.LastOrDefault()?.Sequence));
    }

    static async Task<WebhookSubscription?> Managed(DeliveryDbContext db, Guid id, Contracts.Actors.Actor actor, CancellationToken ct) =>
        await db.Subscriptions.FindAsync([id], ct) is { } s && s.IsManagedBy(actor) ? s : null;

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>A subscription: where to post and which event types (names as in the AsyncAPI document).</summary>
public sealed record SubscriptionRequest(string? CallbackUrl, IReadOnlyList<string>? EventTypes)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(CallbackUrl) || CallbackUrl.Length > 2000) errors["callbackUrl"] = ["A callback URL of at most 2000 characters is required."];
        if (EventTypes is null || EventTypes.Count == 0) errors["eventTypes"] = ["Name at least one event type."];
        else if (EventTypes.Where(t => t is null || !PublicEvents.Names.Contains(t)).ToList() is { Count: > 0 } unknown)
            errors["eventTypes"] = [$"Not published event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", PublicEvents.Names.Order())}."];
        return errors;
    }
}

public sealed record ReplayRequest(DateTimeOffset? From)
{
    public Dictionary<string, string[]> Validate() => From is null
        ? new() { ["from"] = ["The point in time to replay from (ISO 8601 with offset) is required."] }
        : [];
}

public sealed record SubscriptionView(Guid Id, string CallbackUrl, IReadOnlyList<string> EventTypes, string Owner, bool Active,
    DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretValidUntil)
{
    public static SubscriptionView From(WebhookSubscription s) => new(s.Id, s.CallbackUrl, s.EventTypes, s.OwnerName, s.IsActive,
        WebhooksApi.Utc(s.CreatedAt), s.PreviousSecretValidUntil is { } until ? WebhooksApi.Utc(until) : null);
}

public sealed record SubscriptionCreated(SubscriptionView Subscription, string Secret);
public sealed record SecretRotated(string Secret, DateTimeOffset PreviousSecretValidUntil);
public sealed record ReplayStarted(int Deliveries, long? FromSequence, long? ToSequence);

public sealed record AttemptView(DateTimeOffset At, int? StatusCode, string? Error, double DurationMs);

public sealed record DeliveryView(Guid Id, Guid EventId, long Sequence, string EventType, string Status, bool Replay,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, IReadOnlyList<AttemptView> Attempts)
{
    public static DeliveryView From(WebhookDelivery d, Guid eventId) => new(d.Id, eventId, d.FeedSequence, d.EventType, d.Status.ToString(), d.IsReplay,
        WebhooksApi.Utc(d.CreatedAt), d.NextAttemptAt is { } next ? WebhooksApi.Utc(next) : null, d.CompletedAt is { } done ? WebhooksApi.Utc(done) : null,
        d.Attempts.Select(a => new AttemptView(WebhooksApi.Utc(a.At), a.StatusCode, a.Error, a.DurationMs)).ToList());
}
