using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace IpPlatform;

/// <summary>
/// How busy the machine's cores are with work at normal priority, for a process whose own work may wait
/// (<c>Runtime:YieldAbovePercent</c>, 1 to 100; 0 or absent: never waits). Sampled from Linux's <c>/proc/stat</c>
/// every <see cref="Interval"/>: the share of all cores' time spent in user and system code, leaving out the user time
/// of niced processes (Linux counts it apart, so the services that may lag never hold each other back) and this
/// process's own time.
/// <para>
/// Why it exists: a lower nice value alone did not keep the deadline surge's path free. On two shared cores the niced
/// services still took a third of the CPU during a surge (they fill every gap the submissions' path leaves while it
/// waits on the broker and its database) and the surge was accepted at 69–75 submissions a second, against 115–134
/// with them paused (docs/benchmarks.md). Waiting is bounded (<c>Runtime:YieldMaxWaitMs</c>, default 1,000 per
/// message), so a machine that stays busy slows that work to a trickle but never stops it.
/// </para>
/// Elsewhere than Linux there is no such counter and nothing waits.
/// </summary>
public sealed class MachineLoad : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    readonly double threshold;
    readonly Func<string?> readMachine, readOwn;
    readonly Timer timer;
    Sample? last;
    volatile bool busy;

    MachineLoad(double threshold, TimeSpan maxWait, Func<string?> readMachine, Func<string?> readOwn, bool start)
    {
        this.threshold = threshold;
        MaxWait = maxWait;
        this.readMachine = readMachine;
        this.readOwn = readOwn;
        timer = new Timer(_ => Refresh(), null, start ? TimeSpan.Zero : Timeout.InfiniteTimeSpan, start ? Interval : Timeout.InfiniteTimeSpan);
    }

    /// <summary>The monitor <paramref name="configuration"/> asks for, or null when this process never waits.</summary>
    public static MachineLoad? From(IConfiguration configuration)
    {
        var percent = configuration.GetValue("Runtime:YieldAbovePercent", 0);
        if (percent is < 0 or > 100)
            throw new InvalidOperationException($"Runtime:YieldAbovePercent must be between 0 (never wait) and 100, not {percent}.");
        var maxWaitMs = configuration.GetValue("Runtime:YieldMaxWaitMs", 1000);
        if (maxWaitMs is < 1 or > 60_000)
            throw new InvalidOperationException($"Runtime:YieldMaxWaitMs must be between 1 and 60000, not {maxWaitMs}.");
        if (percent == 0 || !OperatingSystem.IsLinux() || !File.Exists("/proc/stat")) return null;
        return new MachineLoad(percent / 100.0, TimeSpan.FromMilliseconds(maxWaitMs),
            () => ReadFirstLine("/proc/stat"), () => ReadFirstLine("/proc/self/stat"), start: true);
    }

    /// <summary>A monitor fed by the given readers, refreshed only by <see cref="Refresh"/> (for tests).</summary>
    public static MachineLoad ForTest(int percent, TimeSpan maxWait, Func<string?> readMachine, Func<string?> readOwn) =>
        new(percent / 100.0, maxWait, readMachine, readOwn, start: false);

    /// <summary>The longest one piece of work waits for the machine.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Whether, over the last interval, others at normal priority used more than the threshold.</summary>
    public bool IsBusy => busy;

    /// <summary>The share of all cores others at normal priority used over the last interval (0 to 1).</summary>
    public double LastShare { get; private set; }

    /// <summary>Waits while the machine is busy, at most <see cref="MaxWait"/>; returns how long it waited.</summary>
    public async Task<TimeSpan> WaitWhileBusyAsync(CancellationToken ct)
    {
        if (!busy) return TimeSpan.Zero;
        var start = Stopwatch.GetTimestamp();
        while (busy && Stopwatch.GetElapsedTime(start) < MaxWait)
            await Task.Delay(Interval, ct);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Takes a sample and compares it with the previous one.</summary>
    public void Refresh()
    {
        try
        {
            if (Sample.Parse(readMachine(), readOwn()) is not { } now) return;
            if (last is { } before && now.Total > before.Total)
            {
                LastShare = Math.Clamp((double)(now.NormalBusy - before.NormalBusy - (now.Own - before.Own)) / (now.Total - before.Total), 0, 1);
                busy = LastShare > threshold;
            }
            last = now;
        }
        catch (IOException)
        {
            // A counter that cannot be read holds nothing back.
            busy = false;
        }
    }

    static string? ReadFirstLine(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine();
    }

    public void Dispose() => timer.Dispose();

    /// <summary>Cumulative clock ticks: of all cores, of them at normal priority, and this process's own share of those.</summary>
    readonly record struct Sample(long Total, long NormalBusy, long Own)
    {
        // /proc/stat: "cpu user nice system idle iowait irq softirq steal ...";
        // /proc/self/stat: "pid (name) state ..." with utime, stime as fields 14 and 15 and nice as field 19.
        public static Sample? Parse(string? machine, string? own)
        {
            if (machine is null || own is null) return null;
            var cpu = machine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cpu.Length < 9 || cpu[0] != "cpu") return null;
            var ticks = cpu.Skip(1).Take(8).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var (user, system, irq, softirq) = (ticks[0], ticks[2], ticks[5], ticks[6]);
            var fields = own[(own.LastIndexOf(')') + 2)..].Split(' ');
            var (utime, stime, nice) = (long.Parse(fields[11], CultureInfo.InvariantCulture), long.Parse(fields[12], CultureInfo.InvariantCulture),
                int.Parse(fields[16], CultureInfo.InvariantCulture));
            // A niced process's user time is in the "nice" column, not in "user": leave out only what was counted.
            var ownCounted = stime + (nice > 0 ? 0 : utime);
            return new Sample(ticks.Sum(), user + system + irq + softirq, ownCounted);
        }
    }
}
