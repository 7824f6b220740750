using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Review.Data;
using IpPlatform.Review.Reviews;
using IpPlatform.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

/// <summary>A clock a test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;
    public override DateTimeOffset GetUtcNow() => now;
    public void Set(DateTimeOffset to) => now = to;
}

/// <summary>
/// The collective decision through the HTTP API, on a track with a budget of 1,000,000 CNY, at most 3 approvals
/// and 5 days of publicity; the service's clock is a fake one the tests move.
/// </summary>
public sealed class DecisionsApiTests : IAsyncLifetime
{
    const string TrackId = "industrial-brand";
    static readonly TimeSpan China = TimeSpan.FromHours(8);
    // Started at the real time: tokens are issued for it.
    readonly FakeClock clock = new(DateTimeOffset.UtcNow);
    readonly ServiceFactory<Program> service;
    HttpClient client = null!;

    public DecisionsApiTests() =>
        service = new ServiceFactory<Program>("review-db") { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };

    public async ValueTask InitializeAsync()
    {
        client = service.CreateClient(TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision));
        var rules = new ReviewRules { PanelSize = 1, BudgetCny = 1_000_000m, MaxApprovals = 3, PublicityDays = 5 };
        var call = Call() with { Tracks = [.. Call().Tracks.Select(t => t.Id == TrackId ? t with { Review = rules } : t)] };
        await service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow) { Version = 2 });
        await Eventually.Get(() => Task.FromResult(service.Query((ReviewDbContext db) => db.TrackDivisions.FirstOrDefault(t => t.TrackId == TrackId)?.Rules.BudgetCny)),
            b => b == 1_000_000m, what: "the track's budget known to review");
        var expert = await service.CreateClient(TestAccounts.Admin).PutAsJsonAsync("/api/reviews/experts/张三", new
        {
            displayName = "张三", tracks = new[] { TrackId }, employerName = "某大学", employerCreditCode = Code("12320100MB0000001"), cityCode = "320100", active = true,
        });
        Assert.Equal(HttpStatusCode.OK, expert.StatusCode);
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    /// <summary>An application requesting <paramref name="requested"/>, reviewed by one expert at <paramref name="score"/>, its panel closed.</summary>
    async Task<Guid> Closed(decimal? requested = 600_000m, decimal score = 80, string project = "品牌培育项目", bool close = true)
    {
        var submitted = Submitted() with { CallVersion = 2 };
        submitted = submitted with
        {
            Document = submitted.Document with { Project = new ProjectContent { Name = project }, Budget = new Budget { ProvincialFundsCny = requested } },
        };
        await service.PublishAsync(submitted);
        await service.PublishAsync(ByCity(submitted.ApplicationId));
        await Eventually.Get(() => Task.FromResult<bool?>(service.Query((ReviewDbContext db) =>
                db.Reviews.Any(r => r.ApplicationId == submitted.ApplicationId) && db.Applicants.Any(a => a.ApplicationId == submitted.ApplicationId))),
            ready => ready == true, what: "the review opened with its applicant");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{submitted.ApplicationId}/panel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient(TestAccounts.Expert("张三"))
            .PostAsJsonAsync($"/api/reviews/{submitted.ApplicationId}/scores", new { score })).StatusCode);
        if (close) Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/reviews/{submitted.ApplicationId}/panel/close", null)).StatusCode);
        return submitted.ApplicationId;
    }

    static object Batch(IEnumerable<(Guid Id, decimal Amount)> approved, IEnumerable<Guid>? rejected = null) => new
    {
        callId = CallId, trackId = TrackId, meetingDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), participants = new[] { "局长", "产业促进处处长" },
        approved = approved.Select(a => new { applicationId = a.Id, amountCny = a.Amount }),
        rejected = (rejected ?? []).Select(id => new { applicationId = id, reason = "得分较低" }),
    };

    Task<HttpResponseMessage> Decide(object batch, HttpClient? by = null) => (by ?? client).PostAsJsonAsync("/api/reviews/decisions", batch);

    async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    string Status(Guid id) => service.Query((ReviewDbContext db) => db.Reviews.Single(r => r.ApplicationId == id).Status.ToString());

    int OutboxCount<TEvent>() =>
        service.Query((ReviewDbContext db) => db.Set<OutboxMessage>().Count(m => m.MessageType == typeof(TEvent).FullName));

    /// <summary>00:00 in China of the day after the publicity's last day, for a decision recorded at <paramref name="recorded"/> (5 days).</summary>
    static DateTimeOffset PublicityOver(DateTimeOffset recorded) =>
        new(DateOnly.FromDateTime(recorded.ToOffset(China).DateTime).AddDays(6).ToDateTime(TimeOnly.MinValue), China);

    static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_decisions_racing_on_a_track_never_pass_its_budget_together()
    {
        var (a, b) = (await Closed(), await Closed());

        // Each alone fits the budget of 1,000,000; together they do not.
        var responses = await Task.WhenAll(Decide(Batch([(a, 600_000m)])), Decide(Batch([(b, 600_000m)])));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains((await Json(loser)).GetProperty("code").GetString(), new[] { "over-budget", "concurrent-change" });
        var approved = service.Query((ReviewDbContext db) => db.Decisions.SelectMany(d => d.Items).Where(i => i.Outcome == ProvincialDecision.Approved)
            .Select(i => i.AmountCny).ToList());
        Assert.True(approved.Sum() <= 1_000_000m, $"{approved.Sum()} CNY approved over a budget of 1,000,000");
        Assert.Equal(1, service.Query((ReviewDbContext db) => db.Decisions.Count()));
        Assert.Equal(["InPublicity", "PanelClosed"], new[] { Status(a), Status(b) }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_decision_saved_on_a_stale_ledger_of_its_track_fails_and_writes_nothing()
    {
        // What the race above relies on whichever request reads first: the ledger row is a concurrency token.
        using var first = service.Services.CreateScope();
        using var second = service.Services.CreateScope();
        var (db1, db2) = (first.ServiceProvider.GetRequiredService<ReviewDbContext>(), second.ServiceProvider.GetRequiredService<ReviewDbContext>());
        var (seen1, seen2) = (db1.TrackDivisions.Single(t => t.TrackId == TrackId), db2.TrackDivisions.Single(t => t.TrackId == TrackId));

        seen1.RecordDecision();
        await db1.SaveChangesAsync();
        seen2.RecordDecision();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        Assert.Equal(1, service.Query((ReviewDbContext db) => db.TrackDivisions.Single(t => t.TrackId == TrackId).LedgerVersion));
    }

    [Fact]
    public async Task A_batch_breaking_a_rule_is_refused_naming_the_applications_and_nothing_is_stored()
    {
        var (a, b) = (await Closed(requested: 800_000m), await Closed(requested: 300_000m));
        var open = await Closed(close: false);

        var listedTwice = await Decide(Batch([(a, 100_000m)], [a]));
        var overBudget = await Decide(Batch([(a, 750_000m), (b, 300_000m)]));
        var mixed = await Decide(Batch([(a, 100_000m), (b, 300_001m)], [open]));
        var otherDivision = await Decide(Batch([(a, 100_000m)]), service.CreateClient(TestAccounts.ProvinceDivision(TestAccounts.ProtectionDivision)));

        Assert.Equal(HttpStatusCode.BadRequest, listedTwice.StatusCode);
        Assert.True((await Json(listedTwice)).GetProperty("errors").TryGetProperty("rejected[0].applicationId", out _));
        var budget = await Json(overBudget);
        Assert.Equal((409, "over-budget"), (budget.GetProperty("status").GetInt32(), budget.GetProperty("code").GetString()));
        Assert.Equal(new[] { a, b }.Order(), budget.GetProperty("applications").EnumerateArray().Select(x => x.GetGuid()).Order());
        var problems = (await Json(mixed)).GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("applicationId").GetGuid(), p.GetProperty("code").GetString())).ToList();
        Assert.Equal([(open, "panel-open"), (b, "over-requested")], problems);
        await AssertRefused(otherDivision, HttpStatusCode.Forbidden, "other-division");
        Assert.Equal(0, service.Query((ReviewDbContext db) => db.Decisions.Count()));
        Assert.Equal(["PanelClosed", "PanelClosed", "InReview"], new[] { Status(a), Status(b), Status(open) });
        Assert.Equal(0, service.Query((ReviewDbContext db) => db.Set<AuditEntry>().Count(e => e.Action == "CollectiveDecisionRecorded" || e.Action == "DecisionRecorded")));
    }

    [Fact]
    public async Task The_final_approval_is_refused_until_the_last_day_ends_then_publishes_every_decision_of_the_batch()
    {
        var (a, b) = (await Closed(), await Closed());
        var recordedAt = clock.GetUtcNow();
        var recorded = await Decide(Batch([(a, 500_000m)], [b]));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var decision = await Json(recorded);
        var id = decision.GetProperty("id").GetGuid();
        var over = PublicityOver(recordedAt);
        Assert.Equal(over, decision.GetProperty("publicityEndsAt").GetDateTimeOffset());

        clock.Set(over.AddMinutes(-1)); // 23:59 on the last day, in China
        await AssertRefused(await client.PostAsync($"/api/reviews/decisions/{id}/finalisation", null), HttpStatusCode.Conflict, "publicity-running");
        Assert.Equal(0, OutboxCount<ApplicationDecided>());
        clock.Set(over); // 00:00 the next day
        var finalised = await client.PostAsync($"/api/reviews/decisions/{id}/finalisation", null);

        Assert.Equal(HttpStatusCode.OK, finalised.StatusCode);
        Assert.Equal("Final", (await Json(finalised)).GetProperty("status").GetString());
        foreach (var (application, expected) in new[] { (a, ProvincialDecision.Approved), (b, ProvincialDecision.Rejected) })
        {
            Assert.True(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == application));
            var decided = service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == application).Single().Context.Message;
            Assert.Equal((expected, (int?)2, TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision).Name), (decided.Decision, decided.CallVersion, decided.By?.Name));
            Assert.Equal("Decided", Status(application));
        }
        Assert.Equal(500_000m, service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == a).Single().Context.Message.ApprovedAmountCny);
        await AssertRefused(await client.PostAsync($"/api/reviews/decisions/{id}/finalisation", null), HttpStatusCode.Conflict, "already-final");
        Assert.Equal(2, OutboxCount<ApplicationDecided>());
    }

    [Fact]
    public async Task Objections_during_publicity_are_resolved_before_the_final_approval()
    {
        var (a, b) = (await Closed(), await Closed(requested: 400_000m));
        var recordedAt = clock.GetUtcNow();
        var id = (await Json(await Decide(Batch([(a, 500_000m), (b, 400_000m)])))).GetProperty("id").GetGuid();
        var objections = $"/api/reviews/decisions/{id}/objections";

        var invalid = await client.PostAsJsonAsync(objections, new { applicationId = a, objector = " " });
        var upheld = await client.PostAsJsonAsync(objections, new { applicationId = a, objector = "某公司", grounds = "申报专利已失效" });
        var dismissed = await client.PostAsJsonAsync(objections, new { applicationId = b, objector = "匿名", grounds = "怀疑造假" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await Json(invalid)).GetProperty("errors").TryGetProperty("grounds", out _));
        Assert.True(upheld.StatusCode == HttpStatusCode.Created, await upheld.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, dismissed.StatusCode);
        var (upheldId, dismissedId) = ((await Json(upheld)).GetProperty("id").GetGuid(), (await Json(dismissed)).GetProperty("id").GetGuid());

        clock.Set(PublicityOver(recordedAt));
        await AssertRefused(await client.PostAsJsonAsync(objections, new { applicationId = a, objector = "某人", grounds = "迟到" }), HttpStatusCode.Conflict, "publicity-over");
        await AssertRefused(await client.PostAsync($"/api/reviews/decisions/{id}/finalisation", null), HttpStatusCode.Conflict, "objection-open");
        var uphold = await client.PostAsJsonAsync($"{objections}/{upheldId}/resolution", new { outcome = "Upheld", reason = "经核实属实" });
        var dismiss = await client.PostAsJsonAsync($"{objections}/{dismissedId}/resolution", new { outcome = "Dismissed", reason = "经核实不属实" });
        var unknown = await client.PostAsJsonAsync($"{objections}/{Guid.NewGuid()}/resolution", new { outcome = "Dismissed", reason = "无" });
        var finalised = await client.PostAsync($"/api/reviews/decisions/{id}/finalisation", null);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK],
            new[] { uphold.StatusCode, dismiss.StatusCode, unknown.StatusCode, finalised.StatusCode });
        var item = (await Json(uphold)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("applicationId").GetGuid() == a);
        Assert.Equal(("Rejected", true), (item.GetProperty("decision").GetString(), item.GetProperty("withdrawn").GetBoolean()));
        Assert.True(await service.Harness.Published.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == b));
        var decided = service.Harness.Published.Select<ApplicationDecided>(m => m.Context.Message.ApplicationId == a || m.Context.Message.ApplicationId == b)
            .ToDictionary(m => m.Context.Message.ApplicationId, m => m.Context.Message);
        Assert.Equal((ProvincialDecision.Rejected, null, "申报专利已失效"), (decided[a].Decision, decided[a].ApprovedAmountCny, decided[a].Reason));
        Assert.Equal((ProvincialDecision.Approved, (decimal?)400_000m), (decided[b].Decision, decided[b].ApprovedAmountCny));
        var audited = service.Query((ReviewDbContext db) => db.Set<AuditEntry>().Where(e => e.Subject == a.ToString()).Select(e => e.Action).ToList());
        Assert.Contains("ObjectionRecorded", audited);
        Assert.Contains("ObjectionResolved", audited);
    }

    [Fact]
    public async Task The_ranking_shows_the_requested_amounts_and_where_the_budget_runs_out()
    {
        var first = await Closed(requested: 400_000m, score: 90, project: "甲项目");
        var second = await Closed(requested: 500_000m, score: 80, project: "乙项目");
        var third = await Closed(requested: 300_000m, score: 70, project: "丙项目");
        Assert.Equal(HttpStatusCode.Created, (await Decide(Batch([(first, 350_000m)]))).StatusCode);

        var ranking = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/ranking?callId={CallId}&trackId={TrackId}");

        var lines = ranking.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([first, second, third], lines.Select(l => l.GetProperty("applicationId").GetGuid()));
        Assert.Equal(["甲项目", "乙项目", "丙项目"], lines.Select(l => l.GetProperty("projectName").GetString()));
        Assert.Equal([400_000m, 900_000m, 1_200_000m], lines.Select(l => l.GetProperty("runningRequestedCny").GetDecimal()));
        Assert.Equal([true, true, false], lines.Select(l => l.GetProperty("requestedWithinLimits").GetBoolean()));
        Assert.Equal(third, ranking.GetProperty("firstBeyondLimits").GetGuid());
        Assert.Equal((true, 350_000m, "InPublicity"), (lines[0].GetProperty("provisional").GetBoolean(), lines[0].GetProperty("approvedAmountCny").GetDecimal(),
            lines[0].GetProperty("status").GetString()));
        Assert.Equal((350_000m, 1), (ranking.GetProperty("approvedCny").GetDecimal(), ranking.GetProperty("approvals").GetInt32()));
    }

    [Fact]
    public async Task The_single_decision_is_a_batch_of_one_under_publicity_answered_202()
    {
        var id = await Closed();
        var recordedAt = clock.GetUtcNow();

        var response = await client.PostAsJsonAsync($"/api/reviews/{id}/decision", new { decision = "Approved", approvedAmountCny = 500_000m });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var decision = await Json(response);
        var decisionId = decision.GetProperty("id").GetGuid();
        Assert.Equal($"/api/reviews/decisions/{decisionId}", response.Headers.Location?.OriginalString);
        Assert.Equal(PublicityOver(recordedAt), decision.GetProperty("publicityEndsAt").GetDateTimeOffset());
        Assert.Equal([TestAccounts.ProvinceDivision(TestAccounts.IndustryDivision).Name], decision.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("InPublicity", Status(id));
        var review = await client.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}");
        Assert.Equal(decisionId, review.GetProperty("decisionId").GetGuid());
        await AssertRefused(await client.PostAsync($"/api/reviews/decisions/{decisionId}/finalisation", null), HttpStatusCode.Conflict, "publicity-running");
        Assert.Equal(0, OutboxCount<ApplicationDecided>());
        // And deciding it again while it is under publicity is refused.
        await AssertRefused(await client.PostAsJsonAsync($"/api/reviews/{id}/decision", new { decision = "Rejected", reason = "改判" }), HttpStatusCode.Conflict, "in-publicity");
        var listed = await service.CreateClient(TestAccounts.Admin).GetFromJsonAsync<JsonElement>($"/api/reviews/decisions?callId={CallId}&trackId={TrackId}");
        Assert.Equal([decisionId], listed.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
    }
}
