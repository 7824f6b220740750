namespace IpPlatform.Delivery.Webhooks;

public enum DeliveryStatus { Pending, Delivered, DeadLettered }

/// <summary>One attempt to hand an event to a receiver: what it answered (or why it could not).</summary>
public sealed record DeliveryAttempt(DateTime At, int? StatusCode, string? Error, double DurationMs);

/// <summary>
/// One event owed to one subscription. Retried on <see cref="RetrySchedule"/> until the receiver answers 2xx,
/// or dead-lettered once it has failed for <see cref="RetrySchedule.GiveUpAfter"/>.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public long FeedSequence { get; private set; }
    public string EventType { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>When the dispatcher may try next; null once delivered or dead-lettered.</summary>
    public DateTime? NextAttemptAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    /// <summary>Until when one dispatcher holds it (claimed before sending), so two instances never send it at once.</summary>
    public DateTime? LeasedUntil { get; private set; }
    /// <summary>True for a delivery made by a replay rather than by the event's arrival.</summary>
    public bool IsReplay { get; private set; }
    public List<DeliveryAttempt> Attempts { get; private set; } = [];

    WebhookDelivery() { }

    public static WebhookDelivery For(WebhookSubscription subscription, long feedSequence, string eventType, DateTime now, bool isReplay = false) => new()
    {
        Id = Guid.NewGuid(), SubscriptionId = subscription.Id, FeedSequence = feedSequence, EventType = eventType,
        Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, IsReplay = isReplay,
    };

    public bool IsDue(DateTime now) => Status == DeliveryStatus.Pending && NextAttemptAt <= now;

    public void Succeeded(int statusCode, DateTime at, double durationMs)
    {
        EnsurePending();
        Attempts.Add(new DeliveryAttempt(at, statusCode, null, durationMs));
        LeasedUntil = null;
        Status = DeliveryStatus.Delivered;
        NextAttemptAt = null;
        CompletedAt = at;
    }

    /// <summary>Records a failed attempt; schedules the next one, or dead-letters once retrying has lasted long enough.</summary>
    public void Failed(int? statusCode, string error, DateTime at, double durationMs)
    {
        EnsurePending();
        Attempts.Add(new DeliveryAttempt(at, statusCode, error, durationMs));
        LeasedUntil = null;
        if (at - CreatedAt >= RetrySchedule.GiveUpAfter)
        {
            Status = DeliveryStatus.DeadLettered;
            NextAttemptAt = null;
            CompletedAt = at;
            return;
        }
        NextAttemptAt = at + RetrySchedule.DelayAfter(Attempts.Count);
    }

    /// <summary>Dead-letters without an attempt (the subscription was cancelled).</summary>
    public void Abandon(string reason, DateTime at)
    {
        EnsurePending();
        Attempts.Add(new DeliveryAttempt(at, null, reason, 0));
        LeasedUntil = null;
        Status = DeliveryStatus.DeadLettered;
        NextAttemptAt = null;
        CompletedAt = at;
    }

    void EnsurePending()
    {
        if (Status != DeliveryStatus.Pending) throw new InvalidOperationException($"Delivery {Id} is already {Status}.");
    }
}

/// <summary>Exponential back-off: 15 s doubling up to 2 h between attempts, for at least 24 h, then the dead letter.</summary>
public static class RetrySchedule
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(2);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan DelayAfter(int failedAttempts)
    {
        // 2^13 × 15 s is already past the cap; the exponent is clamped so the shift cannot overflow.
        var factor = 1L << Math.Clamp(failedAttempts - 1, 0, 20);
        var delay = TimeSpan.FromTicks(First.Ticks * factor);
        return delay < Longest ? delay : Longest;
    }
}
