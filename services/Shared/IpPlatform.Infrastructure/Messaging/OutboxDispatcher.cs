using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Infrastructure.Messaging;

/// <summary>Wakes the dispatcher as soon as a transaction with outbox rows commits.</summary>
public sealed class OutboxSignal : SaveChangesInterceptor
{
    readonly SemaphoreSlim signal = new(0, 1);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Notify();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notify();
        return result;
    }

    void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Publishes stored events in order of creation. MassTransit's RabbitMQ transport waits for the broker's
/// publisher confirm before Publish returns, so a row is marked dispatched only once the broker has it.
/// A crash between confirm and mark re-publishes with the same message id; consumers' inboxes drop it.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    const int BatchSize = 50;
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    static readonly Counter<long> Published = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.outbox.published");
    static readonly Counter<long> Failures = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.outbox.publish_failures");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var dispatched = 0;
            try
            {
                dispatched = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Database away, schema not yet migrated: wait and try again, never die.
                logger.LogWarning(ex, "Outbox dispatch pass failed");
            }

            if (dispatched < BatchSize)
            {
                try { await signal.WaitAsync(IdlePoll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();
        var now = clock.GetUtcNow().UtcDateTime;

        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAtUtc == null && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.CreatedAtUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        foreach (var message in batch)
        {
            try
            {
                await PublishAsync(bus, message, cancellationToken);
                message.MarkDispatched(clock.GetUtcNow().UtcDateTime);
                Published.Add(1, new KeyValuePair<string, object?>("type", message.MessageType));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed(ex.Message, clock.GetUtcNow().UtcDateTime);
                Failures.Add(1, new KeyValuePair<string, object?>("type", message.MessageType));
                logger.LogWarning(ex, "Publishing outbox message {MessageId} ({Type}) failed, attempt {Attempt}",
                    message.Id, message.MessageType, message.Attempts);
                // End the pass: a failure usually means the broker is away, so the rest of the batch would fail
                // too. Order is kept while the broker is up; consumers do not rely on it across failures.
                await db.SaveChangesAsync(cancellationToken);
                return 0;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return batch.Count;
    }

    static async Task PublishAsync(IBus bus, OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = Outbox.Deserialize(message, out var type);
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = IpPlatformTelemetry.ActivitySource.StartActivity(
            $"outbox publish {type.Name}", ActivityKind.Producer, parent);
        using var correlation = message.CorrelationId is null ? null : CorrelationContext.Begin(message.CorrelationId);

        await bus.Publish(payload, type, context =>
        {
            context.MessageId = message.Id;
            if (message.CorrelationId is not null)
                context.Headers.Set(CorrelationIdMiddleware.HeaderName, message.CorrelationId);
        }, cancellationToken);
    }
}
