using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Review.Data;
using IpPlatform.Testing;
using MassTransit.Testing;
using static IpPlatform.Contracts.Applications.ApplicantKind;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

public sealed class ReviewsApiTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("review-db");
    HttpClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = service.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    async Task<JsonElement> Review(Guid id)
    {
        var response = await client.GetAsync($"/api/reviews/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Submission then city recommendation, as intake and routing publish them; waits for the open review.</summary>
    async Task<Guid> InReview(ApplicationSubmitted? submitted = null)
    {
        submitted ??= Submitted();
        await service.PublishAsync(submitted);
        await service.PublishAsync(ByCity(submitted.ApplicationId, submitted.TrackId, submitted.Document.Applicant!.RegionCode![..4] + "00"));
        await Eventually.Get(() => Review(submitted.ApplicationId),
            r => r.ValueKind == JsonValueKind.Object && r.GetProperty("applicant").ValueKind == JsonValueKind.Object, what: "the review opened");
        return submitted.ApplicationId;
    }

    Task<HttpResponseMessage> Score(Guid id, string expert, decimal score) =>
        client.PostAsJsonAsync($"/api/reviews/{id}/scores", new { expert, score, comment = "意见" });

    Task<HttpResponseMessage> Approve(Guid id, decimal amount = 500_000m) =>
        client.PostAsJsonAsync($"/api/reviews/{id}/decision", new { decision = "Approved", approvedAmountCny = amount });

    static async Task AssertConflict(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    int OutboxCount<TEvent>() =>
        service.Query((ReviewDbContext db) => db.Set<OutboxMessage>().Count(m => m.MessageType == typeof(TEvent).FullName));

    [Fact]
    public async Task Scores_then_approval_publish_ExpertScoreRecorded_and_ApplicationDecided()
    {
        var id = await InReview();

        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 80)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "李四", 90)).StatusCode);
        var response = await Approve(id, 600_000m);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Decided", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == id));
        var decided = service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal(ProvincialDecision.Approved, decided.Decision);
        Assert.Equal(600_000m, decided.ApprovedAmountCny);
        Assert.Equal(85m, decided.AverageScore);
        Assert.Equal("320583", decided.Applicant.RegionCode);
        Assert.Equal("Enterprise", decided.Applicant.Kind);
        Assert.Equal(2, service.Harness.Published.Select<ExpertScoreRecorded>(m => m.Context.Message.ApplicationId == id).Count());
    }

    [Fact]
    public async Task Deciding_without_scores_is_a_409_and_publishes_nothing()
    {
        var id = await InReview();

        await AssertConflict(await Approve(id), "no-scores");

        Assert.Equal("InReview", (await Review(id)).GetProperty("status").GetString());
        Assert.Equal(0, OutboxCount<ApplicationDecided>());
    }

    [Fact]
    public async Task A_returned_application_cannot_be_approved_and_nothing_is_published()
    {
        var id = await InReview();
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 88)).StatusCode);
        await service.PublishAsync(new ApplicationReturned(id, OfficeLevel.City, "320500", "材料不实", Now));
        await Eventually.Get(() => Review(id), r => r.GetProperty("status").GetString() == "Closed", what: "the review closed");

        await AssertConflict(await Approve(id), "case-closed");

        Assert.Equal(0, OutboxCount<ApplicationDecided>());
        Assert.False(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == id));
    }

    [Fact]
    public async Task A_second_score_by_the_same_expert_is_a_409()
    {
        var id = await InReview();
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 70)).StatusCode);

        await AssertConflict(await Score(id, "张三", 99), "already-scored");

        var scores = (await Review(id)).GetProperty("scores");
        Assert.Equal(70m, Assert.Single(scores.EnumerateArray()).GetProperty("score").GetDecimal());
    }

    [Theory]
    [InlineData("{\"decision\": \"Approved\", \"approvedAmountCny\": 0}", "approvedAmountCny")]
    [InlineData("{\"decision\": \"Rejected\"}", "reason")]
    [InlineData("{\"decision\": \"Maybe\"}", "decision")]
    public async Task An_invalid_decision_is_a_400_naming_the_field(string json, string field)
    {
        var id = await InReview();
        await Score(id, "张三", 80);

        var response = await client.PostAsync($"/api/reviews/{id}/decision", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_county_inside_an_approved_city_is_refused_on_protection_zone()
    {
        var city = await InReview(Submitted(track: "protection-zone", kind: CityGovernment, region: "320500", name: "苏州市人民政府"));
        var county = await InReview(Submitted(track: "protection-zone", kind: CountyGovernment, region: "320583", name: "昆山市人民政府"));
        var elsewhere = await InReview(Submitted(track: "protection-zone", kind: CountyGovernment, region: "320102", name: "玄武区人民政府"));
        foreach (var id in new[] { city, county, elsewhere }) await Score(id, "张三", 85);

        Assert.Equal(HttpStatusCode.OK, (await Approve(city, 5_000_000m)).StatusCode);
        await AssertConflict(await Approve(county, 3_000_000m), "hierarchy-conflict");
        Assert.Equal(HttpStatusCode.OK, (await Approve(elsewhere, 3_000_000m)).StatusCode);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/reviews?callId={CallId}&trackId=protection-zone");
        var decisions = list.EnumerateArray().ToDictionary(r => r.GetProperty("applicationId").GetGuid(), r => r.GetProperty("decision").GetString());
        Assert.Equal("Approved", decisions[city]);
        Assert.Null(decisions[county]);
        Assert.Equal("Approved", decisions[elsewhere]);
    }

    [Fact]
    public async Task A_county_recommendation_opens_no_review()
    {
        var submitted = Submitted();
        await service.PublishAsync(submitted);
        await service.PublishAsync(ByCity(submitted.ApplicationId) with { Level = OfficeLevel.County, OfficeRegionCode = "320583" });
        Assert.True(await service.Harness.Consumed.Any<ApplicationRecommended>(m => m.Context.Message.ApplicationId == submitted.ApplicationId));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reviews/{submitted.ApplicationId}")).StatusCode);
    }
}
