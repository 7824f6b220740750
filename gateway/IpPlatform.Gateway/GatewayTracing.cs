using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IpPlatform.Gateway;

/// <summary>
/// Which requests the gateway traces. Every trace of the platform's HTTP traffic starts here, and the services follow
/// the gateway's decision (their samplers are parent-based), so this one choice sets the whole stack's tracing cost.
/// At most <c>Telemetry:TracesPerSecond</c> (default 10) new traces a second are recorded — every request while a
/// person clicks through the portal, a bounded sample under load instead of two spans per request exported to the
/// collector (which cost a third of the gateway's throughput). A caller's sampled <c>traceparent</c> is honoured
/// within its own budget of the same size, so a client cannot make the gateway trace everything. 0 turns tracing of new
/// requests off; metrics and logs are not sampled.
/// </summary>
public static class GatewayTracing
{
    public static void AddGatewayTracing(this IHostApplicationBuilder builder)
    {
        var perSecond = builder.Configuration.GetValue("Telemetry:TracesPerSecond", 10);
        if (perSecond < 0)
            throw new InvalidOperationException("Telemetry:TracesPerSecond must not be negative.");
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new ParentBasedSampler(
            rootSampler: new TracesPerSecondSampler(perSecond, TimeProvider.System),
            remoteParentSampled: new TracesPerSecondSampler(perSecond, TimeProvider.System),
            remoteParentNotSampled: new AlwaysOffSampler(),
            localParentSampled: new AlwaysOnSampler(), // the proxied request's span under the incoming one
            localParentNotSampled: new AlwaysOffSampler())));
    }
}

/// <summary>Records the first <c>perSecond</c> traces of each second of the clock and drops the rest.</summary>
public sealed class TracesPerSecondSampler(int perSecond, TimeProvider clock) : Sampler
{
    readonly Lock gate = new();
    long second = long.MinValue;
    int taken;

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var now = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond;
        lock (gate)
        {
            if (now != second)
                (second, taken) = (now, 0);
            if (taken >= perSecond)
                return new SamplingResult(SamplingDecision.Drop);
            taken++;
        }
        return new SamplingResult(SamplingDecision.RecordAndSample);
    }
}
