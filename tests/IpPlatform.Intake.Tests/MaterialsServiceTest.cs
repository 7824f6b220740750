using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Intake.Data;
using IpPlatform.Intake.Materials;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// One intake service per test with its own materials folder (deleted afterwards) and a call whose track lists
/// <see cref="MaterialsSamples.Materials"/>. <paramref name="store"/> replaces the folder store when given.
/// </summary>
public abstract class MaterialsServiceTest(Func<string, IMaterialStore>? store = null) : IAsyncLifetime
{
    protected readonly string MaterialsFolder = Path.Combine(Path.GetTempPath(), $"ipplatform-materials-{Guid.NewGuid():N}");
    protected ServiceFactory<Program> Service = null!;
    protected HttpClient Client = null!;
    protected CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var folder = MaterialsFolder;
        Service = new("intake-db")
        {
            ConfigureServices = services => services.AddSingleton(store?.Invoke(folder) ?? new FolderMaterialStore(folder)),
        };
        BeforeStart(Service);
        Client = Service.CreateClient(Samples.Owner);
        await Service.PublishAsync(new CallPublished(MaterialsSamples.Call("open", new DateOnly(2099, 12, 31)), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Count())), n => n == 1,
            what: "the call known to intake");
    }

    /// <summary>A test's changes to the host before it starts (e.g. real Kestrel instead of the in-memory server).</summary>
    protected virtual void BeforeStart(ServiceFactory<Program> service) { }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        if (Directory.Exists(MaterialsFolder)) Directory.Delete(MaterialsFolder, recursive: true);
    }

    protected HttpClient As(TestAccount? account) => Service.CreateClient(account);

    protected async Task<Guid> CreateDraft(TestAccount? applicant = null, string regionCode = "320583")
    {
        var account = applicant ?? Samples.Owner;
        using var client = As(account);
        var response = await client.PostAsJsonAsync("/api/applications", Samples.Document("open", account.Organisation, regionCode), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Moves an application out of draft as a submission does. Straight in the database: these tests are about
    /// the materials being frozen, not about what submission checks (content rules that change meanwhile).
    /// </summary>
    protected void MarkSubmitted(Guid id) => Service.Query((IntakeDbContext db) =>
        db.Database.ExecuteSql($"UPDATE Applications SET Stage = 'Submitted', SubmittedAtUtc = {DateTime.UtcNow}, Version = Version + 1 WHERE Id = {id}"));

    protected static MultipartFormDataContent Form(byte[] bytes, string fileName, string partName = "file", string clientType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(clientType);
        return new MultipartFormDataContent { { file, partName, fileName } };
    }

    protected Task<HttpResponseMessage> Upload(Guid id, string materialId, byte[] bytes, string fileName = "申报书.pdf", HttpClient? client = null,
        string clientType = "application/pdf") =>
        (client ?? Client).PostAsync($"/api/applications/{id}/materials/{materialId}", Form(bytes, fileName, clientType: clientType), Ct);

    protected async Task<JsonElement> Uploaded(Guid id, string materialId, byte[] bytes, string fileName = "申报书.pdf")
    {
        var response = await Upload(id, materialId, bytes, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    protected async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    protected int MaterialRows() => Service.Query((IntakeDbContext db) => db.Materials.Count());

    protected List<string> AuditActions() =>
        Service.Query((IntakeDbContext db) => db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Sequence).Select(a => a.Action).ToList());

    /// <summary>The blobs in the materials folder (not the store's temporary files).</summary>
    protected string[] StoredBlobs() => Directory.Exists(MaterialsFolder)
        ? [.. Directory.GetFiles(MaterialsFolder, "*", SearchOption.AllDirectories).Where(f => !f.Contains(".incoming")).Select(Path.GetFileName)!]
        : [];
}
