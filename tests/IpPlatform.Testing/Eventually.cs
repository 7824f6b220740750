namespace IpPlatform.Testing;

/// <summary>Waits for an asynchronous effect (a consumed event, an outbox dispatch) to become visible.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (last is not null && done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what ?? "condition"}; last value: {last}");
    }
}
