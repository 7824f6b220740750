namespace IpPlatform.EndToEnd.Tests;

/// <summary>Waits for what the platform does asynchronously (events between services), up to a stage's time.</summary>
static class Poll
{
    public static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Asks <paramref name="probe"/> every 250 ms until it answers something; times out naming <paramref name="what"/>.</summary>
    public static async Task<T?> Until<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + StageTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Timed out waiting for {what}");
    }
}
