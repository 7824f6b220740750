using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace IpPlatform.Bench.Precheck;

/// <summary>
/// Open-loop load at a fixed rate against a running stack: request n is due at start + n / rate whatever the earlier
/// ones are doing, and its latency counts from that instant, so a stalled server is charged for the requests that
/// waited behind it (hey's <c>-q</c> is per connection and closed-loop: its connections fire together in bursts and
/// wait for their own answer, which measures the bursts and hides the stalls).
/// Usage: rate &lt;url&gt; [rate=200] [seconds=20] [body file]; prints achieved rate, p50/p90/p99/p99.9/max in ms.
/// </summary>
static class FixedRate
{
    public static async Task<int> Run(string[] args)
    {
        var url = args[1];
        var rate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var body = await File.ReadAllBytesAsync(args.Length > 4 ? args[4] : "docs/samples/industrial-brand.json");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });

        async Task<(double Ms, bool Ok)> Send(long due)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await client.PostAsync(url, content);
                await response.Content.ReadAsByteArrayAsync();
                return (Stopwatch.GetElapsedTime(due).TotalMilliseconds, response.StatusCode == HttpStatusCode.OK);
            }
            catch (HttpRequestException)
            {
                return (Stopwatch.GetElapsedTime(due).TotalMilliseconds, false);
            }
        }

        // Warm-up: connections opened and the path compiled, at the same rate for two seconds.
        await Drive(rate, 2);
        var (latencies, failures, elapsed) = await Drive(rate, seconds);

        var ms = latencies.Order().ToArray();
        double P(double p) => ms[Math.Min(ms.Length - 1, Math.Max(0, (int)Math.Ceiling(p * ms.Length) - 1))];
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"{url}  target {rate:F0}/s  achieved {ms.Length / elapsed:F1}/s  n={ms.Length} failed={failures}  p50 {P(.5):F2} ms  p90 {P(.9):F2}  p99 {P(.99):F2}  p99.9 {P(.999):F2}  max {ms[^1]:F2}"));
        return failures == 0 ? 0 : 1;

        async Task<(List<double> Latencies, int Failures, double Elapsed)> Drive(double perSecond, double duration)
        {
            var count = (int)(perSecond * duration);
            var tasks = new List<Task<(double Ms, bool Ok)>>(count);
            var start = Stopwatch.GetTimestamp();
            // The requests are started from a thread of its own that sleeps until each one is due.
            var pacer = new Thread(() =>
            {
                for (var n = 0; n < count; n++)
                {
                    var due = start + (long)(n * Stopwatch.Frequency / perSecond);
                    SleepUntil(due);
                    tasks.Add(Send(due));
                }
            }) { IsBackground = true, Name = "pacer" };
            pacer.Start();
            pacer.Join();
            var results = await Task.WhenAll(tasks);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return ([.. results.Select(r => r.Ms)], results.Count(r => !r.Ok), elapsed);
        }
    }

    /// <summary>
    /// Sleeps until a Stopwatch timestamp. On Linux through usleep, which wakes within tens of microseconds. The
    /// earlier wait slept to within a millisecond and spun the rest, because .NET's own sleeps and timers are only as
    /// fine as a millisecond. At 200 a second that spinning cost the load generator about 40 % of a core, taken from
    /// the server it measures on a two-core machine.
    /// </summary>
    static void SleepUntil(long due)
    {
        var wait = due - Stopwatch.GetTimestamp();
        if (wait <= 0) return;
        if (OperatingSystem.IsLinux())
        {
            usleep((uint)(wait * 1_000_000 / Stopwatch.Frequency));
            return;
        }
        if (wait > Stopwatch.Frequency / 500) Thread.Sleep(TimeSpan.FromTicks((wait - Stopwatch.Frequency / 1000) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        while (Stopwatch.GetTimestamp() < due) Thread.SpinWait(20);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    static extern int usleep(uint microseconds);
}
