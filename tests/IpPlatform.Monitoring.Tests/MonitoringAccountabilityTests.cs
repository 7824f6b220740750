using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Monitoring.Data;
using IpPlatform.Security;
using IpPlatform.Testing;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Monitoring.Tests;

/// <summary>Who sees which projects, who may act on them, what events and the audit log say about who acted, and that refusals write nothing.</summary>
public sealed class MonitoringAccountabilityTests : IAsyncLifetime
{
    /// <summary>A unit in Kunshan (a county-level city of Suzhou) and one in Suzhou Industrial Park (a development zone of Suzhou).</summary>
    static readonly ApplicantSummary KunshanUnit = new("昆山某某科技有限公司", "91320583MA1P2K3L4X", "University", "320583");
    static readonly ApplicantSummary ParkUnit = new("苏州工业园区某某研究院", "12320594MB1A2B3C4D", "University", "320576");
    static readonly Actor Decider = new("acc-decider", "province-decider", PlatformRoles.Province, null);
    static readonly Actor ProvinceActor = new(TestAccounts.Province.Id, TestAccounts.Province.Name, PlatformRoles.Province, null);

    readonly ServiceFactory<Program> service = new("monitoring-db");
    HttpClient province = null!;
    HttpClient undertaker = null!;
    HttpClient admin = null!;

    public async ValueTask InitializeAsync()
    {
        province = service.CreateClient(TestAccounts.Province);
        undertaker = service.CreateClient(TestAccounts.Applicant(Samples.Unit.CreditCode));
        admin = service.CreateClient(TestAccounts.Admin);
        await service.PublishAsync(new CallPublished(Samples.Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<MonitoringDbContext, int>(db => db.Tracks.Count())), n => n == 3, what: "the call's tracks");
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    /// <summary>Opens the project of a fresh approved application of <paramref name="unit"/>; its application and project ids.</summary>
    async Task<(Guid ApplicationId, Guid ProjectId)> Start(ApplicantSummary? unit = null, Actor? decidedBy = null)
    {
        var applicationId = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(applicationId) with { Applicant = unit ?? Samples.Unit, By = decidedBy });
        var projects = await Eventually.Get(
            () => province.GetFromJsonAsync<JsonElement>($"/api/monitoring/projects?applicationId={applicationId}").ContinueWith(t => (JsonElement?)t.Result),
            list => list!.Value.GetArrayLength() > 0, what: $"project of {applicationId}");
        return (applicationId, Assert.Single(projects!.Value.EnumerateArray()).GetProperty("id").GetGuid());
    }

    static Task<HttpResponseMessage> Report(HttpClient client, Guid projectId) =>
        client.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/reports", new
        {
            reportedOn = "2023-01-15",
            indicators = new object[] { new { indicator = "inventionApplications", value = 130, target = 100 } },
        });

    static Task<HttpResponseMessage> Evaluate(HttpClient client, Guid projectId, string kind, string on) =>
        client.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/evaluations", new { kind, passed = true, remarks = "专家组意见", evaluatedOn = on });

    static Task<HttpResponseMessage> Accept(HttpClient client, Guid projectId) =>
        client.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/acceptance", new { acceptedOn = "2025-07-01" });

    async Task<List<JsonElement>> AuditOf(Guid applicationId)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/monitoring/audit?subject={applicationId}");
        return page.GetProperty("entries").EnumerateArray().ToList();
    }

    async Task<JsonElement> Verify() => await admin.GetFromJsonAsync<JsonElement>("/api/monitoring/audit/verify");

    (int Outbox, int Audit, int Evaluations, int Reports) Written() => service.Query<MonitoringDbContext, (int, int, int, int)>(db =>
        (db.Set<OutboxMessage>().Count(), db.Set<AuditEntry>().Count(), db.Projects.SelectMany(p => p.Evaluations).Count(), db.Projects.SelectMany(p => p.Reports).Count()));

    [Fact]
    public async Task A_project_is_seen_by_the_overseers_the_offices_of_its_units_region_and_city_and_the_unit_itself_and_unknown_to_the_rest()
    {
        var (_, projectId) = await Start(); // Samples.Unit: Xuanwu district (320102) of Nanjing (320100)
        (TestAccount Account, HttpStatusCode Expected)[] cases =
        [
            (TestAccounts.Province, HttpStatusCode.OK), (TestAccounts.Admin, HttpStatusCode.OK), (TestAccounts.Agency, HttpStatusCode.OK),
            (TestAccounts.Finance, HttpStatusCode.OK), (TestAccounts.Expert(), HttpStatusCode.OK),
            (TestAccounts.County("320102"), HttpStatusCode.OK), (TestAccounts.County("320104"), HttpStatusCode.NotFound),
            (TestAccounts.City("320100"), HttpStatusCode.OK), (TestAccounts.City("320500"), HttpStatusCode.NotFound),
            (TestAccounts.CityGovernment("320100"), HttpStatusCode.OK), (TestAccounts.CityGovernment("320500"), HttpStatusCode.NotFound),
            (TestAccounts.Applicant(Samples.Unit.CreditCode), HttpStatusCode.OK), (TestAccounts.Applicant(KunshanUnit.CreditCode), HttpStatusCode.NotFound),
        ];

        var wrong = new List<string>();
        foreach (var (account, expected) in cases)
        {
            var status = (await service.CreateClient(account).GetAsync($"/api/monitoring/projects/{projectId}")).StatusCode;
            if (status != expected) wrong.Add($"{account}: {(int)status}, expected {(int)expected}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_list_holds_only_the_projects_the_account_may_see()
    {
        var nanjing = (await Start()).ApplicationId;
        var kunshan = (await Start(KunshanUnit)).ApplicationId;
        var park = (await Start(ParkUnit)).ApplicationId;
        (TestAccount Account, Guid[] Expected)[] cases =
        [
            (TestAccounts.Province, [nanjing, kunshan, park]),
            (TestAccounts.Agency, [nanjing, kunshan, park]),
            (TestAccounts.County("320583"), [kunshan]),
            (TestAccounts.County("320576"), [park]),
            (TestAccounts.City("320500"), [kunshan, park]), // the development zone lies in Suzhou too
            (TestAccounts.CityGovernment("320100"), [nanjing]),
            (TestAccounts.City("320200"), []),
            (TestAccounts.Applicant(KunshanUnit.CreditCode), [kunshan]),
            (TestAccounts.Applicant("91320000MA1NOBODY0"), []),
        ];

        var wrong = new List<string>();
        foreach (var (account, expected) in cases)
        {
            var list = await service.CreateClient(account).GetFromJsonAsync<JsonElement>("/api/monitoring/projects");
            var seen = list.EnumerateArray().Select(p => p.GetProperty("applicationId").GetGuid()).Order().ToList();
            if (!seen.SequenceEqual(expected.Order())) wrong.Add($"{account} saw {seen.Count} project(s): {string.Join(", ", seen)}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Only_the_undertaking_unit_files_a_report_and_the_report_names_it()
    {
        var (_, projectId) = await Start();

        var otherUnit = await Report(service.CreateClient(TestAccounts.Applicant(KunshanUnit.CreditCode)), projectId);
        var office = await Report(service.CreateClient(TestAccounts.County("320102")), projectId);
        var own = await Report(undertaker, projectId);

        Assert.Equal(HttpStatusCode.NotFound, otherUnit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, office.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var project = await province.GetFromJsonAsync<JsonElement>($"/api/monitoring/projects/{projectId}");
        Assert.Equal(Samples.Unit.CreditCode, Assert.Single(project.GetProperty("reports").EnumerateArray()).GetProperty("filedBy").GetString());
    }

    [Fact]
    public async Task Evaluations_and_acceptance_carry_the_provincial_account_in_their_events_the_history_and_the_audit_log()
    {
        var (applicationId, projectId) = await Start(decidedBy: Decider);

        Assert.Equal(HttpStatusCode.Created, (await Report(undertaker, projectId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Evaluate(province, projectId, "MidTerm", "2023-07-05")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Evaluate(province, projectId, "Final", "2025-06-20")).StatusCode);
        var accepted = await Accept(province, projectId);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var project = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("province", project.GetProperty("acceptedBy").GetString());
        Assert.All(project.GetProperty("evaluations").EnumerateArray(), e => Assert.Equal("province", e.GetProperty("recordedBy").GetString()));
        Assert.True(await service.Harness.Published.Any<ProjectAccepted>(m => m.Context.Message.ProjectId == projectId));
        Assert.Equal(ProvinceActor, service.Harness.Published.Select<ProjectAccepted>(m => m.Context.Message.ProjectId == projectId).Single().Context.Message.By);
        Assert.All(service.Harness.Published.Select<ProjectEvaluated>(m => m.Context.Message.ProjectId == projectId), m => Assert.Equal(ProvinceActor, m.Context.Message.By));

        var audit = await AuditOf(applicationId);
        Assert.Equal(
        [
            ("ProjectStarted", "province-decider"), ("ProgressReportFiled", Samples.Unit.CreditCode),
            ("ProjectEvaluated", "province"), ("ProjectEvaluated", "province"), ("ProjectAccepted", "province"),
        ], audit.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorName").GetString())));
        Assert.Contains("inventionApplications", audit[1].GetProperty("details").GetString());
        var verification = await Verify();
        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(5, verification.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task A_refused_act_writes_nothing()
    {
        var (_, projectId) = await Start();
        var before = Written();
        var expired = service.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(TestAccounts.Province, expires: DateTimeOffset.UtcNow.AddMinutes(-5)));

        var countyEvaluates = await Evaluate(service.CreateClient(TestAccounts.County("320102")), projectId, "MidTerm", "2023-07-05");
        var undertakerEvaluates = await Evaluate(undertaker, projectId, "MidTerm", "2023-07-05");
        var expertAccepts = await Accept(service.CreateClient(TestAccounts.Expert()), projectId);
        var finalBeforeMidTerm = await Evaluate(province, projectId, "Final", "2025-06-20");
        var otherUnitReports = await Report(service.CreateClient(TestAccounts.Applicant(KunshanUnit.CreditCode)), projectId);
        var expiredToken = await Evaluate(expired, projectId, "MidTerm", "2023-07-05");

        HttpStatusCode[] expected = [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized];
        Assert.Equal(expected,
            [countyEvaluates.StatusCode, undertakerEvaluates.StatusCode, expertAccepts.StatusCode, finalBeforeMidTerm.StatusCode, otherUnitReports.StatusCode, expiredToken.StatusCode]);
        Assert.Equal(before, Written());
        var project = await province.GetFromJsonAsync<JsonElement>($"/api/monitoring/projects/{projectId}");
        Assert.Equal("Open", project.GetProperty("status").GetString());
        Assert.False(await service.Harness.Published.Any<ProjectEvaluated>(m => m.Context.Message.ProjectId == projectId));
    }

    public static TheoryData<string> Flaws => ["expired", "wrong audience", "foreign key", "wrong issuer"];

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task A_token_that_does_not_hold_is_a_401_problem(string flaw)
    {
        var token = flaw switch
        {
            "expired" => TestTokens.For(TestAccounts.Province, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong audience" => TestTokens.For(TestAccounts.Province, audience: "another-api"),
            "foreign key" => TestTokens.For(TestAccounts.Province, key: TestTokens.ForeignKey),
            _ => TestTokens.For(TestAccounts.Province, issuer: "https://elsewhere.test/"),
        };
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/monitoring/projects");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_project_opened_on_a_decision_naming_no_one_is_audited_as_the_platform()
    {
        var (applicationId, _) = await Start(decidedBy: null);

        var entry = Assert.Single(await AuditOf(applicationId));

        Assert.Equal(("ProjectStarted", Accountability.Platform.AccountId, Accountability.Platform.Role),
            (entry.GetProperty("action").GetString(), entry.GetProperty("actorId").GetString(), entry.GetProperty("actorRole").GetString()));
    }

    [Fact]
    public async Task An_audit_row_edited_in_the_database_breaks_the_chain_at_that_entry()
    {
        var (_, projectId) = await Start();
        Assert.Equal(HttpStatusCode.OK, (await Evaluate(province, projectId, "MidTerm", "2023-07-05")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Evaluate(province, projectId, "Final", "2025-06-20")).StatusCode);
        Assert.True((await Verify()).GetProperty("intact").GetBoolean());

        var connectionString = service.Query<MonitoringDbContext, string>(db => db.Database.GetConnectionString()!);
        await AuditTampering.RewriteEntryAsync(connectionString, "Details = replace(Details, '\"passed\":true', '\"passed\":false')");

        var verification = await Verify();
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        Assert.Equal(1, verification.GetProperty("entriesChecked").GetInt64());
    }
}
