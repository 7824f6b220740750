using Aspire.Hosting.ApplicationModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace IpPlatform.AppHost;

/// <summary>The repository's ignored state folder: databases and the local broker's data live here.</summary>
public sealed record StateFolder(string Path)
{
    /// <summary><c>State:Directory</c> when given (tests use a fresh one), else <c>.state/</c> at the repo root.</summary>
    public static StateFolder Resolve(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["State:Directory"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(builder.AppHostDirectory, "..", ".state"))
            : System.IO.Path.GetFullPath(configured);
        Directory.CreateDirectory(path);
        return new StateFolder(path);
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A service's SQLite file (the default provider).</summary>
    public string DatabaseFile(string service) => Combine("data", $"{service}.db");

    /// <summary>Whether a service's SQLite file already exists (false on SQL Server, where the AppHost cannot tell).</summary>
    public bool HasSqliteDatabase(IDistributedApplicationBuilder builder, string service) =>
        PlatformResources.ProviderOf(builder.Configuration) == "sqlite" && File.Exists(DatabaseFile(service));
}

public static class PlatformResources
{
    /// <summary>
    /// One service of the platform: its own database (SQLite file by default, SQL Server when
    /// <c>Database:Provider</c> is SqlServer and <c>ConnectionStrings:{name}-db</c> is given to the AppHost),
    /// the broker, and a readiness check the gateway waits for. Not exposed outside: the gateway is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, MessageBroker broker, StateFolder state)
        where TProject : IProjectMetadata, new()
    {
        // Replicas:<name>=N starts N processes behind one endpoint: the orchestrator's proxy balances between them.
        // One process needs no proxy: the gateway and the other services call it on its own port. Through the proxy,
        // every request crossed one more process (DCP's, on the same two cores): measured at 200 prechecks a second,
        // the gateway's p99 was 10–14 ms where the service's own was 7–8 ms.
        var replicas = builder.Configuration.GetValue<int?>($"Replicas:{name}") ?? 1;
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHostEnvironment()
            .WithHttpEndpoint(name: "http", isProxied: replicas > 1)
            .WithPatientHttpHealthCheck("/health")
            .WithReference(broker.ConnectionString)
            .WaitFor(broker.Resource)
            .WithBuiltProgram()
            .WithSmallFootprint()
            .WithMessagingSettings();
        // On SQLite replicas share the service's file; the outbox dispatcher runs in one of them at a time.
        if (replicas > 1)
            service.WithReplicas(replicas);

        var connectionName = $"{name}-db";
        var provider = builder.Configuration["Database:Provider"];
        switch (ProviderOf(builder.Configuration))
        {
            case "sqlserver":
                // Fail here, naming what is missing, rather than when the service first opens its database.
                if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(connectionName)))
                    throw new InvalidOperationException(
                        $"Database:Provider is SqlServer but ConnectionStrings:{connectionName} is not set; each service needs its own database.");
                service.WithEnvironment("Database__Provider", "SqlServer")
                    .WithReference(builder.AddConnectionString(connectionName));
                break;
            case "sqlite":
                var file = state.DatabaseFile(name);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
                service.WithEnvironment("Database__Provider", "Sqlite")
                    .WithEnvironment($"ConnectionStrings__{connectionName}", $"Data Source={file}");
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not one of Sqlite (the default), SqlServer.");
        }
        return service;
    }

    /// <summary><c>Database:Provider</c> in lower case; sqlite when not given.</summary>
    internal static string ProviderOf(IConfiguration configuration) =>
        configuration["Database:Provider"] is { Length: > 0 } provider ? provider.ToLowerInvariant() : "sqlite";

    /// <summary>
    /// The AppHost's environment (Development under ./run.sh and the tests): without a launch profile a project
    /// would start as Production, where the identity service rightly refuses to run without certificates.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHostEnvironment(this IResourceBuilder<ProjectResource> project)
    {
        var environment = project.ApplicationBuilder.Environment.EnvironmentName;
        return project.WithEnvironment("DOTNET_ENVIRONMENT", environment).WithEnvironment("ASPNETCORE_ENVIRONMENT", environment);
    }

    /// <summary>
    /// Starts the project's built program (<c>dotnet exec bin/&lt;Configuration&gt;/&lt;tfm&gt;/&lt;Project&gt;.dll</c>) instead of
    /// through <c>dotnet run --no-build</c>: the orchestrator's default keeps one SDK process (≈ 130 MiB, and its start-up
    /// evaluates the project with MSBuild) alive beside every project for nothing, since the AppHost's build has already
    /// built every project it references. The working directory stays the project's folder, as under <c>dotnet run</c>.
    /// <c>Runtime:BuiltPrograms=false</c> goes back to <c>dotnet run</c>; a project whose program is not built is left to it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBuiltProgram(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.Configuration.GetValue("Runtime:BuiltPrograms", true)) return project;
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var folder = System.IO.Path.GetDirectoryName(projectPath)!;
        // The AppHost is built in the same configuration and for the same framework as the projects it references.
        var appHost = typeof(PlatformResources).Assembly;
        var configuration = appHost.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = appHost.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName
            .Split("Version=v") is [_, var version] ? $"net{version}" : "net10.0";
        var program = System.IO.Path.Combine(folder, "bin", configuration, framework, System.IO.Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        if (!File.Exists(program)) return project;
        return project
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = folder }, ResourceAnnotationMutationBehavior.Replace)
                        // First, before any argument of the application's own (the mail sink's, say).
            .WithArgs(context => { context.Args.Insert(0, program); context.Args.Insert(0, "exec"); });
    }

    /// <summary>
    /// Runtime settings for many small processes on a small machine (seven .NET processes on two cores):
    /// workstation GC with a small gen0 budget (<c>Runtime:Gen0MiB</c>, default 8) instead of one server-GC heap per core, a hard heap limit
    /// (<c>Runtime:HeapLimitMiB</c>, default 512), and no dynamic-PGO instrumentation at start. Off with
    /// <c>Runtime:SmallFootprint=false</c> (e.g. one service per large machine).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSmallFootprint(this IResourceBuilder<ProjectResource> project)
    {
        var configuration = project.ApplicationBuilder.Configuration;
        if (!configuration.GetValue("Runtime:SmallFootprint", true)) return project;
        // The gen0 budget: allocated before a collection, so resident at idle too (Runtime:Gen0MiB, default 8; 16 measured
        // 40–50 MiB more over the eleven processes; 4 saved as much again but cost a precheck's p95 0.45 ms).
        var gen0 = "0x" + (configuration.GetValue("Runtime:Gen0MiB", 8L) * 1024 * 1024).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        var heapLimit = "0x" + (configuration.GetValue("Runtime:HeapLimitMiB", 512L) * 1024 * 1024).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        return project
            .WithEnvironment("DOTNET_gcServer", "0")
            .WithEnvironment("DOTNET_GCgen0size", gen0)
            .WithEnvironment("DOTNET_GCHeapHardLimit", heapLimit)
            .WithEnvironment("DOTNET_TieredPGO", "0");
    }

    /// <summary>
    /// How often every process sends its metrics to the dashboard: <c>Telemetry:MetricExportIntervalMs</c>, default
    /// 5,000. Aspire's development default is one second; the dashboard then stores every series of thirteen processes
    /// each second in its SQLite file, which measured 53 ms of CPU a second on an idle stack (the largest idle
    /// consumer; 10–11 ms at five seconds). Charts refresh every five seconds instead. Traces and logs keep Aspire's one-second batches. Call after every resource is added.
    /// </summary>
    public static IDistributedApplicationBuilder PaceTelemetryExport(this IDistributedApplicationBuilder builder)
    {
        var interval = builder.Configuration.GetValue("Telemetry:MetricExportIntervalMs", 5000);
        if (interval < 100)
            throw new InvalidOperationException("Telemetry:MetricExportIntervalMs must be at least 100.");
        var value = interval.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A development setting, like Aspire's: a deployment's manifest keeps the exporter's own default.
        if (!builder.ExecutionContext.IsRunMode) return builder;
        // After Aspire's own OTLP settings (added with each project), so this value is the one the process gets.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            project.Annotations.Add(new EnvironmentCallbackAnnotation(env => env["OTEL_METRIC_EXPORT_INTERVAL"] = value));
        return builder;
    }

    /// <summary>
    /// A service whose work may lag behind a deadline surge (notices and mail, the offices' case files, funding,
    /// monitoring) runs at a lower CPU priority: <c>Runtime:BackgroundNice</c>, default 10 (0 for none; see
    /// ServiceDefaults' ProcessPriority). On a machine the services share, the submissions and their assessment
    /// (gateway, identity, intake, eligibility) then get the cores first; the rest catches up once they are free, and
    /// runs at full speed whenever cores are idle. A lower priority alone still left these services a third of the
    /// cores in a surge, so they also hold each message back while work at normal priority keeps more than
    /// <c>Runtime:BackgroundYieldPercent</c> of the machine busy (default 60; 0 for never; see ServiceDefaults'
    /// MachineLoad), each at most <c>Runtime:YieldMaxWaitMs</c>. Measured on two cores: docs/benchmarks.md.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBackgroundPriority(this IResourceBuilder<ProjectResource> project)
    {
        var configuration = project.ApplicationBuilder.Configuration;
        var nice = configuration.GetValue("Runtime:BackgroundNice", 10);
        if (nice is < 0 or > 19)
            throw new InvalidOperationException($"Runtime:BackgroundNice must be between 0 (normal priority) and 19 (lowest), not {nice}.");
        var yieldPercent = configuration.GetValue("Runtime:BackgroundYieldPercent", 60);
        if (yieldPercent is < 0 or > 100)
            throw new InvalidOperationException($"Runtime:BackgroundYieldPercent must be between 0 (never wait) and 100, not {yieldPercent}.");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (nice > 0) project.WithEnvironment("Runtime__Nice", nice.ToString(invariant));
        if (yieldPercent > 0) project.WithEnvironment("Runtime__YieldAbovePercent", yieldPercent.ToString(invariant));
        if (configuration["Runtime:YieldMaxWaitMs"] is { Length: > 0 } maxWait) project.WithEnvironment("Runtime__YieldMaxWaitMs", maxWait);
        return project;
    }

    /// <summary>Passes the consumers' tuning (<c>Messaging:*</c>, see ServiceBus) from the AppHost's command line.</summary>
    public static IResourceBuilder<ProjectResource> WithMessagingSettings(this IResourceBuilder<ProjectResource> project)
    {
        foreach (var setting in project.ApplicationBuilder.Configuration.GetSection("Messaging").AsEnumerable(makePathsRelative: false))
            if (setting.Value is { Length: > 0 } value)
                project.WithEnvironment(setting.Key.Replace(":", "__"), value);
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithReferenceAndWait(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> service) =>
        builder.WithReference(service).WaitFor(service);
}
