namespace IpPlatform.Delivery.Feed;

/// <summary>
/// One published integration event as the delivery service keeps it: its place in the feed
/// (<see cref="Sequence"/>, the pull cursor) and its data as outsiders see it.
/// </summary>
public sealed class FeedEntry
{
    /// <summary>Position in the feed; strictly increasing in the order entries were stored.</summary>
    public long Sequence { get; private set; }
    /// <summary>The message id the event was published with: the CloudEvents <c>id</c>.</summary>
    public Guid EventId { get; private set; }
    /// <summary>The event's name, e.g. <c>ApplicationSubmitted</c>.</summary>
    public string Type { get; private set; } = "";
    public string? Subject { get; private set; }
    /// <summary>When the producing service published it (UTC).</summary>
    public DateTime OccurredAt { get; private set; }
    /// <summary>When this service stored it (UTC); the delivery lag is measured from here.</summary>
    public DateTime RecordedAt { get; private set; }
    /// <summary>The event as JSON (<see cref="PublicEvents.Json"/>).</summary>
    public string Data { get; private set; } = "";

    FeedEntry() { }

    public static FeedEntry Of(Guid eventId, object message, DateTime occurredAt, DateTime recordedAt) => new()
    {
        EventId = eventId,
        Type = message.GetType().Name,
        Subject = PublicEvents.SubjectOf(message),
        OccurredAt = occurredAt,
        RecordedAt = recordedAt,
        Data = System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), PublicEvents.Json),
    };
}
