using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using IpPlatform.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Infrastructure.Messaging;

/// <summary>
/// Wakes the dispatcher as soon as a transaction with outbox rows commits: SaveChanges' own, or the caller's when
/// it saves inside one (the rows are invisible to the dispatcher's connection until then). Saves that stage no event
/// do not wake it; each wake costs the dispatcher a query.
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor, IDbTransactionInterceptor
{
    readonly SemaphoreSlim signal = new(0, 1);
    // Contexts whose saved events wait for their transaction's commit (contexts are pooled: the entry is removed).
    readonly ConditionalWeakTable<DbContext, object> staged = new();
    static readonly object Staged = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stage(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stage(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    // In the caller's transaction an earlier save may have staged events: its commit or rollback decides.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void Stage(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Added<OutboxMessage>().Count > 0)
            staged.AddOrUpdate(context, Staged);
    }

    // Without a transaction of the caller's, SaveChanges has committed its own.
    void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) Committed(context);
    }

    void Committed(DbContext? context)
    {
        if (context is not null && staged.Remove(context)) Notify();
    }

    void Failed(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) Forget(context);
    }

    void Forget(DbContext? context)
    {
        if (context is not null) staged.Remove(context);
    }

    void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits for a wake (true) or the timeout (false); a wake while nobody waits is kept for the next wait.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Publishes stored events, oldest first, in batches: the batch's publishes are issued in order and their
/// publisher confirms awaited together (MassTransit's RabbitMQ transport completes a Publish only on the
/// broker's confirm), then the batch is marked dispatched in one commit. A crash between confirm and mark
/// re-publishes with the same message id; consumers' inboxes drop it. The dispatcher wakes on
/// <see cref="OutboxSignal"/> as soon as a transaction with outbox rows commits; the poll is only a fallback.
/// <para>
/// Replicas: on SQL Server each pass claims its rows (<c>UPDLOCK, READPAST</c> inside a transaction held until
/// the batch is marked), so two replicas never publish the same row. On SQLite a database file belongs to one
/// process: run one replica per file (the dispatcher does not claim rows there).
/// </para>
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    const int BatchSize = 100;
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);
    static readonly Counter<long> Published = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.outbox.published");
    static readonly Counter<long> Failures = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.outbox.publish_failures");
    static readonly Histogram<double> Delay = IpPlatformTelemetry.Meter.CreateHistogram<double>(
        "ipplatform.outbox.dispatch_delay", "ms", "From the event's commit to the broker's confirm");

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
        if (!db.Database.IsSqlServer())
            return HoldsSqliteFile(db) ? await DispatchAsync(db, bus, cancellationToken) : 0;

        // The claim lives as long as the transaction; the execution strategy retries the whole pass.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var dispatched = await DispatchAsync(db, bus, ct);
            await transaction.CommitAsync(ct);
            return dispatched;
        }, cancellationToken);
    }

    async Task<int> DispatchAsync(TContext db, IBus bus, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await Pending(db, now).ToListAsync(cancellationToken);
        if (batch.Count == 0) return 0;

        var publishes = batch.Select(message => PublishAsync(bus, message, cancellationToken)).ToList();
        try { await Task.WhenAll(publishes); }
        catch (Exception) { /* each publish's outcome is read below: the confirmed ones are marked either way */ }

        var failed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            var type = new KeyValuePair<string, object?>("type", message.MessageType);
            if (publishes[i].IsCompletedSuccessfully)
            {
                var confirmedAt = clock.GetUtcNow().UtcDateTime;
                message.MarkDispatched(confirmedAt);
                Published.Add(1, type);
                Delay.Record((confirmedAt - message.CreatedAtUtc).TotalMilliseconds, type);
                continue;
            }
            var error = publishes[i].Exception?.GetBaseException() ?? new OperationCanceledException();
            if (error is OperationCanceledException && cancellationToken.IsCancellationRequested) continue;
            message.MarkFailed(error.Message, clock.GetUtcNow().UtcDateTime);
            Failures.Add(1, type);
            failed++;
            logger.LogWarning(error, "Publishing outbox message {MessageId} ({Type}) failed, attempt {Attempt}",
                message.Id, message.MessageType, message.Attempts);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        // A failure usually means the broker is away: end the pass and let the back-off decide the next attempt.
        return failed > 0 ? 0 : batch.Count;
    }

    // SQLite: the replica holding an exclusive lock on "<database file>.dispatcher" dispatches; the others try again
    // at each poll, so one takes over within a poll of the holder's exit (the OS drops a dead process's lock).
    FileStream? sqliteDispatcherLock;

    bool HoldsSqliteFile(TContext db)
    {
        if (sqliteDispatcherLock is not null) return true;
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return true;
        try
        {
            sqliteDispatcherLock = new FileStream(Path.GetFullPath(file) + ".dispatcher", FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.None);
            logger.LogInformation("This process dispatches the outbox of {Database}", file);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        sqliteDispatcherLock?.Dispose();
        base.Dispose();
    }

    static IQueryable<OutboxMessage> Pending(TContext db, DateTime nowUtc) => db.Database.IsSqlServer()
        ? db.Set<OutboxMessage>().FromSql($"""
            SELECT TOP ({BatchSize}) * FROM [OutboxMessages] WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE [DispatchedAtUtc] IS NULL AND [NextAttemptAtUtc] <= {nowUtc}
            ORDER BY [CreatedAtUtc]
            """)
        : db.Set<OutboxMessage>()
            .Where(m => m.DispatchedAtUtc == null && m.NextAttemptAtUtc <= nowUtc)
            .OrderBy(m => m.CreatedAtUtc)
            .Take(BatchSize);

    static async Task PublishAsync(IBus bus, OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = Outbox.Deserialize(message, out var type);
        // The stored context is remote: it was written by a request that has ended, perhaps in another replica. As a
        // remote parent an unsampled one still yields a (non-recorded) activity, so the publish stays in its trace.
        ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var parent);
        using var activity = IpPlatformTelemetry.ActivitySource.StartActivity(
            $"outbox publish {type.Name}", ActivityKind.Producer, parent);
        using var correlation = message.CorrelationId is null ? null : CorrelationContext.Begin(message.CorrelationId);

        await bus.Publish(payload, type, context =>
        {
            context.MessageId = message.Id;
            if (message.CorrelationId is not null)
                context.Headers.Set(CorrelationIdMiddleware.HeaderName, message.CorrelationId);
            // The trace context the consumers continue. MassTransit writes it only from a send activity it records,
            // replacing this one when the trace is sampled. When it is not, the consumers would otherwise see no
            // context, start new roots and trace every message of an unsampled request: the gateway's sampling
            // decision has to reach them (in a surge that was a fifth of the stack's CPU, spent on telemetry).
            if (activity?.Id is { } current)
                context.Headers.Set(MassTransit.Logging.DiagnosticHeaders.ActivityId, current);
        }, cancellationToken);
    }
}
