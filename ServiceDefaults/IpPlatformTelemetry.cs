using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The platform's own activity source and meter (outbox, inbox, consumers).</summary>
public static class IpPlatformTelemetry
{
    public const string ActivitySourceName = "IpPlatform";
    public const string MeterName = "IpPlatform";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
