using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpPlatform.AppHost;

/// <summary>The RabbitMQ the services use, and the resource they wait for.</summary>
public sealed record MessageBroker(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource> Resource);

public static class MessageBrokerExtensions
{
    public const string ConnectionName = "messaging";
    const string LocalServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>
    /// In order of preference: an existing broker named by <c>ConnectionStrings:messaging</c>; a container
    /// when a Docker engine answers; otherwise a private RabbitMQ node started from Debian's
    /// <c>rabbitmq-server</c> with its own node name, ports and data under the state folder, so it never
    /// touches a system-wide broker. <c>Broker:Mode</c> (<c>container</c> or <c>local</c>) skips the Docker
    /// probe and chooses.
    /// </summary>
    public static MessageBroker AddMessageBroker(this IDistributedApplicationBuilder builder, StateFolder state)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            var existing = builder.AddConnectionString(ConnectionName);
            return new MessageBroker(existing, existing.As<IResource>());
        }

        var mode = builder.Configuration["Broker:Mode"]?.ToLowerInvariant();
        var useContainer = mode switch
        {
            "container" => true,
            "local" => false,
            null or "" or "auto" => DockerEngineAnswers(),
            _ => throw new InvalidOperationException($"Broker:Mode '{mode}' is not one of auto, container, local."),
        };
        return useContainer ? AddContainer(builder) : AddLocalNode(builder, state);
    }

    static MessageBroker AddContainer(IDistributedApplicationBuilder builder)
    {
        // A named volume keeps queued messages across restarts, as the local node's data folder does; the
        // generated password is kept in the AppHost's user secrets, so it still matches the volume's user.
        var container = builder.AddRabbitMQ(ConnectionName).WithDataVolume("ipplatform-rabbitmq");
        return new MessageBroker(container.As<IResourceWithConnectionString>(), container.As<IResource>());
    }

    static MessageBroker AddLocalNode(IDistributedApplicationBuilder builder, StateFolder state)
    {
        if (!File.Exists(LocalServer))
            throw new InvalidOperationException(
                $"No Docker engine and no {LocalServer}: run ./run.sh (it installs rabbitmq-server) or set ConnectionStrings:messaging.");

        var port = builder.Configuration.GetValue<int?>("Broker:Port") ?? 5682;
        var distributionPort = builder.Configuration.GetValue<int?>("Broker:DistPort") ?? port + 20000;
        var node = $"ipplatform{port}";
        var home = state.Combine("rabbitmq", node);
        var enabledPlugins = state.Combine("rabbitmq", "enabled_plugins");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(home, "log"));
        if (!File.Exists(enabledPlugins))
            File.WriteAllText(enabledPlugins, "[].\n"); // no plugins: starts faster and needs no extra ports

        var healthKey = $"{node}-amqp";
        builder.Services.AddHealthChecks().AddCheck(healthKey, new AmqpPortCheck(port));

        // Under the script that stops it if the orchestrator dies, when the orchestrator's own watchers are off.
        var server = (ProcessMonitors.AreOwn(builder)
                ? builder.AddExecutable("rabbitmq", "/bin/sh", home, ProcessMonitors.StopWithParentScript, LocalServer)
                : builder.AddExecutable("rabbitmq", LocalServer, home))
            .WithEnvironment("HOME", home) // the Erlang cookie lives here, not in the user's home
            .WithEnvironment("RABBITMQ_NODENAME", $"{node}@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", port.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString())
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", enabledPlugins)
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(home, "rabbitmq"))
            .WithHealthCheck(healthKey);

        var connection = builder.AddConnectionString(ConnectionName,
            ReferenceExpression.Create($"amqp://guest:guest@localhost:{port.ToString()}"));
        return new MessageBroker(connection, server.As<IResource>());
    }

    static bool DockerEngineAnswers()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (process is null) return false;
            if (!process.WaitForExit(TimeSpan.FromSeconds(10))) { process.Kill(); return false; }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }

    static IResourceBuilder<T> As<T>(this IResourceBuilder<T> builder) where T : IResource => builder;
}

/// <summary>
/// Healthy once the node answers the AMQP 0-9-1 protocol header with a Connection.Start frame, which
/// RabbitMQ only does after boot has finished.
/// </summary>
sealed class AmqpPortCheck(int port) : IHealthCheck
{
    static readonly byte[] ProtocolHeader = "AMQP"u8.ToArray().Concat(new byte[] { 0, 0, 9, 1 }).ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Readiness.PatientlyAsync(ProbeAsync, cancellationToken);

    async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, timeout.Token);
            var frameType = new byte[1];
            var read = await stream.ReadAsync(frameType, timeout.Token);
            return read == 1 && frameType[0] == 1
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("broker did not answer with Connection.Start");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return HealthCheckResult.Unhealthy($"broker not reachable on port {port}: {ex.Message}");
        }
    }
}
