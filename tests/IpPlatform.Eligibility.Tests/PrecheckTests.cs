using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Eligibility.Tests;

public sealed class ShippedCallsTests : EligibilityServiceTest
{
    [Fact]
    public async Task Shipped_calls_are_listed_and_published()
    {
        var calls = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls");

        var ids = calls.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("2022", ids);
        Assert.Contains("2022-rehearsal", ids);
        Assert.True(await Service.Harness.Published.Any<CallPublished>(m => m.Context.Message.Call.Id == "2022"));
        await ShippedCallsPublished();
        var rehearsal = Service.Harness.Published.Select<CallPublished>(m => m.Context.Message.Call.Id == "2022-rehearsal").First().Context.Message.Call;
        Assert.True(rehearsal.Rehearsal);
        Assert.Equal(7, rehearsal.Tracks.Count);
    }

    [Fact]
    public async Task A_shipped_call_can_be_read_whole_and_an_unknown_one_is_404()
    {
        var call = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls/2022");
        Assert.Equal("苏知发〔2021〕140号", call.GetProperty("noticeNumber").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/eligibility/calls/1999")).StatusCode);
    }
}

public sealed class PrecheckTests : EligibilityServiceTest
{
    static readonly string[] Outcomes = ["Eligible", "Ineligible", "NeedsReview"];
    static readonly string[] Results = ["Pass", "Fail", "Exempt", "Unknown"];

    /// <summary>The response has exactly the public shape of application-facts.md, enums as strings.</summary>
    static void AssertContractShape(JsonElement body)
    {
        // The contract's fields first and unchanged; deadlines were added after them.
        Assert.Equal(["outcome", "findings", "deadlines"], body.EnumerateObject().Select(p => p.Name));
        Assert.Contains(body.GetProperty("outcome").GetString(), Outcomes);
        Assert.NotEmpty(body.GetProperty("findings").EnumerateArray());
        foreach (var finding in body.GetProperty("findings").EnumerateArray())
        {
            // A gap appears only on a finding that needs something; a passing finding keeps exactly the contract's shape.
            var names = finding.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["ruleId", "result", "messageZh", "messageEn"], names.Take(4));
            Assert.Subset(new HashSet<string> { "gapZh", "gapEn" }, names.Skip(4).ToHashSet());
            if (finding.GetProperty("result").GetString() is "Pass" or "Exempt") Assert.Equal(4, names.Count);
            Assert.Equal(JsonValueKind.String, finding.GetProperty("result").ValueKind);
            Assert.Contains(finding.GetProperty("result").GetString(), Results);
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("messageZh").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("messageEn").GetString()));
        }
    }

    [Fact]
    public async Task An_industrial_brand_document_meeting_every_rule_is_Eligible()
    {
        var body = await Precheck(Samples.IndustrialBrand(Samples.Code(1)));

        AssertContractShape(body);
        Assert.Equal("Eligible", Outcome(body));
        Assert.All(body.GetProperty("findings").EnumerateArray(), f => Assert.Contains(f.GetProperty("result").GetString(), new[] { "Pass", "Exempt" }));
        Assert.Equal("Pass", Result(body, "IB-RD"));
        Assert.Equal("Pass", Result(body, "IB-NOT-UNDERTAKING"));
    }

    [Fact]
    public async Task RD_below_3_percent_of_sales_is_Ineligible_with_the_figures_in_both_languages()
    {
        var body = await Precheck(Samples.IndustrialBrand(Samples.Code(2), rdCny: 23_200_000m)); // 2.90 %

        AssertContractShape(body);
        Assert.Equal("Ineligible", Outcome(body));
        var rd = Finding(body, "IB-RD");
        Assert.Equal("Fail", rd.GetProperty("result").GetString());
        Assert.Contains("2.90 %", rd.GetProperty("messageEn").GetString());
        Assert.Contains("3.00 %", rd.GetProperty("messageEn").GetString());
        Assert.Contains("3.00%", rd.GetProperty("messageZh").GetString());
        // 3 % of ¥800,000,000 is ¥24,000,000; ¥23,200,000 was spent.
        Assert.Equal("¥800,000 more R&D spending in 2021 (to reach 3.00 %)", rd.GetProperty("gapEn").GetString());
        Assert.Equal("2021 年研发费用还需增加 ¥800,000（达到 3.00%）", rd.GetProperty("gapZh").GetString());
    }

    [Fact]
    public async Task An_absent_fact_a_rule_needs_makes_it_Unknown_and_the_outcome_NeedsReview()
    {
        var document = Samples.IndustrialBrand(Samples.Code(3));
        document["facts"]!.AsObject().Remove("nationalMarketLeader");

        var body = await Precheck(document);

        AssertContractShape(body);
        Assert.Equal("NeedsReview", Outcome(body));
        Assert.Equal("Unknown", Result(body, "IB-MARKET"));
        Assert.DoesNotContain(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("result").GetString() == "Fail");
    }

    [Fact]
    public async Task Other_tracks_are_assessed_with_their_own_rules()
    {
        var hvp = await Precheck(Samples.HvpNewEnterprise(Samples.Code(4)));
        var university = await Precheck(Samples.UnivOperation(Samples.Code(5, '1')));
        var gi = await Precheck(Samples.GiBrand(Samples.Code(6, '1'), "CountyGovernment", "320585"));

        Assert.Equal("Eligible", Outcome(hvp));
        Assert.Equal("Pass", Result(hvp, "HVPN-ENT-RD"));
        Assert.Equal("Eligible", Outcome(university));
        Assert.Equal("Pass", Result(university, "UO-CONVERSION"));
        Assert.Equal("Eligible", Outcome(gi));
        Assert.Equal("Pass", Result(gi, "GI-UNIQUE"));
    }

    [Fact]
    public async Task Precheck_stores_nothing_and_publishes_nothing()
    {
        // Let the seeding's CallPublished events leave the outbox first, so only the precheck could add anything.
        await ShippedCallsPublished();
        var before = CountRowsOfEveryTable();
        var publishedBefore = Service.Harness.Published.Select(_ => true).Count();
        Assert.Contains("OutboxMessages", before.Keys);
        Assert.Contains("InboxMessages", before.Keys);
        Assert.Contains("Assessments", before.Keys);

        await Precheck(Samples.IndustrialBrand(Samples.Code(7)));
        await Precheck(Samples.IndustrialBrand(Samples.Code(8), rdCny: 1m));
        await Precheck(Samples.GiBrand(Samples.Code(9, '1'), "CityGovernment", "320500"));
        await Precheck(Samples.HvpNewEnterprise(Samples.Code(10)));

        Assert.Equal(before, CountRowsOfEveryTable());
        await Task.Delay(300); // an event would be dispatched within this
        Assert.Equal(publishedBefore, Service.Harness.Published.Select(_ => true).Count());
    }
}
