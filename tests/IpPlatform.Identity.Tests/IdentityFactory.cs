using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Identity.Tests;

/// <summary>
/// Hosts the identity service in memory on its own SQLite file and keys folder (both in a fresh temporary
/// folder unless given), environment Testing, demo accounts and the password grant on, MassTransit's test
/// harness in place of RabbitMQ (the service publishes AccountRegistered). The shared ServiceFactory is not
/// used: this service issues its own tokens and keeps its keys in the folder.
/// </summary>
public class IdentityFactory : WebApplicationFactory<Program>
{
    public const string Issuer = "https://id.ipplatform.test/";
    public const string DemoPassword = "Demo-2022!";

    readonly string folder = NewFolder();
    bool ownsFolder = true;

    /// <summary>Where the database and keys live; a folder given here is left in place on disposal.</summary>
    public string Folder
    {
        get => folder;
        init { folder = value; ownsFolder = false; }
    }

    public string Environment { get; init; } = "Testing";

    /// <summary>Configuration on top of (or, with a null value, removing) the defaults below.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    public string KeysDirectory => Path.Combine(folder, "keys");

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), $"ipplatform-identity-test-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(folder);
        builder.UseEnvironment(Environment);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:identity-db"] = $"Data Source={Path.Combine(folder, "identity.db")}",
            ["Identity:Issuer"] = Issuer,
            ["Identity:KeysDirectory"] = KeysDirectory,
            ["Identity:SeedDemoAccounts"] = "true",
            ["Identity:AllowPasswordGrant"] = "true",
            ["Logging:LogLevel:Default"] = "Warning", // OpenIddict logs every request at Information
            ["ConnectionStrings:messaging"] = "amqp://guest:guest@localhost:1/", // never dialled: the harness replaces the transport
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddMassTransitTestHarness());
    }

    public ITestHarness Harness => Services.GetTestHarness();

    /// <summary>Runs <paramref name="query"/> with a service of the host, in a scope of its own.</summary>
    public async Task<T> With<TService, T>(Func<TService, Task<T>> query) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (!ownsFolder) return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
