using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain;

namespace IpPlatform.Eligibility.Tests;

/// <summary>A new year's call is data: published through the API, no code change.</summary>
public sealed class NextYearCallTests : EligibilityServiceTest
{
    static readonly DateOnly Deadline2023 = new(2023, 1, 31);

    /// <summary>The 2022 call cloned as "2023": industrial-brand R&amp;D threshold 3 % → 4 %, new deadline, quota 5 → 3.</summary>
    static CallDocument Call2023(Func<IReadOnlyDictionary<string, decimal>, IReadOnlyDictionary<string, decimal>>? parameters = null)
    {
        var call2022 = ShippedCalls.Call2022();
        return call2022 with
        {
            Id = "2023",
            TitleZh = "关于组织申报2023年度省知识产权战略推进计划项目的通知",
            NoticeNumber = null,
            Tracks = [.. call2022.Tracks.Select(t => t.Id != "industrial-brand" ? t : t with
            {
                OnlineDeadline = Deadline2023,
                Quota = t.Quota with { PerCity = 3 },
                Parameters = (parameters ?? (p => p))(new Dictionary<string, decimal>(t.Parameters)
                {
                    [ParameterNames.RdShareOfSalesMin] = 0.04m,
                }),
            })],
        };
    }

    Task<HttpResponseMessage> PublishCall(CallDocument call) =>
        Admin.PostAsJsonAsync("/api/eligibility/calls", call, DocumentJson.Options);

    [Fact]
    public async Task A_2023_call_is_published_as_data_and_its_new_figures_decide()
    {
        var response = await PublishCall(Call2023());

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.EndsWith("/api/eligibility/calls/2023", response.Headers.Location!.ToString());

        Assert.True(await Service.Harness.Published.Any<CallPublished>(m => m.Context.Message.Call.Id == "2023"));
        var published = Service.Harness.Published.Select<CallPublished>(m => m.Context.Message.Call.Id == "2023").Single().Context.Message.Call;
        var brand = published.FindTrack("industrial-brand")!;
        Assert.Equal(0.04m, brand.Parameters[ParameterNames.RdShareOfSalesMin]);
        Assert.Equal(Deadline2023, brand.OnlineDeadline);
        Assert.Equal(QuotaKind.PerCity, brand.Quota.Kind);
        Assert.Equal(3, brand.Quota.PerCity);
        Assert.Equal(JsonSerializer.Serialize(ShippedCalls.Call2022().FindTrack("hvp-new"), DocumentJson.Options),
            JsonSerializer.Serialize(published.FindTrack("hvp-new"), DocumentJson.Options)); // the other tracks are unchanged

        var listed = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls");
        var summary = listed.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "2023");
        Assert.Equal("2023-01-31", summary.GetProperty("tracks").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == "industrial-brand").GetProperty("onlineDeadline").GetString());

        // R&D at 3.5 % of sales: enough in 2022 (≥ 3 %), not in 2023 (≥ 4 %).
        var code = Samples.Code(30);
        var under2022 = await Precheck(Samples.IndustrialBrand(code, "2022-rehearsal", rdCny: 28_000_000m));
        var under2023 = await Precheck(Samples.IndustrialBrand(code, "2023", rdCny: 28_000_000m));

        Assert.Equal("Eligible", Outcome(under2022));
        Assert.Equal("Ineligible", Outcome(under2023));
        var rd = Finding(under2023, "IB-RD");
        Assert.Equal("Fail", rd.GetProperty("result").GetString());
        Assert.Contains("3.50 %", rd.GetProperty("messageEn").GetString());
        Assert.Contains("4.00 %", rd.GetProperty("messageEn").GetString());
        Assert.Contains("4.00%", rd.GetProperty("messageZh").GetString());
        Assert.DoesNotContain(under2023.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() != "IB-RD" && f.GetProperty("result").GetString() != "Pass");
    }

    [Fact]
    public async Task Republishing_a_call_replaces_it()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);
        var stricter = Call2023(p => new Dictionary<string, decimal>(p) { [ParameterNames.RdShareOfSalesMin] = 0.05m });

        Assert.Equal(HttpStatusCode.Created, (await PublishCall(stricter)).StatusCode);

        var call = await Client.GetFromJsonAsync<CallDocument>("/api/eligibility/calls/2023", DocumentJson.Options);
        Assert.Equal(0.05m, call!.FindTrack("industrial-brand")!.Parameters[ParameterNames.RdShareOfSalesMin]);
        Assert.Equal(1, InDatabase(db => db.Calls.Count(c => c.Id == "2023")));
        await WaitFor(() => Task.FromResult<int?>(Service.Harness.Published.Select<CallPublished>(m => m.Context.Message.Call.Id == "2023").Count()),
            n => n == 2, "both publications of 2023 dispatched");
    }

    [Fact]
    public async Task A_call_missing_a_parameter_is_a_400_naming_its_path_and_nothing_is_published()
    {
        var invalid = Call2023(p => p.Where(kv => kv.Key != ParameterNames.RdShareOfSalesMin).ToDictionary());
        var index = invalid.Tracks.ToList().FindIndex(t => t.Id == "industrial-brand");

        var response = await PublishCall(invalid);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var path = $"tracks[{index}].parameters.{ParameterNames.RdShareOfSalesMin}";
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"errors should name {path}: {problem}");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/eligibility/calls/2023")).StatusCode);
        Assert.Equal(0, InDatabase(db => db.Calls.Count(c => c.Id == "2023")));
        Assert.Equal(2, InDatabase(db => db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>().Count())); // the two shipped calls only
    }

    [Fact]
    public async Task A_precheck_naming_a_track_the_new_call_lacks_is_a_400()
    {
        var only = ShippedCalls.Call2022() with { Id = "2023-ib-only", Tracks = [ShippedCalls.Call2022().FindTrack("industrial-brand")!] };
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(only)).StatusCode);

        var document = Samples.HvpNewEnterprise(Samples.Code(31));
        document["callId"] = "2023-ib-only";
        var response = await Client.PostAsJsonAsync("/api/eligibility/precheck", document);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("track", out _), problem.ToString());
    }
}
