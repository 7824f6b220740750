using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Monitoring.Data;
using IpPlatform.Testing;
using MassTransit.Testing;

namespace IpPlatform.Monitoring.Tests;

public sealed class MonitoringApiTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("monitoring-db");
    HttpClient client = null!;
    HttpClient undertaker = null!;

    public async ValueTask InitializeAsync()
    {
        client = service.CreateClient(TestAccounts.Province); // the province reads every project, evaluates and accepts
        undertaker = service.CreateClient(TestAccounts.Applicant(Samples.Unit.CreditCode)); // the unit reports on its own project
        await service.PublishAsync(new CallPublished(Samples.Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Count(db => db.Tracks.Count()), n => n == 3, what: "the call's tracks");
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    Task<int?> Count(Func<MonitoringDbContext, int> query) => Task.FromResult<int?>(service.Query(query));

    async Task<JsonElement> ProjectOf(Guid applicationId)
    {
        var projects = await Eventually.Get(
            () => client.GetFromJsonAsync<JsonElement>($"/api/monitoring/projects?applicationId={applicationId}").ContinueWith(t => (JsonElement?)t.Result),
            list => list!.Value.GetArrayLength() > 0, what: $"project of {applicationId}");
        return Assert.Single(projects!.Value.EnumerateArray());
    }

    async Task<Guid> Start(string track = "hvp-new")
    {
        var applicationId = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(applicationId, track));
        return (await ProjectOf(applicationId)).GetProperty("id").GetGuid();
    }

    Task<HttpResponseMessage> Evaluate(Guid projectId, string kind, bool passed, string on) =>
        client.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/evaluations", new { kind, passed, remarks = "专家组意见", evaluatedOn = on });

    static async Task<string?> Code(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    [Fact]
    public async Task A_correction_replaces_a_tracks_parameters_and_an_older_version_arriving_late_does_not()
    {
        var corrected = Samples.Call() with { Tracks = [.. Samples.Call().Tracks.Select(t => t with { EvaluationAfterMonths = 9 })] };
        await service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 2 });
        await Eventually.Get(() => Count(db => db.Tracks.Count(t => t.CallVersion == 2 && t.EvaluationAfterMonths == 9)), n => n == 3, what: "version 2 kept");

        await service.PublishAsync(new CallPublished(Samples.Call() with { TitleZh = "late" }, DateTimeOffset.UtcNow) { Version = 1 });
        Assert.True(await service.Harness.Consumed.Any<CallPublished>(m => m.Context.Message.Call.TitleZh == "late"), "the late version 1 consumed");

        Assert.Equal(3, await Count(db => db.Tracks.Count(t => t.CallVersion == 2 && t.EvaluationAfterMonths == 9)));
    }

    [Fact]
    public async Task A_project_opens_with_the_parameters_of_the_call_version_its_application_was_submitted_under()
    {
        var corrected = Samples.Call() with { Tracks = [.. Samples.Call().Tracks.Select(t => t with { EvaluationAfterMonths = 9 })] };
        await service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 2 });
        await Eventually.Get(() => Count(db => db.Tracks.Count(t => t.CallVersion == 2)), n => n == 3, what: "version 2 kept");
        Assert.Equal(3, await Count(db => db.Tracks.Count(t => t.CallVersion == 1 && t.EvaluationAfterMonths != 9)));

        var underVersion1 = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(underVersion1) with { CallVersion = 1 });
        var underVersion2 = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(underVersion2) with { CallVersion = 2 });
        var latest = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(latest));

        Assert.Equal("2023-07-01", (await ProjectOf(underVersion1)).GetProperty("evaluationDueOn").GetString());
        Assert.Equal("2023-04-01", (await ProjectOf(underVersion2)).GetProperty("evaluationDueOn").GetString());
        Assert.Equal("2023-04-01", (await ProjectOf(latest)).GetProperty("evaluationDueOn").GetString());
    }

    [Fact]
    public async Task An_approval_after_the_call_opens_a_project_and_publishes_ProjectStarted_with_the_mid_term_date()
    {
        var applicationId = Guid.NewGuid();

        await service.PublishAsync(Samples.Approved(applicationId));

        var project = await ProjectOf(applicationId);
        Assert.Equal(("Open", "2022-07-01", "2023-07-01", "2025-07-01"), (project.GetProperty("status").GetString(),
            project.GetProperty("startsOn").GetString(), project.GetProperty("evaluationDueOn").GetString(), project.GetProperty("endsOn").GetString()));
        Assert.True(await service.Harness.Published.Any<ProjectStarted>(m => m.Context.Message.ApplicationId == applicationId));
        var started = service.Harness.Published.Select<ProjectStarted>(m => m.Context.Message.ApplicationId == applicationId).Single().Context.Message;
        Assert.Equal((project.GetProperty("id").GetGuid(), new DateOnly(2023, 7, 1), "hvp-new", Samples.Unit),
            (started.ProjectId, started.EvaluationDueOn, started.TrackId, started.Applicant));
    }

    [Fact]
    public async Task An_open_ended_project_has_no_end_and_its_first_evaluation_after_three_years()
    {
        var applicationId = Guid.NewGuid();

        await service.PublishAsync(Samples.Approved(applicationId, "hvp-upgrade"));

        var project = await ProjectOf(applicationId);
        Assert.Equal(JsonValueKind.Null, project.GetProperty("endsOn").ValueKind);
        Assert.Equal("2025-07-01", project.GetProperty("evaluationDueOn").GetString());
    }

    [Fact]
    public async Task A_final_evaluation_before_the_mid_term_is_a_conflict_and_publishes_nothing()
    {
        var projectId = await Start();

        var response = await Evaluate(projectId, "Final", true, "2025-06-20");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("mid-term-not-passed", await Code(response));
        Assert.False(await service.Harness.Published.Any<ProjectEvaluated>(m => m.Context.Message.ProjectId == projectId));
    }

    [Fact]
    public async Task Mid_term_final_and_acceptance_publish_their_events_and_close_the_project()
    {
        var projectId = await Start();

        Assert.Equal(HttpStatusCode.OK, (await Evaluate(projectId, "MidTerm", true, "2023-07-05")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/acceptance", new { acceptedOn = "2025-07-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Evaluate(projectId, "Final", true, "2025-06-20")).StatusCode);
        var response = await client.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/acceptance", new { acceptedOn = "2025-07-01" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var project = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Accepted", "2025-07-01"), (project.GetProperty("status").GetString(), project.GetProperty("acceptedOn").GetString()));
        Assert.Equal(["MidTerm", "Final"], project.GetProperty("evaluations").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.True(await service.Harness.Published.Any<ProjectEvaluated>(m => m.Context.Message.ProjectId == projectId && m.Context.Message.Kind == EvaluationKind.MidTerm && m.Context.Message.Passed));
        Assert.True(await service.Harness.Published.Any<ProjectAccepted>(m => m.Context.Message.ProjectId == projectId));
        var accepted = service.Harness.Published.Select<ProjectAccepted>(m => m.Context.Message.ProjectId == projectId).Single().Context.Message;
        Assert.Equal(("hvp-new", Samples.Unit.CreditCode, new DateOnly(2025, 7, 1)), (accepted.TrackId, accepted.CreditCode, accepted.AcceptedOn));
    }

    [Fact]
    public async Task A_redelivered_decision_opens_one_project()
    {
        var applicationId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        using var duplicates = PlatformCounter.InboxDuplicates();

        await service.PublishAsync(Samples.Approved(applicationId), messageId);
        await service.PublishAsync(Samples.Approved(applicationId), messageId); // broker redelivery / outbox re-publish

        await ProjectOf(applicationId);
        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped by the inbox");
        Assert.Equal(1, await Count(db => db.Projects.Count(p => p.ApplicationId == applicationId)));
        Assert.Single(service.Harness.Published.Select<ProjectStarted>(m => m.Context.Message.ApplicationId == applicationId));
    }

    [Fact]
    public async Task A_decision_that_overtakes_its_call_is_retried_until_the_call_is_known()
    {
        var applicationId = Guid.NewGuid();

        await service.PublishAsync(Samples.Approved(applicationId, callId: "2023"));
        await Task.Delay(300);
        await service.PublishAsync(new CallPublished(Samples.Call("2023"), DateTimeOffset.UtcNow));

        var project = await ProjectOf(applicationId);
        Assert.Equal("2023", project.GetProperty("callId").GetString());
    }

    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var projectId = await Start();
        Assert.Equal(HttpStatusCode.Created, (await undertaker.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/reports", new
        {
            reportedOn = "2023-01-15", summary = "第一年度进展",
            indicators = new object[] { new { indicator = "inventionApplications", value = 130, target = 100 } },
        })).StatusCode);
        Assert.True((await Evaluate(projectId, "MidTerm", true, "2023-07-10")).IsSuccessStatusCode);
        using var admin = service.CreateClient(TestAccounts.Admin);

        var seen = 0;
        foreach (var (reader, path) in new[]
                 {
                     (client, $"/api/monitoring/projects/{projectId}"), (client, "/api/monitoring/projects"),
                     (undertaker, "/api/monitoring/projects"), (admin, "/api/monitoring/audit"),
                 })
        {
            var (withoutOffset, count) = Instants.Walk(await reader.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 1, $"only {seen} instants were read; the walk proves nothing without them");
    }

    [Fact]
    public async Task A_progress_report_is_filed_with_its_indicators_measured_against_targets()
    {
        var projectId = await Start();

        var response = await undertaker.PostAsJsonAsync($"/api/monitoring/projects/{projectId}/reports", new
        {
            reportedOn = "2023-01-15",
            summary = "第一年度进展",
            indicators = new object[] { new { indicator = "inventionApplications", value = 130, target = 100 }, new { indicator = "pctApplications", value = 8, target = 10 } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var project = await client.GetFromJsonAsync<JsonElement>($"/api/monitoring/projects/{projectId}");
        var indicators = Assert.Single(project.GetProperty("reports").EnumerateArray()).GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal([("inventionApplications", 130m, true), ("pctApplications", 8m, false)],
            indicators.Select(i => (i.GetProperty("indicator").GetString(), i.GetProperty("value").GetDecimal(), i.GetProperty("met").GetBoolean())));
    }

    [Theory]
    [InlineData("evaluations", "{\"kind\": \"MidTerm\", \"evaluatedOn\": \"2023-07-05\"}", "passed")]
    [InlineData("evaluations", "{\"kind\": \"Interim\", \"passed\": true, \"evaluatedOn\": \"2023-07-05\"}", "kind")]
    [InlineData("acceptance", "{}", "acceptedOn")]
    [InlineData("reports", "{\"reportedOn\": \"2023-01-15\", \"indicators\": []}", "indicators")]
    [InlineData("reports", "{\"reportedOn\": \"2023-01-15\", \"indicators\": [{\"indicator\": \"\", \"value\": 1}]}", "indicators[0].indicator")]
    public async Task Incomplete_requests_are_400_problems_naming_the_field(string resource, string json, string field)
    {
        var projectId = await Start();

        var actor = resource == "reports" ? undertaker : client;
        var response = await actor.PostAsync($"/api/monitoring/projects/{projectId}/{resource}", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task An_unknown_project_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/monitoring/projects/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Evaluate(Guid.NewGuid(), "MidTerm", true, "2023-07-05")).StatusCode);
    }
}
