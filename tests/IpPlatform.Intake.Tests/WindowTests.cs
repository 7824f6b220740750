using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Tests;

/// <summary>At the office's window: a fingerprint identifies the application and proves the record unchanged; the copy is recorded.</summary>
public sealed class WindowTests : IntakeServiceTest
{
    const string Kunshan = "320583", Zhangjiagang = "320582", Suzhou = "320500";

    static DateOnly TodayInShanghai => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    async Task<(Guid Id, string Fingerprint)> Submitted()
    {
        var id = await CreateAndSubmit(Samples.Owner, Kunshan);
        var fingerprint = (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("fingerprint").GetString()!;
        return (id, fingerprint);
    }

    static string Grouped(string hex) => string.Join(' ', hex.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    [Fact]
    public async Task A_fingerprint_typed_grouped_in_upper_case_finds_the_application_and_the_record_still_matches()
    {
        var (id, fingerprint) = await Submitted();
        var published = Service.Harness.Published.Select<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal(published.Fingerprint, fingerprint); // the stored fingerprint is the one the event carried

        foreach (var office in new[] { TestAccounts.County(Kunshan), TestAccounts.City(Suzhou), TestAccounts.CityGovernment(Suzhou), TestAccounts.Province })
        {
            using var client = As(office);
            var response = await client.GetAsync($"/api/applications/verification/{Uri.EscapeDataString(Grouped(fingerprint))}");

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{office}: {(int)response.StatusCode}");
            var found = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(id, found.GetProperty("applicationId").GetGuid());
            Assert.True(found.GetProperty("matches").GetBoolean(), "recomputed after a database round trip, the fingerprint holds");
            Assert.Equal("某某工业品牌培育项目", found.GetProperty("projectName").GetString());
            Assert.Equal("Submitted", found.GetProperty("status").GetString());
            Assert.Equal(fingerprint, found.GetProperty("fingerprint").GetString());
        }
    }

    [Fact]
    public async Task A_row_changed_behind_the_platforms_back_no_longer_matches()
    {
        var (id, fingerprint) = await Submitted();
        using var county = As(TestAccounts.County(Kunshan));
        Service.Query((IntakeDbContext db) => db.Database.ExecuteSql(
            $"UPDATE Applications SET DocumentText = replace(DocumentText, '13800138000', '13900139000') WHERE Id = {id}"));

        var found = await county.GetFromJsonAsync<JsonElement>($"/api/applications/verification/{fingerprint}");

        Assert.Equal(id, found.GetProperty("applicationId").GetGuid());
        Assert.False(found.GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task A_material_swapped_after_submission_no_longer_matches()
    {
        var id = await CreateDraft();
        Service.AddMaterial(id, "other-proof", "证明.pdf", "%PDF-1.7 original"u8.ToArray());
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        var fingerprint = (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("fingerprint").GetString()!;
        using var county = As(TestAccounts.County(Kunshan));
        Assert.True((await county.GetFromJsonAsync<JsonElement>($"/api/applications/verification/{fingerprint}")).GetProperty("matches").GetBoolean());

        Service.Query((IntakeDbContext db) => db.Database.ExecuteSql(
            $"UPDATE Materials SET Sha256 = {new string('0', 64)} WHERE ApplicationId = {id}"));

        Assert.False((await county.GetFromJsonAsync<JsonElement>($"/api/applications/verification/{fingerprint}")).GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task Outside_the_offices_jurisdiction_an_unknown_fingerprint_and_a_malformed_one_are_problems()
    {
        var (_, fingerprint) = await Submitted();
        using var otherCounty = As(TestAccounts.County(Zhangjiagang));
        using var county = As(TestAccounts.County(Kunshan));

        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/applications/verification/{fingerprint}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/applications/verification/{new string('e', 64)}")).StatusCode);
        var malformed = await county.GetAsync("/api/applications/verification/3f2a-91c0-7b4e");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("fingerprint", out _));
    }

    [Fact]
    public async Task The_county_office_records_the_paper_copy_through_the_outbox_with_an_audit_entry_and_a_timeline_row()
    {
        var (id, _) = await Submitted();
        using var county = As(TestAccounts.County(Kunshan));

        var response = await county.PostAsJsonAsync($"/api/applications/{id}/paper-copy", new { receivedOn = TodayInShanghai, copies = 2, matches = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paper = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paperCopy");
        Assert.Equal(2, paper.GetProperty("copies").GetInt32());
        Assert.Equal("County", paper.GetProperty("level").GetString());
        Assert.True(await Service.Harness.Published.Any<PaperCopyReceived>(m => m.Context.Message.ApplicationId == id));
        var received = Service.Harness.Published.Select<PaperCopyReceived>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal((OfficeLevel.County, Kunshan, TodayInShanghai, 2, true, (string?)null), (received.Level, received.OfficeRegionCode, received.ReceivedOn, received.Copies, received.Matches, received.Reason));
        Assert.Equal("county-" + Kunshan, received.By?.Name);
        Assert.Contains(AuditEntries(), a => a.Action == nameof(PaperCopyReceived) && a.Subject == id.ToString());
        var view = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("what").GetString() == "PaperCopyReceived");
    }

    [Fact]
    public async Task A_second_record_replaces_the_first_while_the_application_is_on_its_way_up()
    {
        var (id, _) = await Submitted();
        using var county = As(TestAccounts.County(Kunshan));
        using var city = As(TestAccounts.City(Suzhou));
        Assert.Equal(HttpStatusCode.OK, (await county.PostAsJsonAsync($"/api/applications/{id}/paper-copy", new { receivedOn = TodayInShanghai, copies = 1, matches = true })).StatusCode);

        var again = await city.PostAsJsonAsync($"/api/applications/{id}/paper-copy", new { receivedOn = TodayInShanghai, copies = 1, matches = false, reason = "纸质材料预算表与网上不一致" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var paper = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paperCopy");
        Assert.False(paper.GetProperty("matches").GetBoolean());
        Assert.Equal("City", paper.GetProperty("level").GetString());
        Assert.Equal("纸质材料预算表与网上不一致", paper.GetProperty("reason").GetString());
        Assert.True(await Service.Harness.Published.Any<PaperCopyReceived>(m => m.Context.Message.ApplicationId == id && !m.Context.Message.Matches));

        // Routing returns the application on the mismatch; from then on the record stands.
        await Service.PublishAsync(new ApplicationReturned(id, OfficeLevel.City, Suzhou, "纸质材料与网上不一致", DateTimeOffset.UtcNow));
        await Eventually.Get(async () => (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("status").GetString(),
            s => s == "Returned", what: "the application returned");
        var late = await county.PostAsJsonAsync($"/api/applications/{id}/paper-copy", new { receivedOn = TodayInShanghai, copies = 1, matches = true });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("not-receivable", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_countys_office_is_refused_and_a_draft_has_no_paper_copy()
    {
        var (id, _) = await Submitted();
        var draft = await CreateDraft();
        using var otherCounty = As(TestAccounts.County(Zhangjiagang));
        using var county = As(TestAccounts.County(Kunshan));
        var body = new { receivedOn = TodayInShanghai, copies = 1, matches = true };

        var refused = await otherCounty.PostAsJsonAsync($"/api/applications/{id}/paper-copy", body);
        var onDraft = await county.PostAsJsonAsync($"/api/applications/{draft}/paper-copy", body);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("outside-jurisdiction", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, onDraft.StatusCode);
        Assert.False(await Service.Harness.Published.Any<PaperCopyReceived>());
    }

    public static TheoryData<string, string> BadRecords() => new()
    {
        { """{"receivedOn": "TODAY", "copies": 1, "matches": false}""", "reason" },
        { """{"receivedOn": "TODAY", "copies": 0, "matches": true}""", "copies" },
        { """{"receivedOn": "TODAY", "copies": 11, "matches": true}""", "copies" },
        { """{"copies": 1, "matches": true}""", "receivedOn" },
        { """{"receivedOn": "TODAY", "copies": 1}""", "matches" },
        { """{"receivedOn": "TOMORROW", "copies": 1, "matches": true}""", "receivedOn" },
        { """{"receivedOn": "2022-01-01", "copies": 1, "matches": true}""", "receivedOn" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_bad_record_is_a_400_naming_the_field_and_nothing_is_recorded(string json, string field)
    {
        var (id, _) = await Submitted();
        using var county = As(TestAccounts.County(Kunshan));
        json = json.Replace("TODAY", TodayInShanghai.ToString("yyyy-MM-dd")).Replace("TOMORROW", TodayInShanghai.AddDays(1).ToString("yyyy-MM-dd"));

        var response = await county.PostAsync($"/api/applications/{id}/paper-copy", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(JsonValueKind.Null, (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("paperCopy").ValueKind);
        Assert.DoesNotContain(AuditEntries(), a => a.Action == nameof(PaperCopyReceived));
    }

    [Theory]
    [InlineData(17, 0, 59, true)]   // the deadline minute is inclusive
    [InlineData(17, 1, 0, false)]
    public async Task The_paper_deadline_is_enforced_to_the_minute(int hour, int minute, int second, bool accepted)
    {
        await Service.PublishAsync(new CallPublished(Samples.Call("paper", new DateOnly(2022, 2, 10), paperDeadlineAt: LocalMinute.Parse("2022-02-15T17:00")), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Count())), n => n == 3, what: "the paper call known");
        var id = await CreateDraft("paper");
        Clock.SetShanghai(2022, 2, 1, 10, 0, 0);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        Clock.SetShanghai(2022, 2, 15, hour, minute, second);
        using var county = As(TestAccounts.County(Kunshan));

        var response = await county.PostAsJsonAsync($"/api/applications/{id}/paper-copy", new { receivedOn = "2022-02-15", copies = 1, matches = true });

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("paper-deadline-passed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
