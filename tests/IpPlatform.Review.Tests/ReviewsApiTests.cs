using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Security;
using IpPlatform.Review.Data;
using IpPlatform.Testing;
using MassTransit.Testing;
using static IpPlatform.Contracts.Applications.ApplicantKind;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

public sealed class ReviewsApiTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("review-db");
    /// <summary>The province account of every division: reads every review and decides any track.</summary>
    HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = service.CreateClient(TestAccounts.Province);
        await service.PublishAsync(new CallPublished(Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(service.Query((ReviewDbContext db) => db.TrackDivisions.Count())), n => n == Call().Tracks.Count,
            what: "the call's divisions known to review");
        foreach (var (expert, i) in PanelExperts.Select((e, i) => (e, i)))
            Assert.Equal(HttpStatusCode.OK, (await PutExpert(expert, Code($"12320100MB000000{i}"))).StatusCode);
    }

    /// <summary>The pool: four experts of every sample track, in Nanjing; a panel of five draws all four.</summary>
    static readonly string[] PanelExperts = ["张三", "李四", "王五", "赵六"];

    Task<HttpResponseMessage> PutExpert(string name, string employer, string[]? tracks = null, string city = "320100", bool active = true) =>
        service.CreateClient(TestAccounts.Admin).PutAsJsonAsync($"/api/reviews/experts/{name}", new
        {
            displayName = name, tracks = tracks ?? ["industrial-brand", "protection-zone", "gi-brand"], employerName = $"{name}的单位",
            employerCreditCode = employer, cityCode = city, active,
        });

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    async Task<JsonElement> Review(Guid id)
    {
        var response = await client.GetAsync($"/api/reviews/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Submission then city recommendation, as intake and routing publish them; waits for the open review.</summary>
    async Task<Guid> InReview(ApplicationSubmitted? submitted = null, bool draw = true)
    {
        submitted ??= Submitted();
        await service.PublishAsync(submitted);
        await service.PublishAsync(ByCity(submitted.ApplicationId, submitted.TrackId, submitted.Document.Applicant!.RegionCode![..4] + "00"));
        await Eventually.Get(() => Review(submitted.ApplicationId),
            r => r.ValueKind == JsonValueKind.Object && r.GetProperty("applicant").ValueKind == JsonValueKind.Object, what: "the review opened");
        if (draw) Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{submitted.ApplicationId}/panel", null)).StatusCode);
        return submitted.ApplicationId;
    }

    /// <summary>The expert named <paramref name="expert"/> scores, with the expert's own token.</summary>
    Task<HttpResponseMessage> Score(Guid id, string expert, decimal score) =>
        service.CreateClient(TestAccounts.Expert(expert)).PostAsJsonAsync($"/api/reviews/{id}/scores", new { score, comment = "意见" });

    /// <summary>
    /// The province closes the panel (whatever that answers), approves the application alone and, when that decision
    /// is recorded (202), gives the final approval at once (the sample tracks have no publicity period): the answer of
    /// the final approval, or the refusal of the decision.
    /// </summary>
    async Task<HttpResponseMessage> Approve(Guid id, decimal amount = 500_000m, TestAccount? province = null)
    {
        var deciding = service.CreateClient(province ?? TestAccounts.Province);
        await deciding.PostAsync($"/api/reviews/{id}/panel/close", null);
        var decided = await deciding.PostAsJsonAsync($"/api/reviews/{id}/decision", new { decision = "Approved", approvedAmountCny = amount });
        if (decided.StatusCode != HttpStatusCode.Accepted) return decided;
        var decision = (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await deciding.PostAsync($"/api/reviews/decisions/{decision}/finalisation", null);
    }

    Task<HttpResponseMessage> Return(Guid id, TestAccount? province = null, string? reason = "材料不实") =>
        service.CreateClient(province ?? TestAccounts.Province).PostAsJsonAsync($"/api/reviews/{id}/return", new { reason });

    [Fact]
    public async Task A_return_needs_a_reason_and_the_tracks_division_and_writes_nothing_otherwise()
    {
        var id = await InReview();
        var audited = AuditCount(id);

        var missing = await Return(id, reason: " ");
        await AssertRefused(await Return(id, province: TestAccounts.ProvinceDivision(TestAccounts.ProtectionDivision)), HttpStatusCode.Forbidden, "other-division");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("InReview", (await Review(id)).GetProperty("status").GetString());
        Assert.Equal(0, OutboxCount<ApplicationReturned>());
        Assert.Equal(audited, AuditCount(id));
    }

    static Task AssertConflict(HttpResponseMessage response, string code) => AssertRefused(response, HttpStatusCode.Conflict, code);

    static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    int OutboxCount<TEvent>() =>
        service.Query((ReviewDbContext db) => db.Set<OutboxMessage>().Count(m => m.MessageType == typeof(TEvent).FullName));

    int AuditCount(Guid id) => service.Query((ReviewDbContext db) => db.Set<AuditEntry>().Count(a => a.Subject == id.ToString()));

    [Fact]
    public async Task Scores_then_approval_publish_ExpertScoreRecorded_and_ApplicationDecided()
    {
        var id = await InReview();

        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 80)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "李四", 90)).StatusCode);
        var response = await Approve(id, 600_000m);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Decided", (await Review(id)).GetProperty("status").GetString());
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
        var response = await Return(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Closed", (await Review(id)).GetProperty("status").GetString());

        await AssertConflict(await Approve(id), "case-closed");

        Assert.True(await service.Harness.Published.Any<ApplicationReturned>(m => m.Context.Message.ApplicationId == id));
        var returned = service.Harness.Published.Select<ApplicationReturned>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal((OfficeLevel.Province, "320000", "材料不实"), (returned.Level, returned.OfficeRegionCode, returned.Reason));
        Assert.Equal(As(TestAccounts.Province), returned.By);
        Assert.Equal(0, OutboxCount<ApplicationDecided>());
        Assert.False(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == id));
    }

    [Fact]
    public async Task A_second_score_by_the_same_expert_revises_it_until_the_panel_closes()
    {
        var id = await InReview();
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 70)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 75)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{id}/panel/close", null)).StatusCode);
        await AssertConflict(await Score(id, "张三", 99), "panel-closed");

        var score = Assert.Single((await Review(id)).GetProperty("scores").EnumerateArray());
        Assert.Equal((75m, 1), (score.GetProperty("score").GetDecimal(), score.GetProperty("revisions").GetInt32()));
        Assert.Equal("PanelClosed", (await Review(id)).GetProperty("status").GetString());
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
    public async Task A_city_governments_protection_zone_forwarded_straight_to_the_province_opens_its_review_once()
    {
        var submitted = Submitted(track: "protection-zone", kind: CityGovernment, region: "320500", name: "苏州市人民政府");
        var forwarded = new ApplicationForwardedToProvince(submitted.ApplicationId, CallId, "protection-zone", "320500", submitted.SubmittedAt);
        await service.PublishAsync(submitted);
        await service.PublishAsync(forwarded);
        await service.PublishAsync(forwarded); // redelivered under another message id: still one review

        var review = await Eventually.Get(() => Review(submitted.ApplicationId),
            r => r.ValueKind == JsonValueKind.Object && r.GetProperty("applicant").ValueKind == JsonValueKind.Object, what: "the review opened");
        Assert.Equal(("320500", "InReview"), (review.GetProperty("cityOfficeRegionCode").GetString(), review.GetProperty("status").GetString()));
        Assert.StartsWith("—", review.GetProperty("cityOpinion").GetString());
        Assert.Equal(2, await Eventually.Get(() => Task.FromResult<int?>(service.Harness.Consumed.Select<ApplicationForwardedToProvince>().Count()), n => n == 2,
            what: "both deliveries consumed"));
        Assert.Equal(1, service.Query((ReviewDbContext db) => db.Reviews.Count(r => r.ApplicationId == submitted.ApplicationId)));
        // The province acts on it as on any review: it draws the panel.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{submitted.ApplicationId}/panel", null)).StatusCode);
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

    [Fact]
    public async Task An_expert_scores_as_the_account_whatever_the_body_says()
    {
        var id = await InReview();

        // The old body field naming the expert is ignored: the token says who scores.
        var response = await service.CreateClient(TestAccounts.Expert("张三"))
            .PostAsJsonAsync($"/api/reviews/{id}/scores", new { expert = "李四", score = 77, comment = "意见" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var score = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scores").EnumerateArray());
        Assert.Equal("张三", score.GetProperty("expert").GetString());
        Assert.True(await service.Harness.Published.Any<ExpertScoreRecorded>(m => m.Context.Message.ApplicationId == id));
        var recorded = service.Harness.Published.Select<ExpertScoreRecorded>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal("张三", recorded.Expert);
        Assert.Equal(Expert("张三"), recorded.By);
        // And scoring again under another name in the body revises 张三's own score.
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient(TestAccounts.Expert("张三"))
            .PostAsJsonAsync($"/api/reviews/{id}/scores", new { expert = "王五", score = 90 })).StatusCode);
        var revised = Assert.Single((await Review(id)).GetProperty("scores").EnumerateArray());
        Assert.Equal(("张三", 90m), (revised.GetProperty("expert").GetString(), revised.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public async Task The_tracks_division_decides_and_the_decision_names_its_account()
    {
        var id = await InReview();
        await Score(id, "张三", 80);
        var industry = TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision);

        var response = await Approve(id, province: industry);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(industry.Name, (await Review(id)).GetProperty("decision").GetProperty("by").GetString());
        Assert.Equal(industry.Name, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("finalisedBy").GetString());
        Assert.True(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == id));
        var decided = service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal(As(industry), decided.By);
    }

    [Fact]
    public async Task Another_divisions_province_account_is_a_403_and_writes_nothing()
    {
        var id = await InReview();
        await Score(id, "张三", 80);
        var audited = AuditCount(id);

        var response = await Approve(id, province: TestAccounts.ProvinceDivision(TestAccounts.ProtectionDivision));

        await AssertRefused(response, HttpStatusCode.Forbidden, "other-division");
        Assert.Equal("InReview", (await Review(id)).GetProperty("status").GetString());
        Assert.Equal(0, OutboxCount<ApplicationDecided>());
        Assert.Equal(audited, AuditCount(id));
    }

    [Fact]
    public async Task A_call_published_again_moves_the_track_to_another_division()
    {
        var id = await InReview();
        await Score(id, "张三", 80);
        var moved = Call() with { Tracks = [.. Call().Tracks.Select(t => t.Id == "industrial-brand" ? t with { DivisionZh = TestAccounts.ServiceDivision } : t)] };
        await service.PublishAsync(new CallPublished(moved, DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult(service.Query((ReviewDbContext db) => db.TrackDivisions.Single(t => t.TrackId == "industrial-brand").Division)),
            d => d == TestAccounts.ServiceDivision, what: "the track's new division");

        await AssertRefused(await Approve(id, province: TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision)), HttpStatusCode.Forbidden, "other-division");
        Assert.Equal(HttpStatusCode.OK, (await Approve(id, province: TestAccounts.ProvinceDivision(TestAccounts.ServiceDivision))).StatusCode);
    }

    [Fact]
    public async Task The_decision_carries_the_call_version_the_application_was_submitted_under()
    {
        var id = await InReview(Submitted() with { CallVersion = 2 });
        await Score(id, "张三", 80);
        Assert.Equal(HttpStatusCode.OK, (await Approve(id)).StatusCode);

        Assert.True(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == id));
        Assert.Equal(2, service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == id).Single().Context.Message.CallVersion);
        Assert.Equal(2, service.Query((ReviewDbContext db) => db.Applicants.Single(a => a.ApplicationId == id).CallVersion));
    }

    [Fact]
    public async Task A_late_older_call_version_does_not_replace_the_newer_divisions_and_rules()
    {
        var moved = Call() with { Tracks = [.. Call().Tracks.Select(t => t.Id == "industrial-brand" ? t with { DivisionZh = TestAccounts.ServiceDivision } : t)] };
        await service.PublishAsync(new CallPublished(moved, DateTimeOffset.UtcNow) { Version = 3 });
        await Eventually.Get(() => Task.FromResult<int?>(service.Query((ReviewDbContext db) => db.TrackDivisions.Single(t => t.TrackId == "industrial-brand").CallVersion)),
            v => v == 3, what: "version 3 of the call");

        await service.PublishAsync(new CallPublished(Call(), DateTimeOffset.UtcNow) { Version = 2 });
        Assert.True(await service.Harness.Consumed.Any<CallPublished>(m => m.Context.Message.Version == 2), "the late version 2 consumed");

        var division = service.Query((ReviewDbContext db) => db.TrackDivisions.Single(t => t.TrackId == "industrial-brand"));
        Assert.Equal(3, division.CallVersion);
        Assert.Equal(TestAccounts.ServiceDivision, division.Division);
        Assert.Equal(Call().Tracks.Count, service.Query((ReviewDbContext db) => db.TrackDivisions.Count(t => t.CallId == Call().Id)));
    }

    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var id = await InReview();
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 80)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Approve(id)).StatusCode);
        using var admin = service.CreateClient(TestAccounts.Admin);

        var seen = 0;
        foreach (var (reader, path) in new[]
                 {
                     (client, $"/api/reviews/{id}"), (client, "/api/reviews/"), (client, $"/api/reviews/?callId={CallId}&trackId=industrial-brand"),
                     (client, $"/api/reviews/ranking?callId={CallId}&trackId=industrial-brand"), (admin, "/api/reviews/experts"),
                     (client, $"/api/reviews/decisions?callId={CallId}&trackId=industrial-brand"),
                     (admin, "/api/reviews/audit"),
                 })
        {
            var (withoutOffset, count) = Instants.Walk(await reader.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 1, $"only {seen} instants were read; the walk proves nothing without them");
    }

    [Fact]
    public async Task A_redelivered_call_changes_nothing_twice()
    {
        using var duplicates = PlatformCounter.InboxDuplicates();
        var messageId = Guid.NewGuid();
        var call = Call() with { Id = "2023" };

        await service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow), messageId);
        await service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow), messageId);

        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped by the inbox");
        Assert.Equal(call.Tracks.Count, service.Query((ReviewDbContext db) => db.TrackDivisions.Count(t => t.CallId == "2023")));
        Assert.Equal(1, service.Query((ReviewDbContext db) => db.Set<AuditEntry>().Count(a => a.Action == "CallDivisionsReceived" && a.Subject == "2023")));
    }

    [Fact]
    public async Task A_case_of_a_call_review_has_not_heard_of_cannot_be_decided_yet()
    {
        var submitted = Submitted();
        await service.PublishAsync(submitted);
        await service.PublishAsync(ByCity(submitted.ApplicationId) with { CallId = "2099" });
        await Eventually.Get(() => Review(submitted.ApplicationId), r => r.ValueKind == JsonValueKind.Object, what: "the review opened");
        await Score(submitted.ApplicationId, "张三", 80);

        await AssertConflict(await Approve(submitted.ApplicationId), "call-unknown");

        Assert.Equal(0, OutboxCount<ApplicationDecided>());
    }

    [Fact]
    public async Task Only_experts_score_and_only_the_province_decides()
    {
        var id = await InReview();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/reviews/{id}/scores", new { score = 90 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 80)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.CreateClient(TestAccounts.Expert("张三"))
            .PostAsJsonAsync($"/api/reviews/{id}/decision", new { decision = "Approved", approvedAmountCny = 1000 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.CreateClient(TestAccounts.City("320500")).GetAsync($"/api/reviews/{id}")).StatusCode);
        Assert.Equal(0, OutboxCount<ApplicationDecided>());
    }

    public static TheoryData<string> BadTokens => new() { "expired", "wrong-audience", "foreign-key" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_hold_is_a_401(string kind)
    {
        var id = await InReview();
        var expert = TestAccounts.Expert("张三");
        var token = kind switch
        {
            "expired" => TestTokens.For(expert, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong-audience" => TestTokens.For(expert, audience: "another-api"),
            _ => TestTokens.For(expert, key: TestTokens.ForeignKey),
        };
        using var anonymous = service.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var response = await anonymous.PostAsJsonAsync($"/api/reviews/{id}/scores", new { score = 90 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await Review(id)).GetProperty("scores").EnumerateArray());
    }

    [Fact]
    public async Task Each_act_is_audited_under_its_account_and_the_chain_verifies()
    {
        var id = await InReview();
        await Score(id, "张三", 80);
        Assert.Equal(HttpStatusCode.OK, (await Approve(id, province: TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision))).StatusCode);
        var closed = await InReview();
        Assert.Equal(HttpStatusCode.OK, (await Return(closed, TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision))).StatusCode);
        var admin = service.CreateClient(TestAccounts.Admin);

        var entries = (await admin.GetFromJsonAsync<JsonElement>($"/api/reviews/audit?subject={id}")).GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorName").GetString(), e.GetProperty("actorRole").GetString())).ToList();
        var closing = (await admin.GetFromJsonAsync<JsonElement>($"/api/reviews/audit?subject={closed}")).GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorName").GetString())).ToList();
        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/reviews/audit/verify");

        Assert.Equal(
            [("ReviewOpened", "city-320500", PlatformRoles.CityOffice), ("ExpertsAssigned", "province", PlatformRoles.Province),
             ("PanelDrawn", "province", PlatformRoles.Province),
             ("ExpertScoreRecorded", "张三", PlatformRoles.Expert),
             ("PanelClosed", $"province-{TestAccounts.IndustryDivision}", PlatformRoles.Province),
             ("DecisionRecorded", $"province-{TestAccounts.IndustryDivision}", PlatformRoles.Province),
             ("ApplicationDecided", $"province-{TestAccounts.IndustryDivision}", PlatformRoles.Province)],
            entries);
        Assert.Equal([("ReviewOpened", "city-320500"), ("ExpertsAssigned", "province"), ("PanelDrawn", "province"), ("ApplicationReturned", $"province-{TestAccounts.IndustryDivision}")], closing);
        Assert.True(verification.GetProperty("intact").GetBoolean());
        Assert.True(verification.GetProperty("entriesChecked").GetInt64() >= 6); // the call's divisions, 2 openings, score, decision, closing
    }

    HttpClient AsExpert(string name) => service.CreateClient(TestAccounts.Expert(name));

    [Fact]
    public async Task An_expert_sees_no_other_score_before_scoring_through_any_read()
    {
        var id = await InReview();
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "张三", 91)).StatusCode);

        var before = await AsExpert("李四").GetFromJsonAsync<JsonElement>($"/api/reviews/{id}");
        var listBefore = (await AsExpert("李四").GetFromJsonAsync<JsonElement>("/api/reviews")).EnumerateArray().Single(r => r.GetProperty("applicationId").GetGuid() == id);
        var ownResponse = await Score(id, "李四", 71);
        var after = await AsExpert("李四").GetFromJsonAsync<JsonElement>($"/api/reviews/{id}");
        var listAfter = (await AsExpert("李四").GetFromJsonAsync<JsonElement>("/api/reviews")).EnumerateArray().Single(r => r.GetProperty("applicationId").GetGuid() == id);

        Assert.True(before.GetProperty("blind").GetBoolean());
        Assert.Empty(before.GetProperty("scores").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("result").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("averageScore").ValueKind);
        Assert.Equal(["李四"], before.GetProperty("panel").EnumerateArray().Select(s => s.GetProperty("expert").GetString()));
        Assert.True(listBefore.GetProperty("blind").GetBoolean());
        foreach (var hidden in new[] { "scoreCount", "averageScore", "result", "spread" })
            Assert.Equal(JsonValueKind.Null, listBefore.GetProperty(hidden).ValueKind);
        // The expert's own scoring answer is the first read that shows the others.
        Assert.Equal(2, (await ownResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scores").GetArrayLength());
        Assert.False(after.GetProperty("blind").GetBoolean());
        Assert.Equal([91m, 71m], after.GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("score").GetDecimal()));
        Assert.Equal((81m, 20m), (after.GetProperty("result").GetProperty("result").GetDecimal(), after.GetProperty("result").GetProperty("spread").GetDecimal()));
        Assert.Equal(2, listAfter.GetProperty("scoreCount").GetInt32());
    }

    [Fact]
    public async Task An_expert_not_drawn_neither_sees_nor_scores_the_application()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutExpert("孙七", Code("12320100MB0000099"), tracks: ["gi-brand"])).StatusCode);
        var id = await InReview();

        Assert.Equal(HttpStatusCode.NotFound, (await AsExpert("孙七").GetAsync($"/api/reviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Score(id, "孙七", 90)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AsExpert("孙七").PostAsJsonAsync($"/api/reviews/{id}/panel/decline", new { reason = "x" })).StatusCode);
        Assert.DoesNotContain((await AsExpert("孙七").GetFromJsonAsync<JsonElement>("/api/reviews")).EnumerateArray(),
            r => r.GetProperty("applicationId").GetGuid() == id);
        Assert.Empty((await Review(id)).GetProperty("scores").EnumerateArray());
    }

    [Fact]
    public async Task The_draw_is_recorded_with_seed_candidates_and_exclusions_and_a_conflicted_expert_is_never_drawn()
    {
        // 钱八 works for the applicant itself.
        Assert.Equal(HttpStatusCode.OK, (await PutExpert("钱八", ApplicantCode)).StatusCode);
        var id = await InReview(draw: false);

        var response = await client.PostAsync($"/api/reviews/{id}/panel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draw = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PanelExperts.Order(StringComparer.Ordinal), draw.GetProperty("drawn").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(1, draw.GetProperty("shortfall").GetInt32());
        var excluded = Assert.Single(draw.GetProperty("excluded").EnumerateArray());
        Assert.Equal("钱八", excluded.GetProperty("expert").GetString());
        Assert.Equal(["same-employer-as-applicant"], excluded.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var seed = draw.GetProperty("seed").GetInt32();
        Assert.All((await Review(id)).GetProperty("panel").EnumerateArray(), s => Assert.Equal(seed, s.GetProperty("seed").GetInt32()));
        var audit = (await service.CreateClient(TestAccounts.Admin).GetFromJsonAsync<JsonElement>($"/api/reviews/audit?subject={id}"))
            .GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "PanelDrawn");
        Assert.Contains(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.GetRawText());
        Assert.Contains("same-employer-as-applicant", audit.GetRawText());
        // The drawn experts are told through the event, staged with the draw.
        Assert.True(await service.Harness.Published.Any<ExpertsAssigned>(m => m.Context.Message.ApplicationId == id));
        var assigned = service.Harness.Published.Select<ExpertsAssigned>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal(draw.GetProperty("drawn").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal), assigned.Experts.Order(StringComparer.Ordinal));
        Assert.Equal((CallId, "industrial-brand", 1, "province"), (assigned.CallId, assigned.TrackId, assigned.Round, assigned.By?.Name));
        // Drawing again finds nobody free (钱八 stays excluded): a 409, nothing written.
        await AssertConflict(await client.PostAsync($"/api/reviews/{id}/panel", null), "no-eligible-expert");
        Assert.Equal(4, (await Review(id)).GetProperty("panel").GetArrayLength());
    }

    [Fact]
    public async Task A_declining_expert_is_replaced_by_a_new_draw()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutExpert("周九", Code("12320100MB0000098"))).StatusCode);
        var id = await InReview(draw: false);
        // Five experts for five seats; a sixth joins after the draw to replace the one who declines.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{id}/panel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutExpert("吴十", Code("12320100MB0000097"))).StatusCode);

        var missing = await AsExpert("张三").PostAsJsonAsync($"/api/reviews/{id}/panel/decline", new { reason = " " });
        var declined = await AsExpert("张三").PostAsJsonAsync($"/api/reviews/{id}/panel/decline", new { reason = "与申报单位存在合作" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var panel = (await Review(id)).GetProperty("panel").EnumerateArray().ToList();
        Assert.Equal(("Declined", "与申报单位存在合作"), panel.Where(s => s.GetProperty("expert").GetString() == "张三")
            .Select(s => (s.GetProperty("status").GetString(), s.GetProperty("declineReason").GetString())).Single());
        Assert.Equal((2, "Seated"), panel.Where(s => s.GetProperty("expert").GetString() == "吴十")
            .Select(s => (s.GetProperty("round").GetInt32(), s.GetProperty("status").GetString())).Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await Score(id, "张三", 80)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Score(id, "吴十", 80)).StatusCode);
        // The replacement is told, by the platform's own event of round 2; only the first draw's experts were told before.
        Assert.True(await service.Harness.Published.Any<ExpertsAssigned>(m => m.Context.Message.ApplicationId == id && m.Context.Message.Round == 2));
        var assigned = service.Harness.Published.Select<ExpertsAssigned>(m => m.Context.Message.ApplicationId == id).Select(m => m.Context.Message).OrderBy(m => m.Round).ToList();
        Assert.Equal(2, assigned.Count);
        Assert.Contains("张三", assigned[0].Experts);
        Assert.Equal(["吴十"], assigned[1].Experts);
        Assert.Null(assigned[1].By);
    }

    [Fact]
    public async Task A_whole_track_is_drawn_in_one_request_with_a_result_per_application()
    {
        var first = await InReview(draw: false);
        var second = await InReview(draw: false);
        var elsewhere = await InReview(Submitted(track: "gi-brand"), draw: false);

        var response = await client.PostAsJsonAsync("/api/reviews/panels", new { callId = CallId, trackId = "industrial-brand" });
        var again = await client.PostAsJsonAsync("/api/reviews/panels", new { callId = CallId, trackId = "industrial-brand" });
        var otherDivision = await service.CreateClient(TestAccounts.ProvinceDivision(TestAccounts.ProtectionDivision))
            .PostAsJsonAsync("/api/reviews/panels", new { callId = CallId, trackId = "industrial-brand" });
        var invalid = await client.PostAsJsonAsync("/api/reviews/panels", new { callId = CallId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { first, second }.Order(), items.Select(i => i.GetProperty("applicationId").GetGuid()).Order());
        Assert.All(items, i => Assert.Equal(200, i.GetProperty("status").GetInt32()));
        Assert.Equal(4, (await Review(first)).GetProperty("panel").GetArrayLength());
        Assert.Empty((await Review(elsewhere)).GetProperty("panel").EnumerateArray());
        // A second pass finds the pool spent: each application says so, nothing is seated twice.
        var secondPass = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.All(secondPass, i => Assert.Equal("no-eligible-expert", i.GetProperty("problem").GetProperty("code").GetString()));
        Assert.Equal(4, (await Review(second)).GetProperty("panel").GetArrayLength());
        // One event per application drawn, naming its seated experts; the refused second pass publishes no other.
        foreach (var id in new[] { first, second })
        {
            Assert.True(await service.Harness.Published.Any<ExpertsAssigned>(m => m.Context.Message.ApplicationId == id));
            var assigned = service.Harness.Published.Select<ExpertsAssigned>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
            var seated = (await Review(id)).GetProperty("panel").EnumerateArray().Select(s => s.GetProperty("expert").GetString()!);
            Assert.Equal(seated.Order(StringComparer.Ordinal), assigned.Experts.Order(StringComparer.Ordinal));
        }
        await AssertRefused(otherDivision, HttpStatusCode.Forbidden, "other-division");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("trackId", out _));
    }

    [Theory]
    [InlineData("{\"score\": 101}", "points.overall")]
    [InlineData("{\"points\": {\"overall\": -1}}", "points.overall")]
    [InlineData("{\"points\": {\"overall\": 80, \"novelty\": 5}}", "points.novelty")]
    [InlineData("{\"comment\": \"无分\"}", "points")]
    public async Task A_score_outside_the_sheet_is_a_400_naming_the_criterion_and_writes_nothing(string json, string field)
    {
        var id = await InReview();

        var response = await AsExpert("张三").PostAsync($"/api/reviews/{id}/scores", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await Review(id)).GetProperty("scores").EnumerateArray());
        Assert.Equal(0, OutboxCount<ExpertScoreRecorded>());
    }

    [Fact]
    public async Task The_call_s_score_sheet_weights_the_criteria_and_its_trimmed_mean_makes_the_result()
    {
        var sheet = new IpPlatform.Contracts.Calls.ReviewRules
        {
            PanelSize = 5, TrimmedMeanMinimumScores = 3, PublicityDays = 0,
            Criteria = [new("basis", "工作基础", 60m), new("plan", "实施方案", 40m), new("priority", "优先支持", 5m, Bonus: true)],
        };
        var call = Call() with { Tracks = [.. Call().Tracks.Select(t => t.Id == "industrial-brand" ? t with { Review = sheet } : t)] };
        await service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult(service.Query((ReviewDbContext db) => db.TrackDivisions.Single(t => t.TrackId == "industrial-brand").Rules.Criteria.Count)),
            n => n == 3, what: "the sheet known to review");
        var id = await InReview();

        async Task Points(string expert, decimal basis, decimal plan, decimal priority) =>
            Assert.Equal(HttpStatusCode.OK, (await AsExpert(expert).PostAsJsonAsync($"/api/reviews/{id}/scores",
                new { points = new Dictionary<string, decimal> { ["basis"] = basis, ["plan"] = plan, ["priority"] = priority } })).StatusCode);
        await Points("张三", 50, 30, 5);  // 85
        await Points("李四", 40, 30, 0);  // 70
        await Points("王五", 55, 35, 5);  // 95
        var onlyScore = await AsExpert("赵六").PostAsJsonAsync($"/api/reviews/{id}/scores", new { score = 80 });

        Assert.Equal(HttpStatusCode.BadRequest, onlyScore.StatusCode); // a sheet of three criteria needs points
        var result = (await Review(id)).GetProperty("result");
        Assert.Equal((85m, true, 25m), (result.GetProperty("result").GetDecimal(), result.GetProperty("trimmed").GetBoolean(), result.GetProperty("spread").GetDecimal()));
        Assert.Equal(HttpStatusCode.OK, (await Approve(id)).StatusCode);
        Assert.True(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == id));
        Assert.Equal(85m, service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == id).Single().Context.Message.AverageScore);
    }

    [Theory]
    [InlineData("cityCode", "{\"displayName\": \"x\", \"tracks\": [\"industrial-brand\"], \"employerName\": \"x\", \"employerCreditCode\": \"91320583MA1P2K3L4G\", \"cityCode\": \"320583\", \"active\": true}")]
    [InlineData("employerCreditCode", "{\"displayName\": \"x\", \"tracks\": [\"industrial-brand\"], \"employerName\": \"x\", \"employerCreditCode\": \"91320583MA1P2K3L4Z\", \"cityCode\": \"320500\", \"active\": true}")]
    [InlineData("tracks", "{\"displayName\": \"x\", \"tracks\": [], \"employerName\": \"x\", \"employerCreditCode\": \"91320583MA1P2K3L4G\", \"cityCode\": \"320500\", \"active\": true}")]
    [InlineData("active", "{\"displayName\": \"x\", \"tracks\": [\"industrial-brand\"], \"employerName\": \"x\", \"employerCreditCode\": \"91320583MA1P2K3L4G\", \"cityCode\": \"320500\"}")]
    public async Task An_invalid_expert_is_a_400_naming_the_field(string field, string json)
    {
        var response = await service.CreateClient(TestAccounts.Admin)
            .PutAsync("/api/reviews/experts/新专家", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, service.Query((ReviewDbContext db) => db.Experts.Count(e => e.AccountName == "新专家")));
    }

    [Fact]
    public async Task The_pool_lists_experts_by_track_and_an_inactive_expert_is_not_drawn()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutExpert("赵六", Code("12320100MB0000003"), active: false)).StatusCode);
        var admin = service.CreateClient(TestAccounts.Admin);

        var pool = await admin.GetFromJsonAsync<JsonElement>("/api/reviews/experts?trackId=industrial-brand");
        var id = await InReview();

        Assert.Equal(PanelExperts.Order(StringComparer.Ordinal), pool.EnumerateArray().Select(e => e.GetProperty("accountName").GetString()!).Order(StringComparer.Ordinal));
        Assert.False(pool.EnumerateArray().Single(e => e.GetProperty("accountName").GetString() == "赵六").GetProperty("active").GetBoolean());
        Assert.DoesNotContain("赵六", (await Review(id)).GetProperty("panel").EnumerateArray().Select(s => s.GetProperty("expert").GetString()));
        Assert.Contains(service.Query((ReviewDbContext db) => db.Set<AuditEntry>().Where(a => a.Action == "ExpertEntered").Select(a => a.Subject).ToList()), s => s == "赵六");
    }

    [Fact]
    public async Task Cancelling_an_approval_publishes_ApprovalCancelled_and_refuses_what_is_not_approved()
    {
        var id = await InReview();
        await Score(id, "张三", 88);
        var cancel = new { ground = "Falsification", reason = "财务数据造假" };
        await AssertConflict(await client.PostAsJsonAsync($"/api/reviews/{id}/cancellation", cancel), "not-approved");
        Assert.Equal(HttpStatusCode.OK, (await Approve(id)).StatusCode);
        var invalid = await client.PostAsJsonAsync($"/api/reviews/{id}/cancellation", new { reason = " " });

        var response = await client.PostAsJsonAsync($"/api/reviews/{id}/cancellation", cancel);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("ground", out _) && errors.TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ApprovalCancelled", (await Review(id)).GetProperty("status").GetString());
        Assert.True(await service.Harness.Published.Any<ApprovalCancelled>(m => m.Context.Message.ApplicationId == id));
        var cancelled = service.Harness.Published.Select<ApprovalCancelled>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal((CancellationGround.Falsification, ApplicantCode, As(TestAccounts.Province)), (cancelled.Ground, cancelled.Applicant.CreditCode, cancelled.By));
        await AssertConflict(await client.PostAsJsonAsync($"/api/reviews/{id}/cancellation", cancel), "already-cancelled");
        Assert.Equal(1, OutboxCount<ApprovalCancelled>());
    }

    [Fact]
    public async Task The_ranking_lists_closed_panels_best_first_and_needs_a_known_call_and_track()
    {
        var lower = await InReview();
        var higher = await InReview();
        var open = await InReview();
        await Score(lower, "张三", 70);
        await Score(higher, "张三", 90);
        await Score(open, "张三", 99);
        foreach (var id in new[] { lower, higher })
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{id}/panel/close", null)).StatusCode);

        var ranking = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/ranking?callId={CallId}&trackId=industrial-brand");
        var unknown = await client.GetAsync($"/api/reviews/ranking?callId=2099&trackId=industrial-brand");
        var missing = await client.GetAsync("/api/reviews/ranking?callId=2022");

        Assert.Equal([higher, lower], ranking.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("applicationId").GetGuid()));
        Assert.Equal([90m, 70m], ranking.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("result").GetDecimal()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AsExpert("张三").GetAsync($"/api/reviews/ranking?callId={CallId}&trackId=industrial-brand")).StatusCode);
    }
}
