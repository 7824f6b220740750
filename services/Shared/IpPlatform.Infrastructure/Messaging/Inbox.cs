using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IpPlatform.Infrastructure.Messaging;

public static class Inbox
{
    static readonly Counter<long> Duplicates = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.inbox.duplicates");
    static readonly Counter<long> Faults = IpPlatformTelemetry.Meter.CreateCounter<long>("ipplatform.consume.faults");

    /// <summary>
    /// Runs <paramref name="handle"/> once per message and receiving queue. The handler changes state and
    /// stages events on <paramref name="db"/> without saving; this saves them together with the inbox row in
    /// one transaction, so a redelivered message (broker redelivery, outbox re-publish) changes nothing.
    /// </summary>
    public static async Task ConsumeOnceAsync<TContext>(this TContext db, ConsumeContext context, Func<Task> handle)
        where TContext : DbContext
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated.");
        var consumer = context.ReceiveContext.InputAddress.AbsolutePath.Trim('/');
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
}
