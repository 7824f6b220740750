namespace IpPlatform.Intake.Tests;

/// <summary>A clock that follows real time until a test sets it, then stays where it was set.</summary>
public sealed class TestClock : TimeProvider
{
    DateTimeOffset? fixedAt;

    public override DateTimeOffset GetUtcNow() => fixedAt ?? DateTimeOffset.UtcNow;

    /// <summary>Stops the clock at <paramref name="instant"/>.</summary>
    public void Set(DateTimeOffset instant) => fixedAt = instant;

    /// <summary>Stops the clock at a wall-clock time of China Standard Time (UTC+8, no daylight saving).</summary>
    public void SetShanghai(int year, int month, int day, int hour, int minute, int second) =>
        Set(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromHours(8)));
}
