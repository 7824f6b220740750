using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpPlatform.Gateway.Tests;

/// <summary>
/// ServiceDefaults' <c>Runtime:StopWithOrchestrator</c>: a process started by the AppHost stops once its orchestrator is
/// gone. The AppHost's side (the setting given to every project, the orchestrator's own watchers off) is in
/// AppHostModelTests; the broker's script is checked there too.
/// </summary>
public sealed class OrchestratorWatchTests
{
    [Fact]
    public async Task The_process_stops_once_its_parent_process_changes()
    {
        var lifetime = new Lifetime();
        var parent = 4242;
        using var watch = new OrchestratorWatch(lifetime, NullLogger<OrchestratorWatch>.Instance, () => parent, TimeSpan.FromMilliseconds(20));
        await watch.StartAsync(TestContext.Current.CancellationToken);

        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(lifetime.StopRequested); // the orchestrator is still there

        parent = 1; // re-parented to init: the orchestrator died
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!lifetime.StopRequested && DateTime.UtcNow < deadline)
            await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(lifetime.StopRequested);
        await watch.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_parent_process_id_is_the_one_Linux_reports()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only, as the watch");
        // Field 4 of /proc/self/stat; the command name before it is in parentheses and may hold spaces.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), OrchestratorWatch.ParentProcessId());
    }

    sealed class Lifetime : IHostApplicationLifetime
    {
        volatile bool stopRequested;
        public bool StopRequested => stopRequested;
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => stopRequested = true;
    }
}
