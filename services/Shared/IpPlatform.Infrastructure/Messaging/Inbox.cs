using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IpPlatform.Infrastructure.Messaging;

public static class Inbox
{
    static readonly Counter<long> Duplicates = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.inbox.duplicates");
    static readonly Counter<long> Faults = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.consume.faults");
    static readonly Histogram<long> BatchSizes = IpPlatformTelemetry.Meter.CreateHistogram<long>(
        "ipplatform.consume.batch_size", "{message}", "Messages a batch consumer saved in one transaction");

    /// <summary>
    /// Runs <paramref name="handle"/> once per message and receiving queue. The handler changes state and
    /// stages events on <paramref name="db"/> without saving; this saves them together with the inbox row in
    /// one transaction, so a redelivered message (broker redelivery, outbox re-publish) changes nothing.
    /// </summary>
    public static async Task ConsumeOnceAsync<TContext>(this TContext db, ConsumeContext context, Func<Task> handle)
        where TContext : DbContext
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated.");
        var consumer = QueueOf(context);
        var tags = new KeyValuePair<string, object?>("consumer", consumer);

        if (await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
        {
            Duplicates.Add(1, tags);
            return;
        }

        try
        {
            await handle();
            db.Set<InboxMessage>().Add(new InboxMessage(messageId, consumer, DateTime.UtcNow));
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch
        {
            // The retry (or the next consumer in this scope) must not see this attempt's half-made changes.
            db.ChangeTracker.Clear();
            Faults.Add(1, tags);
            throw;
        }
    }

    /// <summary>
    /// The batch form of <see cref="ConsumeOnceAsync{TContext}"/>: the messages not yet in the inbox are handled one
    /// after another on <paramref name="db"/> (each under its own correlation id and trace), then saved with their
    /// inbox rows in one transaction: one inbox query, one audit-chain read and one commit for the batch instead of
    /// one each per message. <paramref name="prepare"/> may load what the handlers need in one query.
    /// <para>
    /// A handler reading the database does not see the batch's earlier messages until the save: it must look at the
    /// context's tracked entities too where that matters. When the batch fails, each message is handled again alone
    /// in its own transaction, so the others are kept; the failure is then rethrown and MassTransit retries the batch's
    /// messages (those kept are dropped by the inbox) and, after the bounded retry, moves them to the <c>_error</c> queue.
    /// </para>
    /// </summary>
    public static async Task ConsumeBatchOnceAsync<TContext, TMessage>(this TContext db, ConsumeContext<Batch<TMessage>> batch,
        Func<ConsumeContext<TMessage>, Task> handle, Func<IReadOnlyList<ConsumeContext<TMessage>>, Task>? prepare = null)
        where TContext : DbContext where TMessage : class
    {
        var messages = batch.Message.ToList();
        if (messages.Count == 1)
        {
            await ConsumeAloneAsync(db, messages[0], handle);
            return;
        }

        var consumer = QueueOf(messages[0]);
        var tags = new KeyValuePair<string, object?>("consumer", consumer);
        var ids = messages.Select(m => m.MessageId ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated."))
            .Distinct().ToList();
        var done = (await db.Set<InboxMessage>().Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
            .Select(m => m.MessageId).ToListAsync(batch.CancellationToken)).ToHashSet();
        // A message delivered twice into one batch counts once.
        var fresh = messages.Where(m => done.Add(m.MessageId!.Value)).ToList();
        if (fresh.Count < messages.Count) Duplicates.Add(messages.Count - fresh.Count, tags);
        if (fresh.Count == 0) return;

        try
        {
            if (prepare is not null) await prepare(fresh);
            var now = DateTime.UtcNow;
            foreach (var message in fresh)
            {
                using (Continue(message)) await handle(message);
                db.Set<InboxMessage>().Add(new InboxMessage(message.MessageId!.Value, consumer, now));
            }
            await db.SaveChangesAsync(batch.CancellationToken);
            BatchSizes.Record(fresh.Count, tags);
        }
        catch when (!batch.CancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            // One message's fault must not hold back the others: each alone, as an unbatched consumer would.
            ExceptionDispatchInfo? first = null;
            foreach (var message in fresh)
            {
                try { await ConsumeAloneAsync(db, message, handle); }
                catch (Exception ex) { first ??= ExceptionDispatchInfo.Capture(ex); }
            }
            first?.Throw();
        }
    }

    static Task ConsumeAloneAsync<TContext, TMessage>(TContext db, ConsumeContext<TMessage> message, Func<ConsumeContext<TMessage>, Task> handle)
        where TContext : DbContext where TMessage : class =>
        db.ConsumeOnceAsync(message, async () => { using (Continue(message)) await handle(message); });

    static string QueueOf(ConsumeContext context) => context.ReceiveContext.InputAddress.AbsolutePath.Trim('/');

    /// <summary>
    /// The message's own correlation id and trace for what its handler stages (audit, outbox): in a batch the ambient
    /// ones are the batch's, and an event must continue the trace of the message that caused it.
    /// </summary>
    static IDisposable Continue<TMessage>(ConsumeContext<TMessage> message) where TMessage : class
    {
        var correlationId = message.Headers.Get<string>(CorrelationIdMiddleware.HeaderName) ?? message.MessageId?.ToString("N") ?? "";
        var correlation = CorrelationContext.Begin(correlationId);
        ActivityContext.TryParse(message.Headers.Get<string>(MassTransit.Logging.DiagnosticHeaders.ActivityId), null, isRemote: true, out var parent);
        var batchActivity = Activity.Current;
        var activity = IpPlatformTelemetry.ActivitySource.StartActivity($"consume {typeof(TMessage).Name}", ActivityKind.Consumer, parent);
        return new Scope(correlation, activity, batchActivity);
    }

    sealed class Scope(IDisposable correlation, Activity? activity, Activity? batchActivity) : IDisposable
    {
        public void Dispose()
        {
            activity?.Dispose();
            // Stopping a span whose parent is remote leaves no current one: the batch's own goes on.
            Activity.Current = batchActivity;
            correlation.Dispose();
        }
    }
}
