using Aspire.Hosting;
using IpPlatform.AppHost;
using IpPlatform.Tests;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>
/// The AppHost's resource model for each way of getting a broker, built but not started: the container path
/// is checked here without a Docker engine.
/// </summary>
public sealed class AppHostModelTests : IDisposable
{
    static readonly string[] Services = ["identity", "intake", "eligibility", "routing", "review", "funding", "monitoring", "delivery"];
    readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"ipplatform-model-{Guid.NewGuid():N}");

    [Fact]
    public async Task With_Docker_the_broker_is_a_RabbitMQ_container_keeping_its_data_in_a_volume()
    {
        await using var builder = await Model("--Broker:Mode=container");

        var broker = Assert.Single(builder.Resources.OfType<RabbitMQServerResource>());
        var mount = Assert.Single(broker.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal((ContainerMountType.Volume, "ipplatform-rabbitmq", "/var/lib/rabbitmq"), (mount.Type, mount.Source, mount.Target));
        Assert.DoesNotContain(builder.Resources, r => r.Name == "rabbitmq"); // the local node
        AssertEveryServiceWaitsFor(builder, broker);
    }

    [Fact]
    public async Task Without_Docker_the_broker_is_a_private_local_node_in_the_state_folder()
    {
        await using var builder = await Model("--Broker:Mode=local", "--Broker:Port=5999");

        var broker = Assert.Single(builder.Resources.OfType<ExecutableResource>(), r => r.Name == "rabbitmq");
        // Under the script that stops it when the orchestrator dies (the orchestrator's own watchers are off).
        Assert.Equal("/bin/sh", broker.Command);
        Assert.Equal([ProcessMonitors.StopWithParentScript, "/usr/lib/rabbitmq/bin/rabbitmq-server"], await ArgumentsOf(broker));
        Assert.True(File.Exists(ProcessMonitors.StopWithParentScript));
        Assert.Equal(Path.Combine(stateDirectory, "rabbitmq", "ipplatform5999"), broker.WorkingDirectory);
        Assert.DoesNotContain(builder.Resources, r => r is ContainerResource);
        AssertEveryServiceWaitsFor(builder, broker);
    }

    [Fact]
    public async Task With_the_orchestrators_own_process_monitors_the_broker_runs_alone_and_no_process_watches_itself()
    {
        await using var builder = await Model("--Broker:Mode=local", "--Broker:Port=5999", "--Runtime:ProcessMonitors=true");

        var broker = Assert.Single(builder.Resources.OfType<ExecutableResource>(), r => r.Name == "rabbitmq");
        Assert.Equal("/usr/lib/rabbitmq/bin/rabbitmq-server", broker.Command);
        foreach (var name in (string[])[.. Services, "gateway", "portal", "mail-sink"])
            Assert.Null(await RunModeVariable(builder, name, ProcessMonitors.StopWithOrchestrator));
    }

    [Fact]
    public async Task Every_dotnet_process_is_told_to_stop_once_its_orchestrator_is_gone()
    {
        await using var builder = await Model(ExistingBroker);

        foreach (var name in (string[])[.. Services, "gateway", "portal", "mail-sink"])
            Assert.Equal("true", await RunModeVariable(builder, name, ProcessMonitors.StopWithOrchestrator));
    }

    [Fact]
    public async Task The_brokers_script_stops_its_command_once_its_parent_is_gone_and_not_before()
    {
        var script = RepositoryFiles.Path("AppHost", "stop-with-parent.sh");
        // A parent that stays 4 s, then ends: the script's command must outlive the first check and end after the last.
        using var parent = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"/bin/sh '{script}' sleep 300 & echo $!; sleep 4" },
            RedirectStandardOutput = true,
        })!;
        var scriptPid = int.Parse((await parent.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        // Its children: the command and the script's two-second pause between checks.
        // (The pause may end between listing and reading: a child gone by then is not the command.)
        var command = Assert.Single(ChildrenOf(scriptPid), p => CommandLineOf(p) == "sleep\0300\0");
        Assert.True(Directory.Exists($"/proc/{command}"), "the command runs while its parent lives");

        try
        {
            await parent.WaitForExitAsync(TestContext.Current.CancellationToken);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((Directory.Exists($"/proc/{scriptPid}") || Directory.Exists($"/proc/{command}")) && DateTime.UtcNow < deadline)
                await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.False(Directory.Exists($"/proc/{command}"), "the command was stopped once the script's parent ended");
            Assert.False(Directory.Exists($"/proc/{scriptPid}"), "the script ended with its command");
        }
        finally
        {
            // Nothing left behind when it fails.
            foreach (var pid in (int[])[command, scriptPid])
                try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    [Fact]
    public async Task The_AppHost_stops_a_process_left_by_its_starter_and_nothing_else()
    {
        // A starter that stays 3 s, then ends and leaves its `sleep 300` to Linux (the dashboard when the orchestrator dies).
        using var starter = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "sleep 300 & echo $!; sleep 3" },
            RedirectStandardOutput = true,
        })!;
        var orphan = int.Parse((await starter.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // And a process that simply ends: forgotten, not stopped.
        using var brief = System.Diagnostics.Process.Start("/bin/sh", ["-c", "sleep 0.2"]);
        var guard = new OrphanGuard();
        guard.Track(orphan);
        guard.Track(brief.Id);
        try
        {
            Assert.Empty(guard.StopOrphaned()); // its starter still runs
            await brief.WaitForExitAsync(TestContext.Current.CancellationToken);
            await starter.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal([orphan], guard.StopOrphaned());
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Directory.Exists($"/proc/{orphan}") && DateTime.UtcNow < deadline)
                await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.False(Directory.Exists($"/proc/{orphan}"), "the orphan was stopped");
            Assert.Empty(guard.StopOrphaned()); // nothing is stopped twice
        }
        finally
        {
            try { System.Diagnostics.Process.GetProcessById(orphan).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    /// <summary>A process's command line as /proc gives it (arguments ended by NUL), or null when it has ended.</summary>
    static string? CommandLineOf(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline"); }
        catch (IOException) { return null; }
    }

    /// <summary>Processes whose parent is <paramref name="pid"/>, from /proc (field 4 of each stat).</summary>
    static List<int> ChildrenOf(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0)
            .Where(p =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{p}/stat");
                    return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException) { return false; }
            })
            .ToList();

    [Fact]
    public async Task A_configured_connection_string_is_used_and_no_broker_is_started()
    {
        await using var builder = await Model(ExistingBroker);

        Assert.DoesNotContain(builder.Resources, r => r is ContainerResource || r.Name == "rabbitmq");
        var broker = Assert.Single(builder.Resources, r => r.Name == "messaging");
        AssertEveryServiceWaitsFor(builder, broker);
    }

    [Fact]
    public async Task An_unknown_broker_mode_is_refused_by_name()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Model("--Broker:Mode=cloud"));
        Assert.Contains("Broker:Mode 'cloud'", error.ToString());
    }

    [Fact]
    public async Task By_default_each_service_has_its_own_SQLite_file_in_the_state_folder()
    {
        await using var builder = await Model(ExistingBroker);

        foreach (var name in Services)
        {
            var environment = await EnvironmentOf(builder, name);
            Assert.Equal("Sqlite", environment["Database__Provider"]);
            Assert.Equal($"Data Source={Path.Combine(stateDirectory, "data", $"{name}.db")}", environment[$"ConnectionStrings__{name}-db"]);
        }
    }

    [Fact]
    public async Task A_service_of_one_process_is_called_on_its_own_port_and_replicas_behind_the_orchestrators_proxy()
    {
        await using var builder = await Model(ExistingBroker, "--Replicas:eligibility=2");

        bool Proxied(string name) => Assert.Single(
            Assert.Single(builder.Resources, r => r.Name == name).Annotations.OfType<EndpointAnnotation>(), e => e.Name == "http").IsProxied;
        foreach (var name in (string[])[.. Services.Where(s => s != "eligibility"), "portal"])
            Assert.False(Proxied(name), $"{name} is one process: no proxy hop between the gateway and it");
        Assert.True(Proxied("eligibility"), "two replicas: the proxy balances between them");
    }

    [Fact]
    public async Task With_SqlServer_configured_each_service_gets_its_own_connection_string()
    {
        await using var builder = await Model(
        [
            ExistingBroker, "--Database:Provider=SqlServer",
            .. Services.Select(name => $"--ConnectionStrings:{name}-db=Server=sql.example;Database=ipplatform_{name}"),
        ]);

        foreach (var name in Services)
        {
            var environment = await EnvironmentOf(builder, name);
            Assert.Equal("SqlServer", environment["Database__Provider"]);
            Assert.Equal($"{{{name}-db.connectionString}}", environment[$"ConnectionStrings__{name}-db"]);
            Assert.Single(builder.Resources.OfType<IResourceWithConnectionString>(), r => r.Name == $"{name}-db");
        }
    }

    [Fact]
    public async Task SqlServer_without_a_services_connection_string_is_refused_naming_it()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Model(ExistingBroker, "--Database:Provider=SqlServer",
            "--ConnectionStrings:intake-db=Server=sql.example;Database=ipplatform_intake"));
        Assert.Contains("ConnectionStrings:identity-db is not set", error.ToString()); // the first service started without one
    }

    [Fact]
    public async Task An_unknown_database_provider_is_refused_by_name()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Model(ExistingBroker, "--Database:Provider=Oracle"));
        Assert.Contains("Database:Provider 'Oracle'", error.ToString());
    }

    [Fact]
    public async Task Every_service_checks_tokens_of_the_identity_service_whose_issuer_is_the_gateway()
    {
        await using var builder = await Model(ExistingBroker, "--Gateway:Port=9090");

        var identity = await EnvironmentOf(builder, "identity");
        Assert.Equal("http://localhost:9090/", identity["Identity__Issuer"]);
        Assert.Equal("Development", identity["ASPNETCORE_ENVIRONMENT"]); // the AppHost's: demo accounts, development keys
        Assert.Equal(Path.Combine(stateDirectory, "identity-keys"), identity["Identity__KeysDirectory"]);
        foreach (var name in Services.Where(s => s != "identity"))
        {
            var environment = await EnvironmentOf(builder, name);
            Assert.Equal("http://localhost:9090/", environment["Identity__Issuer"]);
            Assert.Contains("services__identity__http__0", environment.Keys); // where its keys are fetched
        }
    }

    [Fact]
    public async Task The_public_rate_limits_and_a_production_issuer_pass_from_the_command_line()
    {
        await using var builder = await Model(ExistingBroker, "--RateLimits:Public:PermitsPerSecond=500", "--RateLimits:Public:Burst=900",
            "--Identity:Issuer=https://ipplatform.jiangsu.example/");

        var gateway = await EnvironmentOf(builder, "gateway");
        Assert.Equal(("500", "900"), (gateway["RateLimits__Public__PermitsPerSecond"], gateway["RateLimits__Public__Burst"]));
        Assert.Equal("https://ipplatform.jiangsu.example/", (await EnvironmentOf(builder, "routing"))["Identity__Issuer"]);
    }

    [Fact]
    public async Task Each_project_starts_its_built_program_rather_than_through_dotnet_run()
    {
        await using var builder = await Model(ExistingBroker);

        foreach (var name in (string[])[.. Services, "gateway", "portal", "mail-sink"])
        {
            var project = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name);
            var executable = Assert.Single(project.Annotations.OfType<ExecutableAnnotation>());
            Assert.Equal(("dotnet", Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)), (executable.Command, executable.WorkingDirectory));
            var arguments = await ArgumentsOf(project);
            Assert.Equal("exec", arguments[0]);
            Assert.Equal(Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath) + ".dll", Path.GetFileName(arguments[1]));
            Assert.True(File.Exists(arguments[1]), arguments[1]);
        }
        // The mail sink's own arguments follow the program.
        Assert.Equal("--port", (await ArgumentsOf(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "mail-sink")))[2]);
    }

    [Fact]
    public async Task Runtime_BuiltPrograms_false_leaves_the_projects_to_dotnet_run()
    {
        await using var builder = await Model(ExistingBroker, "--Runtime:BuiltPrograms=false");

        Assert.All(builder.Resources.OfType<ProjectResource>(), project => Assert.Empty(project.Annotations.OfType<ExecutableAnnotation>()));
    }

    [Fact]
    public async Task Each_dotnet_process_gets_the_small_footprint_runtime_settings_and_the_gen0_budget_from_the_command_line()
    {
        await using var defaults = await Model(ExistingBroker);
        await using var smaller = await Model(ExistingBroker, "--Runtime:Gen0MiB=4", "--Runtime:HeapLimitMiB=256");

        foreach (var name in (string[])[.. Services, "gateway", "portal"])
        {
            var environment = await EnvironmentOf(defaults, name);
            Assert.Equal(("0", "0x800000", "0x20000000", "0"), (environment["DOTNET_gcServer"], environment["DOTNET_GCgen0size"],
                environment["DOTNET_GCHeapHardLimit"], environment["DOTNET_TieredPGO"]));
            var tuned = await EnvironmentOf(smaller, name);
            Assert.Equal(("0x400000", "0x10000000"), (tuned["DOTNET_GCgen0size"], tuned["DOTNET_GCHeapHardLimit"]));
        }
    }

    [Fact]
    public async Task Services_whose_work_may_lag_behind_a_surge_run_at_nice_10_unless_the_command_line_says_otherwise()
    {
        await using var defaults = await Model(ExistingBroker);
        await using var lowest = await Model(ExistingBroker, "--Runtime:BackgroundNice=19");
        await using var none = await Model(ExistingBroker, "--Runtime:BackgroundNice=0");

        foreach (var name in (string[])["delivery", "routing", "review", "funding", "monitoring"])
        {
            Assert.Equal("10", (await EnvironmentOf(defaults, name))["Runtime__Nice"]);
            Assert.Equal("19", (await EnvironmentOf(lowest, name))["Runtime__Nice"]);
            Assert.False((await EnvironmentOf(none, name)).ContainsKey("Runtime__Nice"), name);
        }
        // The path from a submission to its assessment, and signing in.
        foreach (var name in (string[])["gateway", "identity", "intake", "eligibility", "portal"])
            Assert.False((await EnvironmentOf(defaults, name)).ContainsKey("Runtime__Nice"), name);
    }

    [Fact]
    public async Task Services_whose_work_may_lag_wait_for_a_machine_kept_busy_at_normal_priority_unless_the_command_line_says_otherwise()
    {
        await using var defaults = await Model(ExistingBroker);
        await using var tuned = await Model(ExistingBroker, "--Runtime:BackgroundYieldPercent=80", "--Runtime:YieldMaxWaitMs=250");
        await using var never = await Model(ExistingBroker, "--Runtime:BackgroundYieldPercent=0");

        foreach (var name in (string[])["delivery", "routing", "review", "funding", "monitoring"])
        {
            var environment = await EnvironmentOf(defaults, name);
            Assert.Equal("60", environment["Runtime__YieldAbovePercent"]);
            Assert.False(environment.ContainsKey("Runtime__YieldMaxWaitMs"), name); // the service's own default
            var tunedEnvironment = await EnvironmentOf(tuned, name);
            Assert.Equal(("80", "250"), (tunedEnvironment["Runtime__YieldAbovePercent"], tunedEnvironment["Runtime__YieldMaxWaitMs"]));
            Assert.False((await EnvironmentOf(never, name)).ContainsKey("Runtime__YieldAbovePercent"), name);
        }
        foreach (var name in (string[])["gateway", "identity", "intake", "eligibility", "portal"])
            Assert.False((await EnvironmentOf(defaults, name)).ContainsKey("Runtime__YieldAbovePercent"), name);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Model(ExistingBroker, "--Runtime:BackgroundYieldPercent=101"));
        Assert.Contains("Runtime:BackgroundYieldPercent must be between 0 (never wait) and 100", error.ToString());
    }

    [Fact]
    public async Task Every_subscriber_of_an_event_published_at_start_up_is_ready_before_its_publisher_starts()
    {
        await using var builder = await Model(ExistingBroker);

        bool Waits(string service, string on) => Assert.Single(builder.Resources, r => r.Name == service).Annotations
            .OfType<WaitAnnotation>().Any(w => w.Resource.Name == on);
        // AccountRegistered of the accounts seeded on identity's first start (a fresh state folder): delivery keeps the addresses.
        Assert.True(Waits("identity", "delivery"), "identity waits for delivery");
        // CallPublished of the shipped calls.
        foreach (var subscriber in (string[])["intake", "routing", "review", "funding", "monitoring", "delivery"])
            Assert.True(Waits("eligibility", subscriber), $"eligibility waits for {subscriber}");
    }

    [Fact]
    public async Task Identity_whose_database_exists_seeds_nothing_and_starts_without_waiting_for_delivery()
    {
        await using var builder = await ModelWithDatabaseOf("identity");

        var identity = Assert.Single(builder.Resources, r => r.Name == "identity");
        Assert.DoesNotContain(identity.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "delivery");
    }

    [Fact]
    public async Task Eligibility_whose_database_exists_starts_without_waiting_for_its_subscribers()
    {
        await using var builder = await ModelWithDatabaseOf("eligibility");

        var eligibility = Assert.Single(builder.Resources, r => r.Name == "eligibility");
        var waitsFor = eligibility.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToList();
        foreach (var subscriber in (string[])["intake", "routing", "review", "funding", "monitoring", "delivery"])
            Assert.DoesNotContain(subscriber, waitsFor);
        Assert.Contains("messaging", waitsFor); // the broker, as every service
    }

    [Fact]
    public async Task A_readiness_check_answers_healthy_as_soon_as_its_probe_does()
    {
        var calls = 0;
        var result = await Readiness.PatientlyAsync(_ => Task.FromResult(++calls < 3
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("starting")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()), TestContext.Current.CancellationToken);

        Assert.Equal((Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, 3), (result.Status, calls));
    }

    [Fact]
    public async Task A_readiness_check_whose_probe_stays_unhealthy_reports_its_last_answer()
    {
        var calls = 0;
        var result = await Readiness.PatientlyAsync(_ => Task.FromResult(
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"not yet ({++calls})")), TestContext.Current.CancellationToken);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.True(calls > 1, "tried again before answering");
        Assert.Equal($"not yet ({calls})", result.Description);
    }

    [Fact]
    public async Task The_broker_the_services_and_the_gateway_are_checked_patiently()
    {
        await using var builder = await Model("--Broker:Mode=local", "--Broker:Port=5999");

        foreach (var name in (string[])[.. Services, "gateway", "portal"])
        {
            var check = Assert.Single(Assert.Single(builder.Resources, r => r.Name == name).Annotations.OfType<HealthCheckAnnotation>());
            Assert.Equal($"{name}_http_ready", check.Key);
        }
        Assert.Single(Assert.Single(builder.Resources, r => r.Name == "rabbitmq").Annotations.OfType<HealthCheckAnnotation>());
    }

    [Fact]
    public async Task A_background_priority_outside_0_to_19_is_refused_by_name()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Model(ExistingBroker, "--Runtime:BackgroundNice=20"));
        Assert.Contains("Runtime:BackgroundNice must be between 0", error.ToString());
    }

    [Fact]
    public async Task Every_process_sends_its_metrics_every_five_seconds_or_as_the_command_line_says()
    {
        await using var defaults = await Model(ExistingBroker);
        await using var slower = await Model(ExistingBroker, "--Telemetry:MetricExportIntervalMs=15000");

        foreach (var name in (string[])[.. Services, "gateway", "portal", "mail-sink"])
        {
            Assert.Equal("5000", await RunModeVariable(defaults, name, "OTEL_METRIC_EXPORT_INTERVAL"));
            Assert.Equal("15000", await RunModeVariable(slower, name, "OTEL_METRIC_EXPORT_INTERVAL"));
        }
    }

    /// <summary>
    /// A variable as a started app would set it: every environment callback in order, Aspire's own development
    /// settings included; only literals (a run's references have no values before it starts).
    /// </summary>
    static async Task<string?> RunModeVariable(IDistributedApplicationTestingBuilder builder, string service, string variable)
    {
        var project = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == service);
        var context = new EnvironmentCallbackContext(builder.ExecutionContext, project, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            await callback.Callback(context);
        return context.EnvironmentVariables.TryGetValue(variable, out var value) ? value as string : null;
    }

    static async Task<List<string>> ArgumentsOf(IResourceWithArgs resource)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Null(configuration.Exception);
        return configuration.Arguments.Select(a => a.Value).ToList();
    }

    const string ExistingBroker = "--ConnectionStrings:messaging=amqp://user:pass@broker.example:5672";

    /// <summary>
    /// A service's environment as the manifest states it: literals as they are, references to other resources
    /// as <c>{resource.connectionString}</c> (run-mode values only exist once the app is started).
    /// </summary>
    static async Task<Dictionary<string, string>> EnvironmentOf(IDistributedApplicationTestingBuilder builder, string service)
    {
        var project = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == service);
        var configuration = await ExecutionConfigurationBuilder.Create(project).WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Null(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary();
    }

    /// <summary>The model of a later start: <paramref name="service"/>'s SQLite file already exists in the state folder.</summary>
    async Task<IDistributedApplicationTestingBuilder> ModelWithDatabaseOf(string service)
    {
        Directory.CreateDirectory(Path.Combine(stateDirectory, "data"));
        await File.WriteAllBytesAsync(Path.Combine(stateDirectory, "data", $"{service}.db"), [], TestContext.Current.CancellationToken);
        return await Model(ExistingBroker);
    }

    Task<IDistributedApplicationTestingBuilder> Model(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.IpPlatform_AppHost>(
            [$"--State:Directory={stateDirectory}", .. args], TestContext.Current.CancellationToken);

    static void AssertEveryServiceWaitsFor(IDistributedApplicationTestingBuilder builder, IResource broker)
    {
        foreach (var name in Services)
        {
            var service = Assert.Single(builder.Resources, r => r.Name == name);
            Assert.Contains(service.Annotations.OfType<WaitAnnotation>(), w => w.Resource == broker);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(stateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
