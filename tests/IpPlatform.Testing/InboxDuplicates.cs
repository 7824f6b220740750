using System.Diagnostics.Metrics;

namespace IpPlatform.Testing;

/// <summary>Counts the redeliveries that consumers' inboxes recognised and dropped (meter IpPlatform).</summary>
public sealed class InboxDuplicates : IDisposable
{
    readonly MeterListener listener = new();
    long count;

    public InboxDuplicates()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "IpPlatform" && instrument.Name == "ipplatform.inbox.duplicates")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref count, value));
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();
}
