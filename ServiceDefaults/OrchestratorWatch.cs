using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform;

/// <summary>
/// Stops this process when the orchestrator that started it is gone (<c>Runtime:StopWithOrchestrator</c>, which the
/// AppHost sets on Linux). The AppHost turns off the orchestrator's own watchers, one <c>dcp monitor-process</c> of about
/// 21 MiB beside each of its thirteen resources, whose one task is this: to stop a resource whose orchestrator died
/// without stopping it. A graceful stop and an AppHost that dies still stop every resource, through the orchestrator.
/// Linux gives an orphan a new parent (init or a subreaper), so a parent process id that changes means the
/// orchestrator is gone.
/// </summary>
public sealed partial class OrchestratorWatch(
    IHostApplicationLifetime lifetime, ILogger<OrchestratorWatch> logger, Func<int> parentProcessId, TimeSpan period) : BackgroundService
{
    public const string SettingName = "Runtime:StopWithOrchestrator";

    public OrchestratorWatch(IHostApplicationLifetime lifetime, ILogger<OrchestratorWatch> logger)
        : this(lifetime, logger, ParentProcessId, TimeSpan.FromSeconds(2)) { }

    /// <summary>This process's parent's id, as Linux reports it now.</summary>
    public static int ParentProcessId() => getppid();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parent = parentProcessId();
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = parentProcessId();
            if (now == parent) continue;
            LogOrphaned(logger, parent, now);
            lifetime.StopApplication();
            return;
        }
    }

    [LoggerMessage(LogLevel.Warning, "The orchestrator that started this process (pid {Parent}) is gone (parent now {Now}); stopping")]
    static partial void LogOrphaned(ILogger logger, int parent, int now);

    [DllImport("libc", SetLastError = false)]
    static extern int getppid();
}
