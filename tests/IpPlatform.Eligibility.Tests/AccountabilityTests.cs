using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Security;
using IpPlatform.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Tests;

/// <summary>The administrator's acts carry who acted and are audited; the platform's own acts are audited as its; refused acts write nothing.</summary>
public sealed class AccountabilityTests : EligibilityServiceTest
{
    static readonly Actor AdminActor = new(TestAccounts.Admin.Id, TestAccounts.Admin.Name, PlatformRoles.Admin, null);

    static readonly CallDocument Call2023 = ShippedCalls.Call2022() with { Id = "2023", NoticeNumber = null };

    const string Csv = "creditCode,trackId,kind,callYear,status\n";

    Task<HttpResponseMessage> Publish(HttpClient client) => client.PostAsJsonAsync("/api/eligibility/calls", Call2023, DocumentJson.Options);

    Task<HttpResponseMessage> Import(HttpClient client, string csv) =>
        client.PostAsync("/api/eligibility/history/projects/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    Task<HttpResponseMessage> AddCreditEntry(HttpClient client, object entry) => client.PostAsJsonAsync("/api/eligibility/history/credit-entries", entry);

    static object Falsification(string creditCode) => new { creditCode, kind = "Falsification", recordedOn = "2021-06-01", reason = "伪造申报材料" };

    [Fact]
    public async Task The_shipped_calls_are_the_platforms_acts()
    {
        await ShippedCallsPublished();

        Assert.All(Service.Harness.Published.Select<CallPublished>(), m => Assert.Null(m.Context.Message.By));
        var entries = AuditEntries();
        Assert.Equal(["2022", "2022-rehearsal"], entries.Select(e => e.Subject).Order());
        Assert.All(entries, e => Assert.Equal(("call.published", "platform"), (e.Action, e.ActorId)));
    }

    [Fact]
    public async Task A_published_call_carries_the_administrator_and_is_audited_with_its_figures()
    {
        Assert.Equal(HttpStatusCode.Created, (await Publish(Admin)).StatusCode);

        Assert.True(await Service.Harness.Published.Any<CallPublished>(m => m.Context.Message.Call.Id == "2023"));
        var published = Service.Harness.Published.Select<CallPublished>(m => m.Context.Message.Call.Id == "2023").Single().Context.Message;
        Assert.Equal(AdminActor, published.By);
        var entry = AuditEntries().Single(e => e.Subject == "2023");
        Assert.Equal(("call.published", AdminActor.AccountId, "admin"), (entry.Action, entry.ActorId, entry.ActorRole));
        Assert.Contains("rdShareOfSalesMin", entry.Details);
    }

    [Fact]
    public async Task An_import_and_a_credit_entry_are_audited_as_the_administrators()
    {
        var unit = Samples.Code(90);
        Assert.Equal(HttpStatusCode.OK, (await Import(Admin, Csv + $"{unit},hvp-new,Enterprise,2017,Ongoing\n{Samples.Code(91)},hvp-new,Enterprise,2018,Ongoing\n")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AddCreditEntry(Admin, Falsification(unit))).StatusCode);

        var import = AuditEntries().Single(e => e.Action == "history.projects-imported");
        var credit = AuditEntries().Single(e => e.Action == "credit-entry.recorded");
        Assert.Equal(AdminActor.AccountId, import.ActorId);
        Assert.Equal(2, JsonDocument.Parse(import.Details!).RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(64, JsonDocument.Parse(import.Details!).RootElement.GetProperty("sha256").GetString()!.Length);
        Assert.Equal((AdminActor.AccountId, unit), (credit.ActorId, credit.Subject));
        Assert.Equal("Falsification", JsonDocument.Parse(credit.Details!).RootElement.GetProperty("kind").GetString());
        Assert.Contains("伪造申报材料", JsonDocument.Parse(credit.Details!).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_automatic_assessment_is_audited_as_the_platforms_act()
    {
        var id = await Submit(Samples.IndustrialBrand(Samples.Code(92)));
        await AssessmentPublished(id);

        var entry = AuditEntries().Single(e => e.Subject == id.ToString());
        Assert.Equal(("EligibilityAssessed", "platform"), (entry.Action, entry.ActorId));
    }

    [Fact]
    public async Task Acts_refused_to_other_roles_write_nothing()
    {
        await ShippedCallsPublished();
        var before = CountRowsOfEveryTable();
        using var province = As(TestAccounts.Province);
        using var county = As(TestAccounts.County("320583"));
        using var applicant = As(TestAccounts.Applicant(Samples.Code(93)));

        Assert.Equal(HttpStatusCode.Forbidden, (await Publish(province)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Import(county, Csv + $"{Samples.Code(93)},hvp-new,Enterprise,2017,Ongoing\n")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddCreditEntry(applicant, Falsification(Samples.Code(94)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Publish(Client)).StatusCode);

        Assert.Equal(before, CountRowsOfEveryTable());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/eligibility/calls/2023")).StatusCode);
        Assert.DoesNotContain(Service.Harness.Published.Select<CallPublished>(), m => m.Context.Message.Call.Id == "2023");
    }

    [Fact]
    public async Task A_credit_entry_without_its_kind_or_date_is_a_400_naming_them_and_nothing_is_stored()
    {
        var before = CountRowsOfEveryTable();

        var response = await AddCreditEntry(Admin, new { creditCode = Samples.Code(95), expiresOn = "2020-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("recordedOn", out _), errors.ToString());
        Assert.Equal(before, CountRowsOfEveryTable());
    }

    [Fact]
    public async Task The_chain_verifies_and_an_edited_row_is_named()
    {
        Assert.Equal(HttpStatusCode.Created, (await Publish(Admin)).StatusCode);
        var intact = await Admin.GetFromJsonAsync<JsonElement>("/api/eligibility/audit/verify");
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.Equal(3, intact.GetProperty("entriesChecked").GetInt64());

        var connectionString = InDatabase(db => db.Database.GetConnectionString());
        await AuditTampering.RewriteEntryAsync(connectionString!, "ActorName = 'someone else'");

        var broken = await Admin.GetFromJsonAsync<JsonElement>("/api/eligibility/audit/verify");
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(2, broken.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong-audience", "foreign-key"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_administrators_token_that_does_not_hold_is_a_401_problem(string token)
    {
        var bearer = token switch
        {
            "expired" => TestTokens.For(TestAccounts.Admin, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong-audience" => TestTokens.For(TestAccounts.Admin, audience: "another-api"),
            _ => TestTokens.For(TestAccounts.Admin, key: TestTokens.ForeignKey),
        };
        using var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var outboxBefore = InDatabase(db => db.Set<OutboxMessage>().Count());

        var publish = await Publish(client);
        var audit = await client.GetAsync("/api/eligibility/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, audit.StatusCode);
        Assert.Equal(outboxBefore, InDatabase(db => db.Set<OutboxMessage>().Count()));
    }
}
