using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Infrastructure.Messaging;

/// <summary>
/// An integration event waiting to be published. Written in the same transaction as the state change
/// that causes it, so the event exists if and only if the change does.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; private set; }
    /// <summary>Full name of the contract type (IpPlatform.Contracts only).</summary>
    public string MessageType { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? CorrelationId { get; private set; }
    /// <summary>W3C traceparent of the work that caused the event, so the trace continues over the broker.</summary>
    public string? TraceParent { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? DispatchedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Earliest time of the next attempt after a failure.</summary>
    public DateTime NextAttemptAtUtc { get; private set; }

    OutboxMessage() { }

    internal static OutboxMessage Create(Type type, string body, string? correlationId, string? traceParent, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(),
        MessageType = type.FullName!,
        Body = body,
        CorrelationId = correlationId,
        TraceParent = traceParent,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
    };

    internal void MarkDispatched(DateTime nowUtc) => DispatchedAtUtc = nowUtc;

    internal void MarkFailed(string error, DateTime nowUtc)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        // Back off up to a minute; the broker being away is the usual cause and it comes back.
        NextAttemptAtUtc = nowUtc.AddSeconds(Math.Min(60, Math.Pow(2, Math.Min(Attempts, 6))));
    }
}

/// <summary>A message a consumer has already handled; the key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    /// <summary>The receiving queue: the same event handled by two consumers counts twice.</summary>
    public string Consumer { get; private set; } = "";
    public DateTime ProcessedAtUtc { get; private set; }

    InboxMessage() { }

    internal InboxMessage(Guid messageId, string consumer, DateTime processedAtUtc)
    {
        MessageId = messageId;
        Consumer = consumer;
        ProcessedAtUtc = processedAtUtc;
    }
}

public static class MessagingModel
{
    /// <summary>Adds the outbox and inbox tables to a service's model.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasKey(m => m.Id);
            e.Property(m => m.MessageType).HasMaxLength(256);
            e.Property(m => m.CorrelationId).HasMaxLength(64);
            e.Property(m => m.TraceParent).HasMaxLength(128);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.HasIndex(m => new { m.DispatchedAtUtc, m.NextAttemptAtUtc });
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("InboxMessages");
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(200);
        });
        return model;
    }
}
