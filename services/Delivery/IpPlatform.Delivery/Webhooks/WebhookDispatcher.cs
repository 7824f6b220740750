using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Feed;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Delivery.Webhooks;

/// <summary>Wakes the dispatcher when deliveries were added, instead of at its next poll.</summary>
public sealed class WebhookSignal
{
    readonly SemaphoreSlim signal = new(0, 1);
    public void Wake() { if (signal.CurrentCount == 0) try { signal.Release(); } catch (SemaphoreFullException) { } }
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}

/// <summary>
/// Hands due deliveries to their receivers. Each subscription is drained by its own worker, at most one per
/// subscription at a time, so a slow or dead receiver (each call bounded by a short timeout) only ever delays
/// its own deliveries. A receiver may see an event twice (a crash between its answer and our save) and, while
/// retrying, out of order: it de-duplicates by the CloudEvents <c>id</c> and orders by the <c>sequence</c> extension.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookSignal signal, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    readonly ConcurrentDictionary<Guid, Task> workers = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var subscriptionId in await DueSubscriptionsAsync(stoppingToken))
                {
                    if (workers.ContainsKey(subscriptionId)) continue;
                    workers[subscriptionId] = Task.Run(async () =>
                    {
                        try { await DrainAsync(subscriptionId, stoppingToken); }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            logger.LogError(e, "Draining subscription {SubscriptionId} failed; the next round resumes it", subscriptionId);
                        }
                        finally { workers.TryRemove(subscriptionId, out _); }
                    }, stoppingToken);
                }
                await DeliveryMetrics.RefreshBacklogAsync(scopes, clock, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook dispatch round failed; retrying");
            }
            try { await signal.WaitAsync(Poll, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(workers.Values).ContinueWith(_ => { }, CancellationToken.None);
    }

    async Task<List<Guid>> DueSubscriptionsAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now))
            .Select(d => d.SubscriptionId).Distinct().ToListAsync(ct);
    }

    async Task DrainAsync(Guid subscriptionId, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await db.Deliveries
                .Where(d => d.SubscriptionId == subscriptionId && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
                            && (d.LeasedUntil == null || d.LeasedUntil < now))
                .OrderBy(d => d.FeedSequence).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            if (candidate is not { } deliveryId) return;
            // Claimed by a conditional update: of two dispatcher instances, one wins; the lease outlives one call's timeout.
            var leaseUntil = now + sender.Timeout + TimeSpan.FromSeconds(30);
            var claimed = await db.Deliveries
                .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.Pending && (d.LeasedUntil == null || d.LeasedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeasedUntil, leaseUntil), ct);
            if (claimed == 0) continue;
            var delivery = await db.Deliveries.SingleAsync(d => d.Id == deliveryId, ct);
            var subscription = await db.Subscriptions.FindAsync([subscriptionId], ct);
            var entry = await db.Feed.AsNoTracking().FirstOrDefaultAsync(f => f.Sequence == delivery.FeedSequence, ct);
            if (subscription is null || entry is null) return;
            if (!subscription.IsActive)
            {
                // A cancelled subscription's backlog is closed, not sent: it stays listed as dead-lettered.
                delivery.Abandon("subscription cancelled", now);
                await db.SaveChangesAsync(ct);
                continue;
            }

            var outcome = await sender.SendAsync(subscription, entry, delivery.Id, ct);
            var at = clock.GetUtcNow().UtcDateTime;
            if (outcome.Succeeded)
            {
                delivery.Succeeded(outcome.StatusCode!.Value, at, outcome.DurationMs);
                DeliveryMetrics.Delivered(subscriptionId, at - entry.RecordedAt);
            }
            else
            {
                delivery.Failed(outcome.StatusCode, outcome.Error!, at, outcome.DurationMs);
                DeliveryMetrics.Failed(subscriptionId, delivery.Status == DeliveryStatus.DeadLettered);
                logger.LogInformation("Delivery {DeliveryId} to subscription {SubscriptionId} failed ({Error}); {Next}",
                    delivery.Id, subscriptionId, outcome.Error, delivery.Status == DeliveryStatus.DeadLettered ? "dead-lettered" : $"next at {delivery.NextAttemptAt:O}");
            }
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>What a receiver made of one delivery.</summary>
public sealed record SendOutcome(bool Succeeded, int? StatusCode, string? Error, double DurationMs);

/// <summary>
/// Posts one event to a receiver: CloudEvents structured JSON, signed, with a short timeout, no redirects, and
/// a connection only to addresses the <see cref="CallbackAddressPolicy"/> allows (checked at connect time).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    readonly HttpClient http;
    readonly CloudEventWriter writer;
    readonly TimeProvider clock;

    public WebhookSender(CallbackAddressPolicy policy, CloudEventWriter writer, DeliverySettings settings, TimeProvider clock)
    {
        this.writer = writer;
        this.clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await System.Net.Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                var allowed = addresses.Where(policy.IsAllowed).ToArray();
                if (allowed.Length == 0 || allowed.Length != addresses.Length)
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to an address the platform does not call.");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { Timeout = settings.WebhookTimeout };
    }

    /// <summary>How long one call may take.</summary>
    public TimeSpan Timeout => http.Timeout;

    public async Task<SendOutcome> SendAsync(WebhookSubscription subscription, FeedEntry entry, Guid deliveryId, CancellationToken ct)
    {
        var body = writer.Encode(entry);
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.CallbackUrl)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(CloudEventWriter.MediaType) { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(subscription.SigningSecrets(now.UtcDateTime), timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new SendOutcome(true, status, null, watch.Elapsed.TotalMilliseconds)
                : new SendOutcome(false, status, $"HTTP {status}", watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Whatever went wrong on the way (refused address, reset, timeout, a URL the handler rejects) is the receiver's failure to take it.
            var error = e is TaskCanceledException ? "timed out" : e.Message;
            return new SendOutcome(false, null, error, watch.Elapsed.TotalMilliseconds);
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Delivery metrics on the platform meter, tagged per subscription: what the dashboard shows.</summary>
public static class DeliveryMetrics
{
    static readonly Counter<long> Deliveries = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.webhooks.deliveries", description: "Events delivered to a receiver (2xx)");
    static readonly Counter<long> Failures = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.webhooks.failures", description: "Failed delivery attempts; outcome=dead-lettered for the last");
    static readonly Histogram<double> Lag = IpPlatformTelemetry.Meter.CreateHistogram<double>("ipplatform.webhooks.lag", "s", "From storing an event to its receiver's 2xx");
    static volatile IReadOnlyList<(Guid Subscription, long Pending, double OldestSeconds)> backlog = [];

    static DeliveryMetrics()
    {
        IpPlatformTelemetry.Meter.CreateObservableGauge("ipplatform.webhooks.pending", () =>
            backlog.Select(b => new Measurement<long>(b.Pending, new KeyValuePair<string, object?>("subscription", b.Subscription.ToString()))), description: "Deliveries not yet made");
        IpPlatformTelemetry.Meter.CreateObservableGauge("ipplatform.webhooks.backlog_age", () =>
            backlog.Select(b => new Measurement<double>(b.OldestSeconds, new KeyValuePair<string, object?>("subscription", b.Subscription.ToString()))), "s", "Age of the oldest delivery not yet made: the lag a subscriber is behind");
    }

    public static void Delivered(Guid subscription, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("subscription", subscription.ToString());
        Deliveries.Add(1, tag);
        Lag.Record(Math.Max(0, lag.TotalSeconds), tag);
    }

    public static void Failed(Guid subscription, bool deadLettered) =>
        Failures.Add(1, new KeyValuePair<string, object?>("subscription", subscription.ToString()),
            new KeyValuePair<string, object?>("outcome", deadLettered ? "dead-lettered" : "retrying"));

    internal static async Task RefreshBacklogAsync(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var rows = await db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending)
            .GroupBy(d => d.SubscriptionId)
            .Select(g => new { g.Key, Count = g.LongCount(), Oldest = g.Min(d => d.CreatedAt) })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        backlog = rows.Select(r => (r.Key, r.Count, (now - r.Oldest).TotalSeconds)).ToList();
    }
}
