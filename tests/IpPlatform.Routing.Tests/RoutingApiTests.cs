using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Routing.Data;
using IpPlatform.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

public sealed class RoutingApiTests : IAsyncLifetime
{
    RoutingHost host = null!;
    ServiceFactory<Program> service = null!;
    /// <summary>Reads as the province, which sees every case and every city's summary.</summary>
    HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        host = await RoutingHost.StartAsync();
        service = host.Service;
        client = service.CreateClient(TestAccounts.Province);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    Task<T?> Query<T>(Func<RoutingDbContext, T?> query) => Task.FromResult(service.Query(query));

    Task<Guid> Arrive(EligibilityOutcome outcome, string region = Kunshan, bool assessmentFirst = false, string callId = CallId) =>
        host.Arrive(outcome, region, assessmentFirst, callId);

    /// <summary>Eligible applications from <paramref name="counties"/>, each recommended by its county: at the city office.</summary>
    async Task<List<Guid>> AtCityOffice(string[] counties, string callId = CallId)
    {
        var ids = new List<Guid>();
        foreach (var county in counties)
        {
            var id = await Arrive(EligibilityOutcome.Eligible, county, callId: callId);
            Assert.Equal(HttpStatusCode.OK, (await Recommend(id, county)).StatusCode);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The industrial-brand line of Suzhou's summary table for a call.</summary>
    async Task<JsonElement> IndustrialBrandInSuzhou(string callId)
    {
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/routing/cities/{Suzhou}/summary?callId={callId}");
        return summary.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("trackId").GetString() == "industrial-brand");
    }

    /// <summary>The office of <paramref name="office"/>'s jurisdiction recommends, with its own token.</summary>
    Task<HttpResponseMessage> Recommend(Guid id, string office, string opinion = "同意推荐") => host.Recommend(id, OfficeOf(office), opinion);

    static Task AssertConflict(HttpResponseMessage response, string code) => RoutingHost.AssertRefused(response, HttpStatusCode.Conflict, code);

    [Fact]
    public async Task County_then_city_recommendation_forwards_to_the_province_and_publishes_both_events()
    {
        var id = await Arrive(EligibilityOutcome.Eligible);

        Assert.Equal(HttpStatusCode.OK, (await Recommend(id, Kunshan, "县局同意")).StatusCode);
        var response = await Recommend(id, Suzhou, "市局推荐");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ForwardedToProvince", view.GetProperty("status").GetString());
        Assert.True(await service.Harness.Published.Any<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id && m.Context.Message.Level == OfficeLevel.City));
        var published = service.Harness.Published.Select<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id)
            .Select(m => m.Context.Message).OrderBy(m => m.Level).ToList();
        Assert.Equal([OfficeLevel.County, OfficeLevel.City], published.Select(m => m.Level));
        Assert.Equal([Kunshan, Suzhou], published.Select(m => m.OfficeRegionCode));
        Assert.Equal("市局推荐", published[1].Opinion);
        var what = view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()).ToList();
        Assert.Equal(["Submitted", "EligibilityAssessed", "Recommended", "Recommended"], what);
    }

    [Fact]
    public async Task An_assessment_arriving_before_the_submission_is_kept()
    {
        var id = await Arrive(EligibilityOutcome.Eligible, assessmentFirst: true);

        Assert.Equal(HttpStatusCode.OK, (await Recommend(id, Kunshan)).StatusCode);
    }

    [Fact]
    public async Task A_submission_and_its_assessment_arriving_together_are_handled_one_after_the_other()
    {
        var pairs = Enumerable.Range(0, 40).Select(_ => Submitted()).Select(s => (Submitted: s, Assessed: Assessed(s.ApplicationId, EligibilityOutcome.Eligible))).ToList();

        await Task.WhenAll(pairs.SelectMany(p => new[] { service.PublishAsync(p.Submitted), service.PublishAsync(p.Assessed) }));

        var ids = pairs.Select(p => p.Submitted.ApplicationId).ToHashSet();
        await Eventually.Get(() => Query(db => db.Recommendations.Count(r => ids.Contains(r.ApplicationId) && r.Eligibility != null && r.SubmittedAtUtc != null)),
            n => n == ids.Count, what: "every case opened and assessed");
        // Both events went through the one partitioner keyed by application (handled at once, both would find no case
        // and insert one; the loser fails on the key and waits for its retry). Its attempts are in the bus's probe.
        var probe = System.Text.Json.JsonSerializer.SerializeToNode(MassTransit.IntrospectionExtensions.GetProbeResult((MassTransit.IProbeSite)service.Harness.Bus, default))!;
        var partitioners = Descendants(probe).OfType<System.Text.Json.Nodes.JsonObject>().Select(o => o["partitioner"]).OfType<System.Text.Json.Nodes.JsonObject>()
            .DistinctBy(p => p["id"]!.GetValue<string>()).ToList();
        var partitioned = Assert.Single(partitioners).Where(p => p.Key.StartsWith("partition-")).Sum(p => p.Value!["attemptCount"]!.GetValue<int>());
        Assert.Equal(2 * ids.Count, partitioned);

        static IEnumerable<System.Text.Json.Nodes.JsonNode> Descendants(System.Text.Json.Nodes.JsonNode node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => o.Select(p => p.Value).OfType<System.Text.Json.Nodes.JsonNode>().SelectMany(Descendants).Prepend(o),
            System.Text.Json.Nodes.JsonArray a => a.OfType<System.Text.Json.Nodes.JsonNode>().SelectMany(Descendants),
            _ => [node],
        };
    }

    [Fact]
    public async Task An_ineligible_application_is_a_409_and_publishes_nothing()
    {
        var id = await Arrive(EligibilityOutcome.Ineligible);

        await AssertConflict(await Recommend(id, Kunshan), "ineligible");

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/routing/{id}");
        Assert.Equal("County", view.GetProperty("level").GetString());
        Assert.Equal(0, await Query(db => db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>().Count()));
        Assert.False(await service.Harness.Published.Any<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id));
    }

    [Fact]
    public async Task A_recommendation_the_province_returns_keeps_its_place_and_the_next_one_takes_the_next_place()
    {
        string[] counties = ["320505", "320506", "320507"];
        var ids = await AtCityOffice(counties);
        Assert.Equal(HttpStatusCode.OK, (await Recommend(ids[0], Suzhou)).StatusCode);
        await service.PublishAsync(new ApplicationReturned(ids[0], OfficeLevel.Province, "320000", "材料不实", DateTimeOffset.UtcNow));
        await Eventually.Get(() => Query(db => db.Recommendations.Where(r => r.ApplicationId == ids[0]).Select(r => r.Status.ToString()).Single()),
            status => status == "Returned", what: "the province's return closes the case");

        // Before the fix the count skipped the returned case and the next recommendation claimed its taken slot until it gave up (409).
        Assert.Equal(HttpStatusCode.OK, (await Recommend(ids[1], Suzhou)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Recommend(ids[2], Suzhou)).StatusCode);
        Assert.Equal([1, 2, 3], await Query(db => db.Recommendations.Where(r => ids.Contains(r.ApplicationId)).Select(r => r.CityQuotaSlot ?? 0).OrderBy(s => s).ToList()));
        Assert.Equal(3, (await IndustrialBrandInSuzhou(CallId)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task The_sixth_industrial_brand_recommendation_of_a_city_is_refused()
    {
        // Five from different counties of Suzhou use the quota; the sixth, from Kunshan, finds it exhausted.
        string[] counties = ["320505", "320506", "320507", "320581", "320582", Kunshan];
        var ids = await AtCityOffice(counties);
        foreach (var id in ids[..5])
            Assert.Equal(HttpStatusCode.OK, (await Recommend(id, Suzhou)).StatusCode);

        await AssertConflict(await Recommend(ids[5], Suzhou), "quota-full");

        var brand = await IndustrialBrandInSuzhou(CallId);
        Assert.Equal(5, brand.GetProperty("used").GetInt32());
        Assert.Equal(5, brand.GetProperty("limit").GetInt32());
        Assert.Equal(ids[..5].ToHashSet(), brand.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("applicationId").GetGuid()).ToHashSet());
        Assert.Equal("同意推荐", brand.GetProperty("applications")[0].GetProperty("countyOpinion").GetString());
    }

    [Fact]
    public async Task A_case_counts_against_the_quota_of_the_call_version_it_was_submitted_under()
    {
        var corrected = Call() with
        {
            Tracks = [.. Call().Tracks.Select(t => t.Id == "industrial-brand" ? t with { Quota = t.Quota with { PerCity = 3 } } : t)],
        };
        await service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 2, Reason = "名额更正" });
        await Eventually.Get(() => Query(db => (int?)db.Calls.Single(c => c.Id == CallId).Version), v => v == 2, what: "version 2 known to routing");

        var underFirst = Submitted() with { CallVersion = 1 };
        await service.PublishAsync(underFirst);
        var view = await Eventually.Get(() => host.Case(underFirst.ApplicationId), c => c.ValueKind == JsonValueKind.Object, what: "the case opened");

        Assert.Equal(1, view.GetProperty("callVersion").GetInt32());
        int? Limit(int? version) => service.Query((RoutingDbContext db) => db.QuotaUsageAsync(CallId, "industrial-brand", "320500", CancellationToken.None, version).Result).Limit.Max;
        Assert.Equal((5, 3, 3), (Limit(1), Limit(2), Limit(null)));
    }

    [Fact]
    public async Task The_quota_is_read_without_the_calls_whole_text()
    {
        // A version's row also holds the call document (some 43 KB): a city's recommendation needs only the quota rules.
        var commands = new CommandRecorder();
        var store = service.Query((RoutingDbContext db) => db.Database.GetConnectionString())!;
        await using var db = new SqliteRoutingDbContext(new DbContextOptionsBuilder<SqliteRoutingDbContext>()
            .UseSqlite(store).AddInterceptors(commands).Options);

        var limits = ((await db.QuotaUsageAsync(CallId, "industrial-brand", "320500", CancellationToken.None, 1)).Limit.Max,
            (await db.QuotaUsageAsync(CallId, "industrial-brand", "320500", CancellationToken.None)).Limit.Max);

        Assert.Equal((5, 5), limits);
        Assert.Contains(commands.Texts, c => c.Contains("QuotasText"));
        Assert.DoesNotContain(commands.Texts, c => c.Contains("CallText"));
    }

    sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command,
            CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task A_new_calls_smaller_quota_applies_from_its_CallPublished_with_no_code_change()
    {
        var call2023 = Call() with
        {
            Id = "2023",
            Tracks = [.. Call().Tracks.Select(t => t.Id == "industrial-brand" ? t with { Quota = t.Quota with { PerCity = 3 } } : t)],
        };
        await service.PublishAsync(new CallPublished(call2023, DateTimeOffset.UtcNow));
        await Eventually.Get(() => Query(db => (int?)db.Calls.Count()), n => n == 2, what: "the 2023 call known to routing");

        string[] counties = ["320505", "320506", "320507", Kunshan];
        var ids = await AtCityOffice(counties, "2023");
        foreach (var id in ids[..3])
            Assert.Equal(HttpStatusCode.OK, (await Recommend(id, Suzhou)).StatusCode);
        await AssertConflict(await Recommend(ids[3], Suzhou), "quota-full");

        var brand = await IndustrialBrandInSuzhou("2023");
        Assert.Equal((3, 3), (brand.GetProperty("used").GetInt32(), brand.GetProperty("limit").GetInt32()));
        // The 2022 call keeps its own quota, untouched by 2023's recommendations.
        var brand2022 = await IndustrialBrandInSuzhou(CallId);
        Assert.Equal((0, 5), (brand2022.GetProperty("used").GetInt32(), brand2022.GetProperty("limit").GetInt32()));
    }

    [Fact]
    public async Task Two_offices_racing_for_the_last_place_of_a_quota_cannot_both_take_it()
    {
        // Four places used; two applications wait at the city office and both see one place left.
        string[] counties = ["320505", "320506", "320507", "320581", "320582", Kunshan];
        var ids = await AtCityOffice(counties);
        foreach (var id in ids[..4])
            Assert.Equal(HttpStatusCode.OK, (await Recommend(id, Suzhou)).StatusCode);

        using var first = service.Services.CreateScope();
        using var second = service.Services.CreateScope();
        var racers = new[] { (first, ids[4]), (second, ids[5]) }.Select(r =>
        {
            var db = r.Item1.ServiceProvider.GetRequiredService<RoutingDbContext>();
            var recommendation = db.Recommendations.Single(x => x.ApplicationId == r.Item2);
            var usage = db.QuotaUsageAsync(recommendation.CallId, recommendation.TrackId, recommendation.CityCode, CancellationToken.None).Result;
            recommendation.Recommend(AsCity(Suzhou), "同意推荐", usage, DateTimeOffset.UtcNow);
            return db;
        }).ToList();

        await racers[0].SaveChangesAsync();
        var lost = await Assert.ThrowsAnyAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => racers[1].SaveChangesAsync());

        Assert.True(IpPlatform.Infrastructure.Persistence.ConcurrentChangeExceptionHandler.IsConcurrentChange(lost));
        Assert.Equal(5, await Query(db => (int?)db.Recommendations.Count(r => r.CityCode == Suzhou && r.CityQuotaSlot != null)));
    }

    [Fact]
    public async Task A_save_that_loses_a_concurrency_race_leaves_the_audit_chain_free_for_the_next_act()
    {
        // Two returns of one case race; the loser's save is refused (the status is a concurrency token). Both staged an
        // audit entry, so both took the database's audit gate: the loser must give it back, or every later act hangs.
        var id = await Arrive(EligibilityOutcome.Eligible);
        var other = await Arrive(EligibilityOutcome.Eligible);
        var county = AsCounty(Kunshan);
        using var first = service.Services.CreateScope();
        using var second = service.Services.CreateScope();
        var racers = new[] { first, second }.Select(scope =>
        {
            var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
            var recommendation = db.Recommendations.Include(r => r.History).Single(x => x.ApplicationId == id);
            var returned = recommendation.Return(county, "材料不全", DateTimeOffset.UtcNow);
            IpPlatform.Infrastructure.Audit.Accountability.Record(db, returned, county, id.ToString());
            return db;
        }).ToList();

        await racers[0].SaveChangesAsync();
        await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException>(() => racers[1].SaveChangesAsync());

        var next = await Recommend(other, Kunshan).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Twelve_concurrent_city_recommendations_for_a_quota_of_five_forward_exactly_five()
    {
        // Twelve Suzhou applications at the city office, recommended all at once: a request that loses the race
        // for a slot claims the next free one, so exactly five go through and the other seven find the quota full.
        string[] counties = ["320505", "320506", "320507", "320581", "320582", Kunshan, "320505", "320506", "320507", "320581", "320582", Kunshan];
        var ids = await AtCityOffice(counties);

        var responses = await Task.WhenAll(ids.Select(id => Recommend(id, Suzhou)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(7, refused.Count);
        foreach (var response in refused) await AssertConflict(response, "quota-full");
        var slots = await Query(db => db.Recommendations.Where(r => r.CityCode == Suzhou && r.CityQuotaSlot != null)
            .Select(r => r.CityQuotaSlot!.Value).OrderBy(s => s).ToList());
        Assert.Equal([1, 2, 3, 4, 5], slots!);
        Assert.Equal(5, (await IndustrialBrandInSuzhou(CallId)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task A_banded_track_needs_the_city_figures_then_follows_them()
    {
        var submitted = Submitted(track: "hvp-new", kind: IpPlatform.Contracts.Applications.ApplicantKind.University, region: "320506", provincialOrMinisterial: true);
        await service.PublishAsync(submitted);
        await service.PublishAsync(Assessed(submitted.ApplicationId, EligibilityOutcome.Eligible, "hvp-new"));
        await Eventually.Get(() => host.Case(submitted.ApplicationId),
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("eligibility").ValueKind == JsonValueKind.String, what: "the hvp case assessed");

        await AssertConflict(await Recommend(submitted.ApplicationId, Suzhou), "city-figures-missing");

        var put = await service.CreateClient(TestAccounts.Admin)
            .PutAsJsonAsync($"/api/routing/cities/{Suzhou}/figures", new { callId = CallId, inventionGrantsLastYear = 3000, incentiveRegion = true });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Recommend(submitted.ApplicationId, Suzhou)).StatusCode);
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/routing/cities/{Suzhou}/summary?callId={CallId}");
        var hvp = summary.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("trackId").GetString() == "hvp-new");
        Assert.Equal(5, hvp.GetProperty("limit").GetInt32()); // band 4 + incentive bonus
        Assert.Equal(1, hvp.GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task Returning_closes_the_case_and_publishes_ApplicationReturned()
    {
        var id = await Arrive(EligibilityOutcome.NeedsReview);

        var response = await host.Return(id, TestAccounts.County(Kunshan), "材料不全");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await service.Harness.Published.Any<ApplicationReturned>(m => m.Context.Message.ApplicationId == id && m.Context.Message.Reason == "材料不全"));
        await AssertConflict(await Recommend(id, Kunshan), "case-closed");
    }

    [Theory]
    [InlineData("recommend", "opinion")]
    [InlineData("return", "reason")]
    public async Task An_act_without_its_text_is_a_400_naming_the_field(string act, string field)
    {
        var id = await Arrive(EligibilityOutcome.Eligible);

        var response = await service.CreateClient(TestAccounts.County(Kunshan)).PostAsJsonAsync($"/api/routing/{id}/{act}", new Dictionary<string, string> { [field] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_token_says_which_office_acts_whatever_the_body_claims()
    {
        var id = await Arrive(EligibilityOutcome.Eligible);

        // An office code in the body (the old request field) is ignored: Kunshan's token acts as Kunshan.
        var response = await service.CreateClient(TestAccounts.County(Kunshan))
            .PostAsJsonAsync($"/api/routing/{id}/recommend", new { officeRegionCode = "320582", opinion = "同意推荐" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recommended = service.Harness.Published.Select<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal(Kunshan, recommended.OfficeRegionCode);
    }

    [Fact]
    public async Task A_redelivered_submission_opens_one_case()
    {
        var submitted = Submitted();
        var messageId = Guid.NewGuid();
        using var duplicates = PlatformCounter.InboxDuplicates();

        await service.PublishAsync(submitted, messageId);
        await service.PublishAsync(submitted, messageId);

        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped by the inbox");
        Assert.Equal(1, await Query(db => db.Recommendations.Count(r => r.ApplicationId == submitted.ApplicationId)));
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/routing/{submitted.ApplicationId}");
        Assert.Equal(1, view.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("what").GetString() == "Submitted"));
    }

    [Fact]
    public async Task An_unknown_case_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/routing/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Recommend(Guid.NewGuid(), Kunshan)).StatusCode);
    }
}
