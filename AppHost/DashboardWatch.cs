using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.AppHost;

/// <summary>
/// Stops Aspire's dashboard when the orchestrator dies without stopping it: with the orchestrator's own watchers off
/// (<see cref="ProcessMonitors"/>), the dashboard is the one resource that cannot watch for itself. The AppHost outlives
/// such a crash (it started the orchestrator, not the other way round), so it watches on the dashboard's behalf.
/// </summary>
sealed class DashboardWatch(ResourceNotificationService notifications, ILogger<DashboardWatch> logger) : BackgroundService
{
    const string Dashboard = "aspire-dashboard";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var guard = new OrphanGuard();
        var tracking = Task.Run(async () =>
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
                if (update.Resource.Name == Dashboard
                    && update.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                    && int.TryParse(Convert.ToString(pid, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var id))
                    guard.Track(id);
        }, stoppingToken);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            while (await timer.WaitForNextTickAsync(stoppingToken))
                foreach (var pid in guard.StopOrphaned())
                    logger.LogWarning("The orchestrator is gone; stopped the dashboard it left running (pid {Pid})", pid);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await tracking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>
/// Processes started by another one, stopped (SIGTERM) once Linux has given them a new parent, i.e. their starter is
/// gone. A process is known by its id and start time, so an id the system gives to a new process is never mistaken
/// for the one tracked.
/// </summary>
public sealed class OrphanGuard
{
    readonly Dictionary<int, (int Parent, long Started)> tracked = [];

    /// <summary>Starts watching <paramref name="pid"/> as a child of its present parent; once is enough.</summary>
    public void Track(int pid)
    {
        lock (tracked)
            if (!tracked.ContainsKey(pid) && Read(pid) is { } now)
                tracked[pid] = now;
    }

    /// <summary>Stops every tracked process whose parent has changed, forgets those that ended, and returns the stopped ones.</summary>
    public List<int> StopOrphaned()
    {
        var stopped = new List<int>();
        lock (tracked)
            foreach (var (pid, first) in tracked.ToList())
            {
                var now = Read(pid);
                if (now is null || now.Value.Started != first.Started)
                    tracked.Remove(pid); // ended (its id may be another process's now)
                else if (now.Value.Parent != first.Parent)
                {
                    kill(pid, Terminate);
                    tracked.Remove(pid);
                    stopped.Add(pid);
                }
            }
        return stopped;
    }

    /// <summary>Fields 4 (parent) and 22 (start time) of /proc/&lt;pid&gt;/stat, after the name in parentheses.</summary>
    static (int Parent, long Started)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    const int Terminate = 15; // SIGTERM: the dashboard shuts down as on Ctrl-C

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);
}
