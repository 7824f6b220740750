using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.AppHost;

/// <summary>
/// The orchestrator (DCP) starts a watcher, <c>dcp monitor-process</c>, beside every resource it runs: thirteen
/// processes of about 21 MiB each (273 MiB of a 1,567 MiB stack, measured on a first start). A watcher's one task is to stop its resource
/// when the orchestrator dies without stopping it. A graceful stop does not need them, nor an AppHost that dies (the
/// orchestrator watches the AppHost and stops everything). So on Linux the AppHost turns them off, and each process
/// takes over that task itself:
/// <list type="bullet">
/// <item>the platform's .NET processes stop when their parent process changes (ServiceDefaults' <c>OrchestratorWatch</c>,
/// the mail sink's own loop), told to by <c>Runtime__StopWithOrchestrator</c>;</item>
/// <item>the local broker runs under <c>stop-with-parent.sh</c>, which does the same for it;</item>
/// <item>Aspire's dashboard cannot watch for itself: the AppHost watches on its behalf (<see cref="DashboardWatch"/>).</item>
/// </list>
/// <c>Runtime:ProcessMonitors=true</c> keeps the orchestrator's watchers (and is the only way on other systems).
/// </summary>
public static class ProcessMonitors
{
    public const string StopWithOrchestrator = "Runtime__StopWithOrchestrator";

    /// <summary>Whether the platform's processes watch for their orchestrator themselves.</summary>
    public static bool AreOwn(IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsRunMode && OperatingSystem.IsLinux() && !builder.Configuration.GetValue("Runtime:ProcessMonitors", false);

    /// <summary>Turns the orchestrator's watchers off and tells every project to watch for itself. Call after every resource is added.</summary>
    public static IDistributedApplicationBuilder UseOwnProcessMonitors(this IDistributedApplicationBuilder builder)
    {
        if (!AreOwn(builder)) return builder;
        // Read by the orchestrator, which the AppHost starts later with its own environment.
        Environment.SetEnvironmentVariable("DCP_DISABLE_MONITOR_PROCESS", "true");
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            project.Annotations.Add(new EnvironmentCallbackAnnotation(env => env[StopWithOrchestrator] = "true"));
        builder.Services.AddHostedService<DashboardWatch>();
        return builder;
    }

    /// <summary>The script that runs a command and stops it once the orchestrator that started it is gone.</summary>
    public static string StopWithParentScript => Path.Combine(AppContext.BaseDirectory, "stop-with-parent.sh");
}
