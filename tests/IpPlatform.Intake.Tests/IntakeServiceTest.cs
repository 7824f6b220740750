using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// One intake service per test: a fresh SQLite file, the MassTransit harness, and two calls known to it
/// ("open" until 2099, "closed" since 2022). <see cref="Client"/> acts as <see cref="Samples.Owner"/>.
/// </summary>
public abstract class IntakeServiceTest : IAsyncLifetime
{
    protected readonly ServiceFactory<Program> Service;
    /// <summary>The service's clock: real time until a test sets it.</summary>
    protected readonly TestClock Clock = new();

    /// <param name="settings">Configuration the service starts with, beside the test defaults.</param>
    protected IntakeServiceTest(IReadOnlyDictionary<string, string>? settings = null) =>
        Service = new("intake-db") { ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock), Settings = settings };
    protected HttpClient Client = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Client = Service.CreateClient(Samples.Owner);
        await Service.PublishAsync(new CallPublished(Samples.Call("open", new DateOnly(2099, 12, 31)), DateTimeOffset.UtcNow));
        await Service.PublishAsync(new CallPublished(Samples.Call("closed", new DateOnly(2022, 1, 30)), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Count())), n => n == 2,
            what: "both calls known to intake");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
    }

    /// <summary>A client acting as <paramref name="account"/> (null: no token).</summary>
    protected HttpClient As(TestAccount? account) => Service.CreateClient(account);

    /// <summary>Creates a draft of <paramref name="applicant"/>'s organisation (default <see cref="Samples.Owner"/>) in <paramref name="regionCode"/>.</summary>
    protected async Task<Guid> CreateDraft(string callId = "open", TestAccount? applicant = null, string regionCode = "320583")
    {
        var account = applicant ?? Samples.Owner;
        using var client = As(account);
        var response = await client.PostAsJsonAsync("/api/applications", Samples.Document(callId, account.Organisation, regionCode));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Draft", body.GetProperty("status").GetString());
        Assert.EndsWith(body.GetProperty("id").GetString()!, response.Headers.Location!.ToString());
        return body.GetProperty("id").GetGuid();
    }

    protected async Task<Guid> CreateAndSubmit(TestAccount applicant, string regionCode)
    {
        var id = await CreateDraft("open", applicant, regionCode);
        using var client = As(applicant);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        return id;
    }

    protected List<AuditEntry> AuditEntries() =>
        Service.Query((IntakeDbContext db) => db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Sequence).ToList());

    protected int OutboxCount() => Service.Query((IntakeDbContext db) => db.Set<OutboxMessage>().Count());
}
