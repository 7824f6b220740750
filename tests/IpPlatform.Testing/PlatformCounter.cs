using System.Diagnostics.Metrics;

namespace IpPlatform.Testing;

/// <summary>
/// Sums one of the platform's counters (meter IpPlatform) while it is alive, optionally for one receiving
/// queue only (the counters' <c>consumer</c> tag).
/// </summary>
public sealed class PlatformCounter : IDisposable
{
    readonly MeterListener listener = new();
    long count;

    /// <summary>Redeliveries that consumers' inboxes recognised and dropped.</summary>
    public static PlatformCounter InboxDuplicates() => new("ipplatform.inbox.duplicates", queue: null);

    /// <summary>Failed attempts to consume a message (each retry counts) on <paramref name="queue"/>.</summary>
    public static PlatformCounter ConsumeFaults(string queue) => new("ipplatform.consume.faults", queue);

    /// <summary>Messages that batch consumers of <paramref name="queue"/> saved in batches of two or more.</summary>
    public static PlatformCounter BatchedMessages(string queue) => new("ipplatform.consume.batch_size", queue);

    PlatformCounter(string instrumentName, string? queue)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "IpPlatform" && instrument.Name == instrumentName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (queue is null || HasTag(tags, "consumer", queue))
                Interlocked.Add(ref count, value);
        });
        listener.Start();
    }

    static bool HasTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key, string value)
    {
        foreach (var tag in tags)
            if (tag.Key == key && Equals(tag.Value, value)) return true;
        return false;
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();
}
