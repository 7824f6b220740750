using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;
using MassTransit.Testing;

namespace IpPlatform.Intake.Tests;

public sealed class ApplicationsApiTests : IntakeServiceTest
{
    [Fact]
    public async Task Submitting_a_draft_publishes_ApplicationSubmitted_through_the_outbox()
    {
        var id = await CreateDraft("open");

        var response = await Client.PostAsync($"/api/applications/{id}/submit", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
        var published = Service.Harness.Published.Select<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id).Single();
        Assert.Equal("industrial-brand", published.Context.Message.TrackId);
        Assert.Equal(Samples.CreditCode, published.Context.Message.Document.Applicant!.CreditCode);
        Assert.Equal(new IpPlatform.Contracts.Actors.Actor(Samples.Owner.Id, Samples.Owner.Name, "applicant", null), published.Context.Message.By);
    }

    [Fact]
    public async Task A_submission_carries_the_call_version_intake_knows_and_a_late_older_version_does_not_replace_it()
    {
        var corrected = Samples.Call("open", new DateOnly(2099, 12, 31));
        await Service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 3, Reason = "勘误" });
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Single(c => c.Id == "open").Version)), v => v == 3,
            what: "version 3 of the call known to intake");
        await Service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 2 });
        Assert.True(await Service.Harness.Consumed.Any<CallPublished>(m => m.Context.Message.Version == 2), "the late version 2 consumed");
        var id = await CreateDraft("open");

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);

        Assert.True(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
        Assert.Equal(3, Service.Harness.Published.Select<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id).Single().Context.Message.CallVersion);
        var view = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/applications/{id}");
        Assert.Equal(3, view.GetProperty("callVersion").GetInt32());
    }

    /// <summary>Submits a new draft with a caller's W3C <c>traceparent</c>, sampled or not; returns once it was published.</summary>
    async Task<(Guid Id, System.Diagnostics.ActivityTraceId TraceId)> SubmitInTrace(bool sampled)
    {
        var id = await CreateDraft("open");
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/submit");
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-{(sampled ? "01" : "00")}");

        Assert.Equal(HttpStatusCode.Accepted, (await Client.SendAsync(request)).StatusCode);
        Assert.True(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
        return (id, traceId);
    }

    [Fact]
    public async Task The_trace_of_the_submitting_request_continues_through_the_outbox_to_the_publish()
    {
        var published = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is "IpPlatform" or "Microsoft.AspNetCore",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (activity.OperationName.StartsWith("outbox publish")) published.Add(activity); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var (id, traceId) = await SubmitInTrace(sampled: true);

        var publish = await Eventually.Get(() => Task.FromResult(published.FirstOrDefault(a => a.TraceId == traceId)), _ => true,
            what: "the outbox publish activity in the request's trace");
        Assert.Equal("outbox publish ApplicationSubmitted", publish.OperationName);
    }

    [Fact]
    public async Task A_request_the_gateway_did_not_sample_stays_unsampled_through_the_outbox_to_the_consumers()
    {
        var recorded = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            // Observes without sampling anything itself: the service's own sampler decides.
            ShouldListenTo = _ => true,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.None,
            ActivityStopped = activity => { if (activity.Recorded) recorded.Add(activity); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var (id, traceId) = await SubmitInTrace(sampled: false);

        var published = Service.Harness.Published.Select<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id).Single();
        // What the consumers continue: the request's trace, still not sampled (a new root would be sampled by them).
        var context = published.Context.Headers.Get<string>(MassTransit.Logging.DiagnosticHeaders.ActivityId);
        Assert.NotNull(context);
        Assert.StartsWith($"00-{traceId}-", context);
        Assert.EndsWith("-00", context);
        // Nothing of the request's trace recorded (the listener hears the other tests' activities too: their own traces).
        Assert.DoesNotContain(recorded, a => a.TraceId == traceId);
    }

    [Fact]
    public async Task Submitting_after_the_deadline_is_a_conflict_and_publishes_nothing()
    {
        var id = await CreateDraft("closed");

        var response = await Client.PostAsync($"/api/applications/{id}/submit", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deadline-passed", problem.GetProperty("code").GetString());
        Assert.Equal("Draft", (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("status").GetString());
        Assert.False(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
    }

    [Fact]
    public async Task Submitting_twice_is_a_conflict()
    {
        var id = await CreateDraft("open");
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);

        var again = await Client.PostAsync($"/api/applications/{id}/submit", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("{\"callId\": \"open\", ", "$")]
    [InlineData("{\"callId\": \"open\", \"track\": \"industrial-brand\", \"applicant\": {\"kind\": \"Robot\"}}", "applicant.kind")]
    [InlineData("{\"callId\": \"open\", \"track\": \"industrial-brand\", \"facts\": {\"gi\": {\"registeredOn\": \"2005-13-45\"}}}", "facts.gi.registeredOn")]
    public async Task Unreadable_documents_are_400_problems_naming_the_field(string json, string field)
    {
        var response = await Client.PostAsync("/api/applications", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task An_unknown_enum_value_is_explained_with_the_allowed_names()
    {
        var json = "{\"callId\": \"open\", \"track\": \"industrial-brand\", \"applicant\": {\"kind\": \"Robot\"}}";

        var response = await Client.PostAsync("/api/applications", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("applicant.kind")[0].GetString()!;
        Assert.Contains("Enterprise", message);
        Assert.Contains("KeyLaboratory", message);
        Assert.DoesNotContain("System.", message);
    }

    [Fact]
    public async Task A_wrong_credit_code_check_character_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var wrong = Samples.CreditCode[..17] + (Samples.CreditCode[17] == '0' ? '1' : '0');
        var document = JsonSerializer.SerializeToNode(Samples.Document("open"))!;
        document["applicant"]!["creditCode"] = wrong;

        var response = await Client.PostAsJsonAsync("/api/applications", document);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("applicant.creditCode", out _));
        Assert.Equal(0, Service.Query((IntakeDbContext db) => db.Applications.Count()));
    }

    [Fact]
    public async Task Progress_events_build_the_view_and_a_redelivered_event_is_applied_once()
    {
        var id = await CreateDraft("open");
        await Client.PostAsync($"/api/applications/{id}/submit", null);
        var messageId = Guid.NewGuid();
        using var duplicates = PlatformCounter.InboxDuplicates();
        var recommended = new ApplicationRecommended(id, "open", "industrial-brand", OfficeLevel.County, "320583", "同意推荐", DateTimeOffset.UtcNow);

        await Service.PublishAsync(recommended, messageId);
        await Service.PublishAsync(recommended, messageId); // broker redelivery / outbox re-publish

        var view = await Eventually.Get(
            () => Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}"),
            v => v.GetProperty("status").GetString() == "RecommendedByCounty", what: "county recommendation in view");
        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped by the inbox");
        var recommendations = view.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("what").GetString() == "Recommended");
        Assert.Equal(1, recommendations);
        Assert.Equal("320583", view.GetProperty("routing").GetProperty("officeRegionCode").GetString());
    }

    [Fact]
    public async Task An_unknown_application_is_404()
    {
        var response = await Client.GetAsync($"/api/applications/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
