using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Eligibility.Data;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// One eligibility service per test: a fresh SQLite file, the shipped calls seeded, the MassTransit harness.
/// <see cref="Client"/> has no token (precheck and calls are public); <see cref="Admin"/> acts as the administrator.
/// </summary>
public abstract class EligibilityServiceTest : IAsyncLifetime
{
    protected readonly ServiceFactory<Program> Service;

    /// <param name="settings">Configuration the service starts with, beside the test defaults.</param>
    protected EligibilityServiceTest(IReadOnlyDictionary<string, string>? settings = null) =>
        Service = new("eligibility-db") { Settings = settings };
    protected HttpClient Client = null!;
    protected HttpClient Admin = null!;

    public virtual ValueTask InitializeAsync()
    {
        Client = Service.CreateClient(); // starts the host: migrations and the shipped-call seeder run first
        Admin = Service.CreateClient(TestAccounts.Admin);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Service.DisposeAsync();
    }

    /// <summary>A client acting as <paramref name="account"/> (null: no token).</summary>
    protected HttpClient As(TestAccount? account) => Service.CreateClient(account);

    /// <summary>The applicant account of the organisation a document names.</summary>
    protected static TestAccount ApplicantOf(JsonObject document) =>
        TestAccounts.Applicant(document["applicant"]!["creditCode"]!.GetValue<string>());

    protected async Task<JsonElement> Precheck(JsonObject document)
    {
        var response = await Client.PostAsJsonAsync("/api/eligibility/precheck", document);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static string? Result(JsonElement assessment, string ruleId) =>
        assessment.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == ruleId)
            .Select(f => f.GetProperty("result").GetString())
            .SingleOrDefault();

    protected static JsonElement Finding(JsonElement assessment, string ruleId) =>
        assessment.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == ruleId);

    protected static string Outcome(JsonElement assessment) => assessment.GetProperty("outcome").GetString()!;

    /// <summary>Submits a document as intake would, by its applicant, with a fresh application id.</summary>
    protected async Task<Guid> Submit(JsonObject document, Guid? messageId = null, Guid? applicationId = null, int? callVersion = null)
    {
        var id = applicationId ?? Guid.NewGuid();
        var doc = Samples.ToDocument(document);
        var applicant = ApplicantOf(document);
        await Service.PublishAsync(new ApplicationSubmitted(id, doc.CallId!, doc.Track!, doc, DateTimeOffset.UtcNow)
        {
            By = new Actor(applicant.Id, applicant.Name, applicant.Role, null),
            CallVersion = callVersion,
        }, messageId);
        return id;
    }

    protected List<AuditEntry> AuditEntries() =>
        InDatabase(db => db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Sequence).ToList());

    /// <summary>
    /// Waits until the seeder's CallPublished event of every shipped call has left the outbox. The dispatcher publishes
    /// a batch concurrently, so seeing one call's event says nothing of the other's.
    /// </summary>
    protected async Task ShippedCallsPublished()
    {
        foreach (var call in IpPlatform.Eligibility.Domain.ShippedCalls.All())
            Assert.True(await PublishedWithin<CallPublished>(m => m.Call.Id == call.Id),
                $"CallPublished for the shipped call {call.Id} was not published");
    }

    /// <summary>
    /// Whether a matching event leaves the outbox within a minute. The harness's own wait gives up after 10 s without bus
    /// activity, but the outbox is dispatched outside the bus, and on a loaded machine (CI runs every project at once)
    /// the dispatch can come later than that.
    /// </summary>
    protected async Task<bool> PublishedWithin<T>(Func<T, bool> match) where T : class
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (Service.Harness.Published.Select<T>(m => match(m.Context.Message)).Any()) return true;
            await Task.Delay(50);
        }
        return false;
    }

    protected async Task<EligibilityAssessed> AssessmentPublished(Guid applicationId)
    {
        Assert.True(await PublishedWithin<EligibilityAssessed>(m => m.ApplicationId == applicationId),
            $"EligibilityAssessed for {applicationId} was not published");
        return Service.Harness.Published.Select<EligibilityAssessed>(m => m.Context.Message.ApplicationId == applicationId).First().Context.Message;
    }

    protected T InDatabase<T>(Func<EligibilityDbContext, T> query) => Service.Query(query);

    /// <summary>Row count of every table in the service's database (SQLite catalogue, so none is forgotten).</summary>
    protected Dictionary<string, long> CountRowsOfEveryTable() => InDatabase(db =>
    {
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        try
        {
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                using var reader = list.ExecuteReader();
                while (reader.Read()) tables.Add(reader.GetString(0));
            }
            var counts = new Dictionary<string, long>();
            foreach (var table in tables)
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(count.ExecuteScalar());
            }
            return counts;
        }
        finally { db.Database.CloseConnection(); }
    });

    protected static Task<T> WaitFor<T>(Func<Task<T?>> probe, Func<T, bool> done, string what) =>
        IpPlatform.Testing.Eventually.Get(probe, done, what: what);
}
