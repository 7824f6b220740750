using MassTransit;
using MassTransit.Testing;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Testing;

/// <summary>
/// Hosts one service in memory for its HTTP API tests: a fresh SQLite file (real migrations, real SQL)
/// and MassTransit's test harness in place of RabbitMQ, with the service's own consumers, retry and
/// outbox dispatcher left as they are. A test that restarts a service passes the same
/// <paramref name="databaseFile"/> to two hosts in turn (and deletes it itself).
/// </summary>
public sealed class ServiceFactory<TProgram>(string databaseConnectionName, string? databaseFile = null) : WebApplicationFactory<TProgram>
    where TProgram : class
{
    readonly bool ownsDatabase = databaseFile is null;
    readonly string databaseFile = databaseFile ?? Path.Combine(Path.GetTempPath(), $"ipplatform-test-{Guid.NewGuid():N}.db");

    IHost? host;

    public ITestHarness Harness => Services.GetTestHarness();

    protected override IHost CreateHost(IHostBuilder builder) => host = base.CreateHost(builder);

    /// <summary>Extra configuration of a test (key and value, as on the command line).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Extra service registrations of a test (e.g. a fixed clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", $"Data Source={databaseFile}");
        builder.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@localhost:1/"); // never dialled: the harness replaces the transport
        builder.UseSetting(PlatformAuthentication.IssuerKey, TestTokens.Issuer);
        foreach (var (key, value) in Settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            // The outbox publishes outside the bus, so the harness sees no activity between a consumer's commit and the
            // dispatch; on a loaded machine (CI runs every test project at once) that gap can pass 10 s.
            services.AddMassTransitTestHarness(bus => bus.SetTestTimeouts(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20)));
            // Trust the test key instead of fetching the identity service's keys.
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
                configuration.SigningKeys.Add(TestTokens.SigningKey);
                o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            });
            ConfigureServices?.Invoke(services);
        });
    }

    /// <summary>A client acting as <paramref name="account"/> (null: no token).</summary>
    public HttpClient CreateClient(TestAccount? account) => CreateClient().As(account);

    /// <summary>Runs <paramref name="query"/> on the service's own database, in a scope of its own.</summary>
    public T Query<TContext, T>(Func<TContext, T> query) where TContext : notnull
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <summary>Publishes an event into the service as another service would, with a fresh message id.</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        await Harness.Bus.Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid());

    public override async ValueTask DisposeAsync()
    {
        if (host?.Services.GetService<IBusControl>() is { } bus) await StopBus(bus);
        await base.DisposeAsync();
    }

    /// <summary>
    /// Stops the bus before the host does (the host would stop it first anyway: its hosted service is the last
    /// registered). MassTransit 8.5 can let two stops of one receive endpoint overlap at shutdown, and the later
    /// one then reads the handle the earlier just cleared (a NullReferenceException in ReceiveEndpoint.Stop, seen
    /// once in a CI run, after the test's assertions had passed). A second stop finds that endpoint stopped and
    /// stops the rest.
    /// </summary>
    static async Task StopBus(IBusControl bus)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await bus.StopAsync();
                return;
            }
            catch (NullReferenceException) when (attempt < 3)
            {
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!ownsDatabase) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(databaseFile + suffix); } catch (IOException) { }
    }
}
