using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Security;
using IpPlatform.Testing;
using MassTransit.Testing;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>
/// Paths from the call data of the version an application was submitted under, the province as a first office,
/// and the ways a case closes beside the offices: the province's return and a paper copy that does not match.
/// </summary>
public sealed class RoutingPathsTests : IAsyncLifetime
{
    RoutingHost host = null!;
    ServiceFactory<Program> Service => host.Service;

    public async ValueTask InitializeAsync() => host = await RoutingHost.StartAsync();
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    async Task<JsonElement> CaseWhen(Guid id, Func<JsonElement, bool> done, string what) =>
        await Eventually.Get(() => host.Case(id), c => c.ValueKind == JsonValueKind.Object && done(c), what: what);

    async Task<List<(string? What, string? Office)>?> HistoryOf(Guid id) => await host.History(id);

    static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    async Task Publish(CallDocument call, int version)
    {
        await Service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow) { Version = version });
        await Eventually.Get(() => Task.FromResult<int?>(host.Query(db => db.CallVersions.Count(v => v.CallId == call.Id && v.Version == version))),
            n => n == 1, what: $"call {call.Id} v{version} known to routing");
    }

    /// <summary>The sample call with industrial-brand enterprises starting at the city office: unlike 2022.</summary>
    static CallDocument EnterprisesAtTheCity(string id) => Call() with
    {
        Id = id,
        Tracks = [.. Call().Tracks.Select(t => t.Id == "industrial-brand"
            ? t with { Routing = new RoutingRules { FirstOffice = [new FirstOfficeRule(ApplicantKind.Enterprise, OfficeLevel.City)] } }
            : t)],
    };

    [Fact]
    public async Task The_first_office_comes_from_the_call_a_new_call_changes_it_without_code()
    {
        await Publish(EnterprisesAtTheCity("2099"), 1);

        var under2022 = await host.Arrive(EligibilityOutcome.Eligible);
        var under2099 = await host.Arrive(EligibilityOutcome.Eligible, callId: "2099");

        Assert.Equal(("County", Kunshan), ((await host.Case(under2022)).GetProperty("level").GetString(), (await host.Case(under2022)).GetProperty("officeRegionCode").GetString()));
        Assert.Equal(("City", Suzhou), ((await host.Case(under2099)).GetProperty("level").GetString(), (await host.Case(under2099)).GetProperty("officeRegionCode").GetString()));
        await host.Recommended(under2099, TestAccounts.City(Suzhou));
    }

    [Fact]
    public async Task A_case_follows_the_rules_of_the_version_it_was_submitted_under()
    {
        await Publish(EnterprisesAtTheCity(CallId), 2);

        var underV1 = await host.Arrive(Submitted() with { CallVersion = 1 });
        var underV2 = await host.Arrive(Submitted() with { CallVersion = 2 });

        Assert.Equal("County", (await host.Case(underV1)).GetProperty("level").GetString());
        Assert.Equal("City", (await host.Case(underV2)).GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_submission_under_a_call_routing_does_not_know_takes_the_default_path_and_says_so()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible, callId: "unpublished");

        var opened = await host.Case(id);
        Assert.Equal("County", opened.GetProperty("level").GetString());
        Assert.Contains("default path", opened.GetProperty("history")[0].GetProperty("note").GetString());
        var known = await host.Arrive(EligibilityOutcome.Eligible);
        Assert.DoesNotContain("default path", (await host.Case(known)).GetProperty("history")[0].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Gi_brand_and_protection_zone_county_governments_start_at_the_city_office_and_government()
    {
        var gi = await host.Arrive(Submitted(track: "gi-brand", kind: ApplicantKind.CountyGovernment, region: Kunshan));
        var zone = await host.Arrive(Submitted(track: "protection-zone", kind: ApplicantKind.ParkCommittee, region: Kunshan));

        Assert.Equal("City", (await host.Case(gi)).GetProperty("level").GetString());
        await RoutingHost.AssertRefused(await host.Recommend(gi, TestAccounts.County(Kunshan)), HttpStatusCode.Conflict, "wrong-level");
        await host.Recommended(gi, TestAccounts.City(Suzhou));
        await RoutingHost.AssertRefused(await host.Recommend(zone, TestAccounts.City(Suzhou)), HttpStatusCode.Forbidden, "wrong-office");
        await host.Recommended(zone, TestAccounts.CityGovernment(Suzhou));
    }

    [Fact]
    public async Task A_city_governments_protection_zone_goes_straight_to_the_province_through_the_outbox_and_takes_no_quota()
    {
        var submitted = Submitted(track: "protection-zone", kind: ApplicantKind.CityGovernment, region: Suzhou, name: "苏州市人民政府") with
        {
            By = As(TestAccounts.Applicant("11320500MB0000000X")),
        };
        await Service.PublishAsync(submitted);
        await Service.PublishAsync(Samples.Assessed(submitted.ApplicationId, EligibilityOutcome.Eligible, "protection-zone"));

        var forwarded = await CaseWhen(submitted.ApplicationId, c => Status(c) == "ForwardedToProvince", "the case forwarded at submission");
        Assert.Equal("Province", forwarded.GetProperty("level").GetString());
        Assert.True(await Service.Harness.Published.Any<ApplicationForwardedToProvince>(m => m.Context.Message.ApplicationId == submitted.ApplicationId));
        var message = Service.Harness.Published.Select<ApplicationForwardedToProvince>(m => m.Context.Message.ApplicationId == submitted.ApplicationId).Single().Context.Message;
        Assert.Equal(("protection-zone", Suzhou, submitted.By), (message.TrackId, message.CityRegionCode, message.By));
        Assert.Equal(1, host.Query(db => db.Set<AuditEntry>().Count(a => a.Action == nameof(ApplicationForwardedToProvince) && a.Subject == submitted.ApplicationId.ToString())));
        // No office recommended it: the city's only protection-zone place is still free, and no office can act.
        await RoutingHost.AssertRefused(await host.Recommend(submitted.ApplicationId, TestAccounts.CityGovernment(Suzhou)), HttpStatusCode.Conflict, "case-closed");
        var county = await host.Arrive(Submitted(track: "protection-zone", kind: ApplicantKind.CountyGovernment, region: Kunshan));
        await host.Recommended(county, TestAccounts.CityGovernment(Suzhou));
        Assert.False(Service.Harness.Published.Select<ApplicationRecommended>(m => m.Context.Message.ApplicationId == submitted.ApplicationId).Any());
    }

    async Task<Guid> ForwardedByCity()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        await host.Recommended(id, TestAccounts.County(Kunshan));
        await host.Recommended(id, TestAccounts.City(Suzhou));
        return id;
    }

    [Fact]
    public async Task The_provinces_return_closes_the_case_once_with_a_history_row()
    {
        var id = await ForwardedByCity();
        var returned = new ApplicationReturned(id, OfficeLevel.Province, "320000", "材料不实", Now) { By = As(TestAccounts.Province) };
        var messageId = Guid.NewGuid();

        await Service.PublishAsync(returned, messageId);
        await Service.PublishAsync(returned, messageId); // redelivered
        await Service.PublishAsync(returned); // published again

        var closed = await CaseWhen(id, c => Status(c) == "Returned", "the case returned");
        Assert.True(await Service.Harness.Consumed.Any<ApplicationReturned>(m => m.Context.MessageId == messageId));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Harness.Consumed.Select<ApplicationReturned>(m => m.Context.Message.Level == OfficeLevel.Province).Count()),
            n => n >= 2, what: "the province's returns consumed");
        var returns = (await host.History(id)).Where(h => h.What == "Returned").ToList();
        Assert.Equal([("Returned", "Province 320000")], returns);
        var step = closed.GetProperty("history").EnumerateArray().Last(h => h.GetProperty("what").GetString() == "Returned");
        Assert.Equal(("材料不实", PlatformRoles.Province), (step.GetProperty("note").GetString(), step.GetProperty("by").GetProperty("role").GetString()));
    }

    static PaperCopyReceived Paper(Guid id, bool matches, string? reason = null, string office = Kunshan, OfficeLevel level = OfficeLevel.County) =>
        new(id, level, office, new DateOnly(2022, 2, 3), 1, matches, reason, Now) { By = As(TestAccounts.County(office)) };

    [Fact]
    public async Task A_paper_copy_that_does_not_match_returns_the_application_by_the_checking_office_once()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        var paper = Paper(id, matches: false, reason: "纸质版项目预算与网上申报不一致");
        var messageId = Guid.NewGuid();
        using var duplicates = PlatformCounter.InboxDuplicates();

        await Service.PublishAsync(paper, messageId);
        await Service.PublishAsync(paper, messageId);

        await CaseWhen(id, c => Status(c) == "Returned", "the case returned");
        Assert.True(await Service.Harness.Published.Any<ApplicationReturned>(m => m.Context.Message.ApplicationId == id));
        var returned = Service.Harness.Published.Select<ApplicationReturned>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal((OfficeLevel.County, Kunshan, "纸质版项目预算与网上申报不一致", As(TestAccounts.County(Kunshan))),
            (returned.Level, returned.OfficeRegionCode, returned.Reason, returned.By));
        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped by the inbox");
        Assert.Equal([("PaperCopyReceived", "County 320583"), ("Returned", "County 320583")],
            (await host.History(id)).Where(h => h.What is "PaperCopyReceived" or "Returned").ToList());
    }

    [Fact]
    public async Task A_matching_paper_copy_is_a_history_row_and_the_case_stays_with_its_office()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);

        await Service.PublishAsync(Paper(id, matches: true));

        await Eventually.Get(() => HistoryOf(id), h => h.Any(s => s.What == "PaperCopyReceived"), what: "the paper copy recorded");
        Assert.Equal("AtOffice", Status(await host.Case(id)));
        await host.Recommended(id, TestAccounts.County(Kunshan));
        Assert.False(Service.Harness.Published.Select<ApplicationReturned>(m => m.Context.Message.ApplicationId == id).Any());
    }

    [Fact]
    public async Task A_mismatch_reported_after_forwarding_is_recorded_and_left_to_the_province()
    {
        var id = await ForwardedByCity();

        await Service.PublishAsync(Paper(id, matches: false, reason: "印章不一致", office: Suzhou, level: OfficeLevel.City));

        var history = await Eventually.Get(() => HistoryOf(id), h => h.Any(s => s.What == "PaperCopyReceived"), what: "the paper copy recorded");
        Assert.DoesNotContain(history!, h => h.What == "Returned");
        Assert.Equal("ForwardedToProvince", Status(await host.Case(id)));
    }
}
