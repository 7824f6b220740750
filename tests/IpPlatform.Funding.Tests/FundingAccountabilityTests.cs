using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Funding.Data;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Security;
using IpPlatform.Testing;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Funding.Tests;

/// <summary>Who may see and pay what, what the events and the audit log say about who acted, and that refusals write nothing.</summary>
public sealed class FundingAccountabilityTests : IAsyncLifetime
{
    const string OtherCreditCode = "91320583MA1XXXXX0X";
    static readonly Actor Decider = new("acc-province", "province", PlatformRoles.Province, null);

    readonly ServiceFactory<Program> service = new("funding-db");
    HttpClient finance = null!;
    HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        finance = service.CreateClient(TestAccounts.Finance);
        admin = service.CreateClient(TestAccounts.Admin);
        await service.PublishAsync(new CallPublished(Samples.Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<FundingDbContext, int>(db => db.Plans.Count())), n => n == 3, what: "the call's tranche plans");
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    async Task<JsonElement> Approve(Actor? decidedBy = null, string track = "industrial-brand")
    {
        var applicationId = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(applicationId, 1_000_000m, track) with { By = decidedBy });
        return await Eventually.Get(async () =>
        {
            var response = await finance.GetAsync($"/api/funding/{applicationId}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, _ => true, what: $"funding agreement of {applicationId}") ?? throw new InvalidOperationException();
    }

    static Guid ApplicationId(JsonElement agreement) => agreement.GetProperty("applicationId").GetGuid();

    static JsonElement Tranche(JsonElement agreement, string name) =>
        agreement.GetProperty("tranches").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    static Task<HttpResponseMessage> Disburse(HttpClient client, JsonElement tranche, string voucherNo = "JS-2022-0815") =>
        client.PostAsJsonAsync($"/api/funding/tranches/{Id(tranche)}/disbursements", new { voucherNo, disbursedOn = "2022-08-15" });

    async Task<List<JsonElement>> AuditOf(Guid applicationId)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/funding/audit?subject={applicationId}");
        return page.GetProperty("entries").EnumerateArray().ToList();
    }

    async Task<JsonElement> Verify() => await admin.GetFromJsonAsync<JsonElement>("/api/funding/audit/verify");

    (int Outbox, int Audit) Written() => service.Query<FundingDbContext, (int, int)>(db => (db.Set<OutboxMessage>().Count(), db.Set<AuditEntry>().Count()));

    [Fact]
    public async Task An_applicant_reads_its_own_agreement_and_another_applicants_is_unknown()
    {
        var agreement = await Approve();
        var url = $"/api/funding/{ApplicationId(agreement)}";

        var own = await service.CreateClient(TestAccounts.Applicant(Samples.Unit.CreditCode)).GetAsync(url);
        var other = await service.CreateClient(TestAccounts.Applicant(OtherCreditCode)).GetAsync(url);
        var nonexistent = await service.CreateClient(TestAccounts.Applicant(OtherCreditCode)).GetAsync($"/api/funding/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(ApplicationId(agreement), ApplicationId(await own.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(nonexistent.StatusCode, other.StatusCode); // indistinguishable from an agreement that does not exist
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient(TestAccounts.Agency).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient(TestAccounts.Province).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.CreateClient(TestAccounts.County(Samples.Unit.RegionCode)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.CreateClient(TestAccounts.Applicant(Samples.Unit.CreditCode)).GetAsync("/api/funding/tranches")).StatusCode);
    }

    [Fact]
    public async Task A_payment_names_the_finance_account_in_its_event_on_the_tranche_and_in_the_audit_log()
    {
        var agreement = await Approve(decidedBy: Decider);
        var startUp = Tranche(agreement, "start-up");

        var response = await Disburse(finance, startUp);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finance", Tranche(await response.Content.ReadFromJsonAsync<JsonElement>(), "start-up").GetProperty("disbursedBy").GetString());
        Assert.True(await service.Harness.Published.Any<TrancheDisbursed>(m => m.Context.Message.TrancheId == Id(startUp)));
        var paid = service.Harness.Published.Select<TrancheDisbursed>(m => m.Context.Message.TrancheId == Id(startUp)).Single().Context.Message;
        Assert.Equal(new Actor(TestAccounts.Finance.Id, "finance", PlatformRoles.Finance, null), paid.By);

        var audit = await AuditOf(ApplicationId(agreement));
        Assert.Equal([("TranchesScheduled", "province", PlatformRoles.Province), ("TrancheDisbursed", "finance", PlatformRoles.Finance)],
            audit.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorName").GetString(), e.GetProperty("actorRole").GetString())));
        Assert.Contains("JS-2022-0815", audit[1].GetProperty("details").GetString());
        var verification = await Verify();
        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verification.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task A_refused_payment_writes_nothing()
    {
        var agreement = await Approve();
        var startUp = Tranche(agreement, "start-up");
        var midTerm = Tranche(agreement, "after-mid-term");
        var before = Written();

        var notReleased = await Disburse(finance, midTerm);
        var notFinance = await Disburse(service.CreateClient(TestAccounts.Province), startUp);
        var expired = service.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(TestAccounts.Finance, expires: DateTimeOffset.UtcNow.AddMinutes(-5)));
        var expiredToken = await Disburse(expired, startUp);

        Assert.Equal(HttpStatusCode.Conflict, notReleased.StatusCode);
        Assert.Equal("not-released", (await notReleased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notFinance.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expiredToken.StatusCode);
        Assert.Equal(before, Written());
        var unchanged = await finance.GetFromJsonAsync<JsonElement>($"/api/funding/{ApplicationId(agreement)}");
        Assert.Equal(("Released", "Scheduled"), (Tranche(unchanged, "start-up").GetProperty("status").GetString(), Tranche(unchanged, "after-mid-term").GetProperty("status").GetString()));
        Assert.False(await service.Harness.Published.Any<TrancheDisbursed>(m => m.Context.Message.ApplicationId == ApplicationId(agreement)));
    }

    public static TheoryData<string> Flaws => ["expired", "wrong audience", "foreign key", "wrong issuer", "not a token"];

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task A_token_that_does_not_hold_is_a_401_problem(string flaw)
    {
        var token = flaw switch
        {
            "expired" => TestTokens.For(TestAccounts.Finance, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong audience" => TestTokens.For(TestAccounts.Finance, audience: "another-api"),
            "foreign key" => TestTokens.For(TestAccounts.Finance, key: TestTokens.ForeignKey),
            "wrong issuer" => TestTokens.For(TestAccounts.Finance, issuer: "https://elsewhere.test/"),
            _ => "not-a-jwt",
        };
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/funding/tranches");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Trigger_releases_are_audited_as_the_platform_with_their_cause_and_a_repeated_trigger_adds_nothing()
    {
        var agreement = await Approve();
        var applicationId = ApplicationId(agreement);
        var evaluated = new ProjectEvaluated(Guid.NewGuid(), applicationId, EvaluationKind.MidTerm, true, "良好", new DateOnly(2023, 7, 10)) { By = Decider };

        await service.PublishAsync(evaluated);
        await service.PublishAsync(evaluated); // the same trigger again, under a new message id
        await Eventually.Get(() => Task.FromResult<int?>(service.Harness.Consumed.Select<ProjectEvaluated>(m => m.Context.Message.ApplicationId == applicationId).Count()),
            n => n == 2, what: "both evaluations consumed");

        var audit = await AuditOf(applicationId);
        Assert.Equal([("TranchesScheduled", Accountability.Platform.Name), ("TranchesReleased", Accountability.Platform.Name)],
            audit.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorName").GetString())));
        var details = JsonDocument.Parse(audit[1].GetProperty("details").GetString()!).RootElement;
        Assert.Equal("after-mid-term", Assert.Single(details.GetProperty("tranches").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(("ProjectEvaluated", "province"), (details.GetProperty("cause").GetProperty("event").GetString(),
            details.GetProperty("cause").GetProperty("message").GetProperty("by").GetProperty("name").GetString()));
        Assert.True((await Verify()).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task An_audit_row_edited_in_the_database_breaks_the_chain_at_that_entry()
    {
        var agreement = await Approve(decidedBy: Decider);
        Assert.Equal(HttpStatusCode.OK, (await Disburse(finance, Tranche(agreement, "start-up"))).StatusCode);
        await Approve();
        Assert.True((await Verify()).GetProperty("intact").GetBoolean());

        var connectionString = service.Query<FundingDbContext, string>(db => db.Database.GetConnectionString()!);
        await AuditTampering.RewriteEntryAsync(connectionString, "Details = replace(Details, 'JS-2022-0815', 'JS-2022-9999')");

        var verification = await Verify();
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(1, verification.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(2, verification.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
    }
}
