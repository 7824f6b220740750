using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Security;
using IpPlatform.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Tests;

/// <summary>Who acted is on the timeline and in a hash-chained audit log that shows any edit of its rows.</summary>
public sealed class AccountabilityTests : IntakeServiceTest
{
    static readonly Actor KunshanOffice = new("test-county-320583", "county-320583", PlatformRoles.CountyOffice, "320583");

    /// <summary>Create, update and submit as the owner, then Kunshan's recommendation and the platform's assessment.</summary>
    async Task<Guid> ActOnAnApplication()
    {
        var id = await CreateDraft();
        var changed = JsonSerializer.SerializeToNode(Samples.Document("open"))!;
        changed["facts"]!["ipStaff"] = 5;
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"/api/applications/{id}", changed)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);

        await Service.PublishAsync(new ApplicationRecommended(id, "open", "industrial-brand", OfficeLevel.County, "320583", "同意推荐", DateTimeOffset.UtcNow)
        {
            By = KunshanOffice,
        });
        await Eventually.Get(() => Task.FromResult<int?>(AuditEntries().Count), n => n == 4, what: "the recommendation applied");
        await Service.PublishAsync(new EligibilityAssessed(id, "open", "industrial-brand", EligibilityOutcome.Eligible, [], DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(AuditEntries().Count), n => n == 5, what: "the assessment applied");
        return id;
    }

    [Fact]
    public async Task The_timeline_shows_who_acted_at_each_step()
    {
        var id = await ActOnAnApplication();

        var view = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");

        var steps = view.GetProperty("timeline").EnumerateArray().ToDictionary(t => t.GetProperty("what").GetString()!, t => t.GetProperty("by"));
        foreach (var own in new[] { "DraftCreated", "DraftUpdated", "Submitted" })
        {
            Assert.Equal(Samples.CreditCode, steps[own].GetProperty("name").GetString());
            Assert.Equal("applicant", steps[own].GetProperty("role").GetString());
        }
        Assert.Equal("county-320583", steps["Recommended"].GetProperty("name").GetString());
        Assert.Equal("county-office", steps["Recommended"].GetProperty("role").GetString());
        Assert.Equal("320583", steps["Recommended"].GetProperty("office").GetString());
        Assert.Equal(JsonValueKind.Null, steps["EligibilityAssessed"].ValueKind); // the platform, no one in person
    }

    [Fact]
    public async Task Every_act_and_every_change_from_another_service_is_audited_with_its_actor()
    {
        var id = await ActOnAnApplication();

        var entries = AuditEntries();

        Assert.Equal(
            ["application.draft-created", "application.draft-updated", "ApplicationSubmitted", "ApplicationRecommended", "EligibilityAssessed"],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(id.ToString(), e.Subject));
        Assert.Equal([Samples.Owner.Id, Samples.Owner.Id, Samples.Owner.Id, KunshanOffice.AccountId, "platform"], entries.Select(e => e.ActorId));
        Assert.Equal("320583", entries[3].ActorOffice);
        Assert.Contains("\"ipStaff\":5", entries[1].Details);
    }

    [Fact]
    public async Task The_administrator_reads_the_log_and_verifies_the_chain_intact()
    {
        await ActOnAnApplication();
        using var admin = As(TestAccounts.Admin);

        var log = await admin.GetFromJsonAsync<JsonElement>("/api/applications/audit");
        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/applications/audit/verify");

        var entries = log.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(entries[0].GetProperty("hash").GetString(), entries[1].GetProperty("previousHash").GetString());
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        Assert.Equal(5, verification.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task An_audit_row_edited_in_the_database_breaks_the_chain_at_that_row()
    {
        await ActOnAnApplication();
        var connectionString = Service.Query((IntakeDbContext db) => db.Database.GetConnectionString());
        await AuditTampering.RewriteEntryAsync(connectionString!, "Details = '{\"facts\":{\"ipStaff\":50}}'");
        using var admin = As(TestAccounts.Admin);

        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/applications/audit/verify");

        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(1, verification.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(2, verification.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        Assert.Contains("changed", verification.GetProperty("firstBroken").GetProperty("reason").GetString());
    }

    public static TheoryData<string> BadTokens => ["none", "expired", "wrong-audience", "foreign-key", "wrong-issuer", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Without_a_valid_token_every_route_is_a_401_problem_and_nothing_is_written(string token)
    {
        var id = await CreateDraft();
        var auditBefore = AuditEntries().Count;
        var bearer = token switch
        {
            "none" => null,
            "expired" => TestTokens.For(Samples.Owner, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong-audience" => TestTokens.For(Samples.Owner, audience: "another-api"),
            "foreign-key" => TestTokens.For(Samples.Owner, key: TestTokens.ForeignKey),
            "wrong-issuer" => TestTokens.For(Samples.Owner, issuer: "https://elsewhere.test/"),
            _ => "not.a.token",
        };
        using var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = bearer is null ? null : new AuthenticationHeaderValue("Bearer", bearer);

        HttpResponseMessage[] responses =
        [
            await client.GetAsync($"/api/applications/{id}"),
            await client.GetAsync("/api/applications"),
            await client.PostAsJsonAsync("/api/applications", Samples.Document("open")),
            await client.PutAsJsonAsync($"/api/applications/{id}", Samples.Document("open")),
            await client.PostAsync($"/api/applications/{id}/submit", null),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(auditBefore, AuditEntries().Count);
        Assert.Equal(1, Service.Query((IntakeDbContext db) => db.Applications.Count()));
    }
}
