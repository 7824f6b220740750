using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Security;
using IpPlatform.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>Who may act on and read a case, through the API: the token's account, its role and its office.</summary>
public sealed class JurisdictionTests : IAsyncLifetime
{
    RoutingHost host = null!;
    ServiceFactory<Program> Service => host.Service;

    public async ValueTask InitializeAsync() => host = await RoutingHost.StartAsync();
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    (int Outbox, int Audit, int History) Written(Guid id) => host.Query(db => (
        db.Set<OutboxMessage>().Count(),
        db.Set<AuditEntry>().Count(),
        db.Recommendations.Include(r => r.History).Single(r => r.ApplicationId == id).History.Count));

    [Fact]
    public async Task The_applicants_own_offices_act_and_the_event_and_history_name_them()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);

        Assert.Equal(HttpStatusCode.OK, (await host.Recommend(id, TestAccounts.County(Kunshan), "县局同意")).StatusCode);
        var response = await host.Recommend(id, TestAccounts.City(Suzhou), "市局推荐");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Service.Harness.Published.Any<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id && m.Context.Message.Level == OfficeLevel.City));
        var by = Service.Harness.Published.Select<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id)
            .Select(m => m.Context.Message).OrderBy(m => m.Level).Select(m => m.By).ToList();
        Assert.Equal([As(TestAccounts.County(Kunshan)), As(TestAccounts.City(Suzhou))], by);

        var history = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("what").GetString() == "Recommended")
            .Select(h => h.GetProperty("by")).Select(b => (b.GetProperty("name").GetString(), b.GetProperty("role").GetString(), b.GetProperty("office").GetString()))
            .ToList();
        Assert.Equal([("county-320583", PlatformRoles.CountyOffice, Kunshan), ("city-320500", PlatformRoles.CityOffice, Suzhou)], history);
    }

    [Fact]
    public async Task A_return_carries_the_returning_office()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);

        Assert.Equal(HttpStatusCode.OK, (await host.Return(id, TestAccounts.County(Kunshan), "材料不全")).StatusCode);

        Assert.True(await Service.Harness.Published.Any<ApplicationReturned>(m => m.Context.Message.ApplicationId == id));
        var returned = Service.Harness.Published.Select<ApplicationReturned>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        Assert.Equal(As(TestAccounts.County(Kunshan)), returned.By);
    }

    [Theory]
    [InlineData("recommend")]
    [InlineData("return")]
    public async Task Another_countys_office_is_a_403_and_writes_nothing(string act)
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        var before = Written(id);

        var response = await Service.CreateClient(TestAccounts.County("320582"))
            .PostAsJsonAsync($"/api/routing/{id}/{act}", new { opinion = "同意", reason = "退回" });

        await RoutingHost.AssertRefused(response, HttpStatusCode.Forbidden, "outside-jurisdiction");
        Assert.Equal(before, Written(id));
        Assert.Equal("AtOffice", (await host.Case(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_citys_office_is_a_403_at_the_city_level()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        Assert.Equal(HttpStatusCode.OK, (await host.Recommend(id, TestAccounts.County(Kunshan))).StatusCode);
        var before = Written(id);

        await RoutingHost.AssertRefused(await host.Recommend(id, TestAccounts.City(Nanjing)), HttpStatusCode.Forbidden, "outside-jurisdiction");

        Assert.Equal(before, Written(id));
    }

    [Fact]
    public async Task On_protection_zone_the_city_government_recommends_and_the_city_office_is_refused()
    {
        // A county government's protection-zone application starts at the city (spec §3); it used to wait for the county office.
        var id = await host.Arrive(EligibilityOutcome.Eligible, track: "protection-zone", kind: ApplicantKind.CountyGovernment);
        await RoutingHost.AssertRefused(await host.Recommend(id, TestAccounts.County(Kunshan)), HttpStatusCode.Conflict, "wrong-level");
        var before = Written(id);

        await RoutingHost.AssertRefused(await host.Recommend(id, TestAccounts.City(Suzhou)), HttpStatusCode.Forbidden, "wrong-office");
        Assert.Equal(before, Written(id));

        var response = await host.Recommend(id, TestAccounts.CityGovernment(Suzhou), "市政府同意推荐");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ForwardedToProvince", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(await Service.Harness.Published.Any<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id && m.Context.Message.Level == OfficeLevel.City));
        var byCity = Service.Harness.Published.Select<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id && m.Context.Message.Level == OfficeLevel.City).Single();
        Assert.Equal(As(TestAccounts.CityGovernment(Suzhou)), byCity.Context.Message.By);
    }

    [Fact]
    public async Task A_city_government_is_refused_on_other_tracks()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        Assert.Equal(HttpStatusCode.OK, (await host.Recommend(id, TestAccounts.County(Kunshan))).StatusCode);

        await RoutingHost.AssertRefused(await host.Recommend(id, TestAccounts.CityGovernment(Suzhou)), HttpStatusCode.Forbidden, "wrong-office");
    }

    [Fact]
    public async Task A_case_is_read_inside_its_jurisdiction_and_does_not_exist_outside_it()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);

        foreach (var reader in new[] { TestAccounts.County(Kunshan), TestAccounts.City(Suzhou), TestAccounts.CityGovernment(Suzhou), TestAccounts.Expert(), TestAccounts.Agency })
            Assert.Equal(id, (await host.Case(id, reader)).GetProperty("applicationId").GetGuid());
        foreach (var outsider in new[] { TestAccounts.County("320582"), TestAccounts.City(Nanjing), TestAccounts.CityGovernment(Nanjing) })
            Assert.Equal(HttpStatusCode.NotFound, (await Service.CreateClient(outsider).GetAsync($"/api/routing/{id}")).StatusCode);
        // An applicant is no staff reader at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await Service.CreateClient(TestAccounts.Applicant("91320583MA1P2K3L4X")).GetAsync($"/api/routing/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_citys_summary_is_refused_to_another_city()
    {
        var url = $"/api/routing/cities/{Suzhou}/summary?callId={CallId}";

        Assert.Equal(HttpStatusCode.OK, (await Service.CreateClient(TestAccounts.City(Suzhou)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Service.CreateClient(TestAccounts.CityGovernment(Suzhou)).GetAsync(url)).StatusCode);
        await RoutingHost.AssertRefused(await Service.CreateClient(TestAccounts.City(Nanjing)).GetAsync(url), HttpStatusCode.Forbidden, "outside-jurisdiction");
        Assert.Equal(HttpStatusCode.Forbidden, (await Service.CreateClient(TestAccounts.County(Kunshan)).GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("320599")] // well formed, but no city of the table
    [InlineData("320583")] // a county
    [InlineData("320000")] // the province
    public async Task City_figures_need_a_city_of_the_table(string cityCode)
    {
        var response = await Service.CreateClient(TestAccounts.Admin)
            .PutAsJsonAsync($"/api/routing/cities/{cityCode}/figures", new { callId = CallId, inventionGrantsLastYear = 10, incentiveRegion = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("cityCode", out _));
    }

    [Fact]
    public async Task Only_the_administrator_enters_city_figures()
    {
        var response = await Service.CreateClient(TestAccounts.City(Suzhou))
            .PutAsJsonAsync($"/api/routing/cities/{Suzhou}/figures", new { callId = CallId, inventionGrantsLastYear = 10, incentiveRegion = false });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Query(db => db.CityFigures.Count()));
    }

    public static TheoryData<string> BadTokens => new() { "expired", "wrong-audience", "foreign-key", "wrong-issuer", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_hold_is_a_401_problem_and_acts_on_nothing(string kind)
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        var before = Written(id);
        var kunshan = TestAccounts.County(Kunshan);
        var token = kind switch
        {
            "expired" => TestTokens.For(kunshan, expires: DateTimeOffset.UtcNow.AddMinutes(-5)),
            "wrong-audience" => TestTokens.For(kunshan, audience: "another-api"),
            "foreign-key" => TestTokens.For(kunshan, key: TestTokens.ForeignKey),
            "wrong-issuer" => TestTokens.For(kunshan, issuer: "https://elsewhere.test/"),
            _ => "not-a-jwt",
        };
        using var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.PostAsJsonAsync($"/api/routing/{id}/recommend", new { opinion = "同意推荐" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Equal(before, Written(id));
    }
}
