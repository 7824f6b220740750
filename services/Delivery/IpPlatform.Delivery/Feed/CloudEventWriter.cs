using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Extensions;
using CloudNative.CloudEvents.SystemTextJson;

namespace IpPlatform.Delivery.Feed;

/// <summary>Writes a feed entry as a CloudEvents 1.0 event in structured JSON mode, as webhooks and the feed carry it.</summary>
public sealed class CloudEventWriter(DeliverySettings settings)
{
    public const string MediaType = "application/cloudevents+json";
    static readonly JsonEventFormatter Formatter = new();

    public CloudEvent ToCloudEvent(FeedEntry entry)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Sequence.SequenceAttribute])
        {
            Id = entry.EventId.ToString(),
            Source = settings.EventSource,
            Type = PublicEvents.CloudEventType(entry.Type),
            Subject = entry.Subject,
            Time = new DateTimeOffset(DateTime.SpecifyKind(entry.OccurredAt, DateTimeKind.Utc)),
            DataContentType = "application/json",
            DataSchema = new Uri($"{settings.PublicUrl.TrimEnd('/')}/api/events/schemas/{entry.Type}.json"),
            Data = JsonDocument.Parse(entry.Data).RootElement,
        };
        // The sequence extension's value is a string compared lexicographically: zero-padded.
        cloudEvent[Sequence.SequenceAttribute] = entry.Sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
        return cloudEvent;
    }

    /// <summary>The structured-mode body (UTF-8 JSON) of one event.</summary>
    public byte[] Encode(FeedEntry entry) => Formatter.EncodeStructuredModeMessage(ToCloudEvent(entry), out _).ToArray();

    /// <summary>The same event as a JSON value, for embedding in a feed page.</summary>
    public JsonElement ToJson(FeedEntry entry) => JsonDocument.Parse(Encode(entry)).RootElement;
}
