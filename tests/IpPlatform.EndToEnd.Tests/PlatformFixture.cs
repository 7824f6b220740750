using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>
/// The real AppHost, booted once for the end-to-end tests: a private RabbitMQ node on a free port, the six
/// services on fresh SQLite files in a temporary state folder, and the gateway on a free port.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"ipplatform-e2e-{Guid.NewGuid():N}");
    DistributedApplication? app;

    public HttpClient Gateway { get; private set; } = null!;

    public DistributedApplication App => app ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.IpPlatform_AppHost>(
        [
            $"--Broker:Port={FreePort()}",
            $"--Broker:DistPort={FreePort()}",
            $"--Gateway:Port={FreePort()}",
            $"--State:Directory={stateDirectory}",
        ], cts.Token);
        app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        Gateway = app.CreateHttpClient("gateway", "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task StopAsync(string resource) => await RunCommand(resource, KnownResourceCommands.StopCommand);

    public async Task StartAsync(string resource)
    {
        await RunCommand(resource, KnownResourceCommands.StartCommand);
        using var cts = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
    }

    async Task RunCommand(string resource, string command)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);
        if (!result.Success) throw new InvalidOperationException($"{command} on {resource} failed: {result.ErrorMessage}");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        try { Directory.Delete(stateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
