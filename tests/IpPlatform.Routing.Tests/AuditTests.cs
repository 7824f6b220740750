using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Security;
using IpPlatform.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>Routing's audit log: an entry per act, naming who acted, in a chain that shows any edit.</summary>
public sealed class AuditTests : IAsyncLifetime
{
    RoutingHost host = null!;
    HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        host = await RoutingHost.StartAsync();
        admin = host.Service.CreateClient(TestAccounts.Admin);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    sealed record Entry(long Sequence, string ActorName, string ActorRole, string? ActorOffice, string Action, string Subject, string? Details);
    sealed record Page(List<Entry> Entries, long? NextAfter);

    async Task<List<Entry>> Entries(string? subject = null) =>
        (await admin.GetFromJsonAsync<Page>($"/api/routing/audit?take=500{(subject is null ? "" : $"&subject={subject}")}"))!.Entries;

    Task<JsonElement> Verify() => admin.GetFromJsonAsync<JsonElement>("/api/routing/audit/verify");

    /// <summary>A case recommended by Kunshan and Suzhou, after the administrator entered Suzhou's figures.</summary>
    async Task<Guid> ActedOn()
    {
        var put = await admin.PutAsJsonAsync($"/api/routing/cities/{Suzhou}/figures", new { callId = CallId, inventionGrantsLastYear = 3000, incentiveRegion = true });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        Assert.Equal(HttpStatusCode.OK, (await host.Recommend(id, TestAccounts.County(Kunshan), "县局同意")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Recommend(id, TestAccounts.City(Suzhou), "市局推荐")).StatusCode);
        return id;
    }

    [Fact]
    public async Task Each_act_and_each_change_a_consumer_made_is_an_entry_naming_who_acted()
    {
        var id = await ActedOn();
        var returned = await host.Arrive(EligibilityOutcome.NeedsReview, region: "320582");
        Assert.Equal(HttpStatusCode.OK, (await host.Return(returned, TestAccounts.County("320582"), "材料不全")).StatusCode);

        var entries = await Entries();

        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Contains(entries, e => e is { Action: "CallQuotasReceived", ActorName: "platform", Subject: CallId });
        Assert.Contains(entries, e => e is { Action: "CityFiguresEntered", ActorName: "admin", ActorRole: PlatformRoles.Admin, Subject: Suzhou });
        var ofCase = (await Entries(id.ToString())).Select(e => (e.Action, e.ActorName)).ToList();
        // Submission and assessment may be consumed in either order; the offices' acts follow them.
        Assert.Equal([("EligibilityRecorded", "platform"), ("RecommendationCaseOpened", "platform")], ofCase.Take(2).Order());
        Assert.Equal([("ApplicationRecommended", "county-320583"), ("ApplicationRecommended", "city-320500")], ofCase.Skip(2));
        var byCity = (await Entries(id.ToString())).Last();
        Assert.Equal((PlatformRoles.CityOffice, Suzhou), (byCity.ActorRole, byCity.ActorOffice));
        Assert.Equal("市局推荐", JsonDocument.Parse(byCity.Details!).RootElement.GetProperty("opinion").GetString());
        Assert.Equal(("ApplicationReturned", "county-320582"), (await Entries(returned.ToString())).Select(e => (e.Action, e.ActorName)).Last());
    }

    [Fact]
    public async Task A_submission_an_applicant_made_is_entered_under_the_applicant()
    {
        var applicant = TestAccounts.Applicant("91320583MA1P2K3L4X");
        var submitted = Submitted() with { By = As(applicant) };
        await host.Service.PublishAsync(submitted);
        await Eventually.Get(() => Task.FromResult<int?>(host.Query(db => db.Recommendations.Count(r => r.ApplicationId == submitted.ApplicationId))), n => n == 1,
            what: "the case opened");

        var opened = Assert.Single(await Entries(submitted.ApplicationId.ToString()));

        Assert.Equal(("RecommendationCaseOpened", applicant.Name, PlatformRoles.Applicant), (opened.Action, opened.ActorName, opened.ActorRole));
    }

    [Fact]
    public async Task An_untouched_log_verifies_and_an_edited_row_is_named()
    {
        await ActedOn();
        var count = (await Entries()).Count;
        var intact = await Verify();
        Assert.True(intact.GetProperty("intact").GetBoolean());
        Assert.Equal(count, intact.GetProperty("entriesChecked").GetInt64());

        // Someone with access to the database file rewrites what the second entry says.
        var connectionString = host.Query(db => db.Database.GetConnectionString());
        await AuditTampering.RewriteEntryAsync(connectionString!, "Details = '{\"edited\":true}'");

        var broken = await Verify();

        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(1, broken.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(2, broken.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        Assert.Contains("changed", broken.GetProperty("firstBroken").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_deleted_row_breaks_the_chain_where_it_was()
    {
        await ActedOn();

        var connectionString = host.Query(db => db.Database.GetConnectionString());
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM AuditLog WHERE Sequence = 3";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        var broken = await Verify();

        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(4, broken.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task Only_the_administrator_reads_the_log()
    {
        await ActedOn();
        foreach (var account in new[] { TestAccounts.Province, TestAccounts.City(Suzhou), TestAccounts.Agency })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Service.CreateClient(account).GetAsync("/api/routing/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Service.CreateClient(account).GetAsync("/api/routing/audit/verify")).StatusCode);
        }
    }
}
