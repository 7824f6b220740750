namespace IpPlatform.Routing.Tests;

/// <summary>A clock a test sets by hand; timers stay the system's.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;
    public override DateTimeOffset GetUtcNow() => now;
    public void Set(DateTimeOffset to) => now = to;
}
