using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Testing;
using MassTransit.Testing;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>An office recommends or returns many applications at once: a result per item, nothing hidden.</summary>
public sealed class BulkActionsTests : IAsyncLifetime
{
    RoutingHost host = null!;
    ServiceFactory<Program> Service => host.Service;

    public async ValueTask InitializeAsync() => host = await RoutingHost.StartAsync();
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    Task<HttpResponseMessage> Post(TestAccount office, string path, object body) =>
        Service.CreateClient(office).PostAsJsonAsync($"/api/routing/{path}", body);

    static async Task<Dictionary<Guid, (int Status, string? Code)>> Outcomes(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, body.GetProperty("total").GetInt32());
        Assert.Equal(items.Count(i => i.GetProperty("status").GetInt32() == 200), body.GetProperty("succeeded").GetInt32());
        Assert.Equal(items.Count(i => i.GetProperty("status").GetInt32() != 200), body.GetProperty("failed").GetInt32());
        return items.ToDictionary(i => i.GetProperty("applicationId").GetGuid(), i => (i.GetProperty("status").GetInt32(),
            i.GetProperty("problem").ValueKind == JsonValueKind.Object ? i.GetProperty("problem").GetProperty("code").GetString() : null));
    }

    int Recommended(Guid id) => Service.Harness.Published.Select<ApplicationRecommended>(m => m.Context.Message.ApplicationId == id).Count();
    int Returned(Guid id) => Service.Harness.Published.Select<ApplicationReturned>(m => m.Context.Message.ApplicationId == id).Count();

    [Fact]
    public async Task A_county_recommends_many_and_each_refusal_is_stated_while_the_others_go_through()
    {
        var first = await host.Arrive(EligibilityOutcome.Eligible);
        var second = await host.Arrive(EligibilityOutcome.NeedsReview);
        var ineligible = await host.Arrive(EligibilityOutcome.Ineligible);
        var otherCounty = await host.Arrive(EligibilityOutcome.Eligible, region: "320281");
        var unknown = Guid.NewGuid();

        var outcomes = await Outcomes(await Post(TestAccounts.County(Kunshan), "recommendations", new
        {
            items = new object[]
            {
                new { applicationId = first, opinion = "同意推荐" }, new { applicationId = ineligible, opinion = "同意推荐" },
                new { applicationId = otherCounty, opinion = "同意推荐" }, new { applicationId = unknown, opinion = "同意推荐" },
                new { applicationId = second, opinion = " " },
            },
        }));

        Assert.Equal((200, null), outcomes[first]);
        Assert.Equal((409, "ineligible"), outcomes[ineligible]);
        Assert.Equal((403, "outside-jurisdiction"), outcomes[otherCounty]);
        Assert.Equal((404, "not-found"), outcomes[unknown]);
        Assert.Equal((400, "invalid"), outcomes[second]);
        Assert.Equal("City", (await host.Case(first)).GetProperty("level").GetString());
        foreach (var untouched in new[] { second, ineligible, otherCounty })
            Assert.Equal("County", (await host.Case(untouched)).GetProperty("level").GetString());
        Assert.True(await Service.Harness.Published.Any<ApplicationRecommended>(m => m.Context.Message.ApplicationId == first));
        Assert.Equal(0, Recommended(ineligible) + Recommended(otherCounty) + Recommended(second));
    }

    [Fact]
    public async Task A_city_recommending_past_its_quota_gets_the_first_ones_through_in_request_order()
    {
        // Suzhou may forward five industrial-brand applications (Samples.Call); six arrive in one request.
        string[] counties = ["320505", "320506", "320507", "320581", "320582", Kunshan];
        var ids = new List<Guid>();
        foreach (var county in counties)
        {
            var id = await host.Arrive(EligibilityOutcome.Eligible, region: county);
            Assert.Equal(HttpStatusCode.OK, (await host.Recommend(id, OfficeOf(county), "同意")).StatusCode);
            ids.Add(id);
        }

        var outcomes = await Outcomes(await Post(TestAccounts.City(Suzhou), "recommendations",
            new { items = ids.Select(id => new { applicationId = id, opinion = "市局推荐" }) }));

        Assert.All(ids[..5], id => Assert.Equal((200, null), outcomes[id]));
        Assert.Equal((409, "quota-full"), outcomes[ids[5]]);
        Assert.Equal("AtOffice", (await host.Case(ids[5])).GetProperty("status").GetString());
        Assert.Equal(5, host.Query(db => db.Recommendations.Count(r => r.CityQuotaSlot != null)));
    }

    [Fact]
    public async Task Returns_in_bulk_close_the_cases_that_may_be_returned()
    {
        var open = await host.Arrive(EligibilityOutcome.Eligible);
        var alreadyReturned = await host.Arrive(EligibilityOutcome.Eligible);
        Assert.Equal(HttpStatusCode.OK, (await Post(TestAccounts.County(Kunshan), $"{alreadyReturned}/return", new { reason = "材料不全" })).StatusCode);

        var outcomes = await Outcomes(await Post(TestAccounts.County(Kunshan), "returns", new
        {
            items = new[] { new { applicationId = open, reason = "缺少审计报告" }, new { applicationId = alreadyReturned, reason = "再次退回" } },
        }));

        Assert.Equal((200, null), outcomes[open]);
        Assert.Equal((409, "case-closed"), outcomes[alreadyReturned]);
        Assert.Equal("Returned", (await host.Case(open)).GetProperty("status").GetString());
        Assert.True(await Service.Harness.Published.Any<ApplicationReturned>(m => m.Context.Message.ApplicationId == open));
        Assert.Equal(1, Returned(alreadyReturned));
    }

    [Theory]
    [InlineData("{\"items\": []}", "items")]
    [InlineData("{}", "items")]
    [InlineData("{\"items\": [{\"opinion\": \"同意\"}]}", "items[0].applicationId")]
    [InlineData("{\"items\": [{\"applicationId\": \"6f1c0a52-7a4e-4c8e-9d35-0e8a4b1f2c11\", \"opinion\": \"a\"}, {\"applicationId\": \"6f1c0a52-7a4e-4c8e-9d35-0e8a4b1f2c11\", \"opinion\": \"b\"}]}", "items")]
    public async Task A_malformed_bulk_request_is_a_400_naming_the_field_and_acts_on_nothing(string json, string field)
    {
        var response = await Service.CreateClient(TestAccounts.County(Kunshan))
            .PostAsync("/api/routing/recommendations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, host.Query(db => db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>().Count()));
    }
}
