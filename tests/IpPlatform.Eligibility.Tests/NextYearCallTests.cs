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
                // The minute deadlines follow the day, or the validator refuses the call.
                OnlineDeadlineAt = LocalMinute.EndOf(Deadline2023),
                PaperDeadlineAt = new LocalMinute(Deadline2023.AddDays(5), 17, 0),
                SummaryTableDeadlineAt = new LocalMinute(Deadline2023.AddDays(10), 17, 0),
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
        Assert.EndsWith("/api/eligibility/calls/2023/versions/1", response.Headers.Location!.ToString());

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
    public async Task Publishing_the_same_content_again_is_a_no_op_and_other_content_under_the_same_id_is_a_409()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);
        var reordered = Call2023(p => p.Reverse().ToDictionary());

        var again = await PublishCall(reordered);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var stricter = Call2023(p => new Dictionary<string, decimal>(p) { [ParameterNames.RdShareOfSalesMin] = 0.05m });
        var overwrite = await PublishCall(stricter);
        Assert.Equal(HttpStatusCode.Conflict, overwrite.StatusCode);
        var problem = await overwrite.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("call-published", problem.GetProperty("code").GetString());
        Assert.Contains("/api/eligibility/calls/2023/versions", problem.GetProperty("detail").GetString());

        var call = await Client.GetFromJsonAsync<CallDocument>("/api/eligibility/calls/2023", DocumentJson.Options);
        Assert.Equal(0.04m, call!.FindTrack("industrial-brand")!.Parameters[ParameterNames.RdShareOfSalesMin]);
        Assert.Equal(1, InDatabase(db => db.CallVersions.Count(c => c.CallId == "2023")));
        Assert.Equal(3, InDatabase(db => db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>().Count())); // the two shipped calls and 2023 once
    }

    [Fact]
    public async Task A_correction_is_the_next_version_with_its_reason_and_the_first_stays_readable()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);
        var stricter = Call2023(p => new Dictionary<string, decimal>(p) { [ParameterNames.RdShareOfSalesMin] = 0.05m });

        var corrected = await Admin.PostAsJsonAsync("/api/eligibility/calls/2023/versions", new { reason = "勘误：研发投入占比应为5%", call = stricter }, DocumentJson.Options);

        Assert.True(corrected.StatusCode == HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        Assert.EndsWith("/api/eligibility/calls/2023/versions/2", corrected.Headers.Location!.ToString());
        var current = await Client.GetAsync("/api/eligibility/calls/2023");
        Assert.Equal("2", Assert.Single(current.Headers.GetValues("Call-Version")));
        var currentCall = await current.Content.ReadFromJsonAsync<CallDocument>(DocumentJson.Options);
        Assert.Equal(0.05m, currentCall!.FindTrack("industrial-brand")!.Parameters[ParameterNames.RdShareOfSalesMin]);

        var versions = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls/2023/versions");
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("勘误：研发投入占比应为5%", versions[1].GetProperty("reason").GetString());
        Assert.EndsWith("Z", versions[1].GetProperty("publishedAt").GetString());

        var first = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls/2023/versions/1");
        Assert.Equal(0.04m, first.GetProperty("call").GetProperty("tracks").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == "industrial-brand").GetProperty("parameters").GetProperty("rdShareOfSalesMin").GetDecimal());

        var diff = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls/diff?from=2023@1&to=2023@2");
        var change = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("tracks[industrial-brand].parameters.rdShareOfSalesMin", change.GetProperty("path").GetString());
        Assert.Equal(0.04m, change.GetProperty("before").GetDecimal());
        Assert.Equal(0.05m, change.GetProperty("after").GetDecimal());

        // Staged in the outbox with the change (dispatch itself is the infrastructure's tests' concern).
        var staged = InDatabase(db => db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>()
            .Where(m => m.MessageType.Contains("CallPublished")).Select(m => m.Body).ToList());
        Assert.Equal(4, staged.Count); // the two shipped calls, 2023 version 1 and version 2
        var second = Assert.Single(staged.Select(b => JsonSerializer.Deserialize<CallPublished>(b, IpPlatform.Infrastructure.Messaging.Outbox.Json)!),
            m => m.Call.Id == "2023" && m.Version == 2);
        Assert.Equal(0.05m, second.Call.FindTrack("industrial-brand")!.Parameters[ParameterNames.RdShareOfSalesMin]);
        Assert.Equal("勘误：研发投入占比应为5%", second.Reason);
    }

    [Fact]
    public async Task A_correction_without_a_reason_or_under_another_id_is_a_400_naming_the_field()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);

        var response = await Admin.PostAsJsonAsync("/api/eligibility/calls/2023/versions", new { reason = " ", call = Call2023() with { Id = "2024" } }, DocumentJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("reason", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("call.id", out _), errors.ToString());
        Assert.Equal(1, InDatabase(db => db.CallVersions.Count(c => c.CallId == "2023")));
    }

    [Fact]
    public async Task The_diff_between_two_years_lists_each_changed_field()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);

        var diff = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls/diff?from=2022&to=2023@1");

        Assert.Equal(1, diff.GetProperty("from").GetProperty("version").GetInt32());
        var paths = diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()).ToList();
        Assert.Contains("id", paths);
        Assert.Contains("tracks[industrial-brand].onlineDeadline", paths);
        Assert.Contains("tracks[industrial-brand].quota.perCity", paths);
        Assert.Contains("tracks[industrial-brand].parameters.rdShareOfSalesMin", paths);
        Assert.DoesNotContain(paths, p => p!.StartsWith("tracks[hvp-new]", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/eligibility/calls/diff?from=2022@x&to=2023")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/eligibility/calls/diff?from=2022@9&to=2023")).StatusCode);
    }

    [Fact]
    public async Task A_call_with_an_unknown_time_zone_or_trigger_is_a_400_naming_each_field()
    {
        var call = Call2023() with { TimeZone = "Mars/Olympus" };
        call = call with
        {
            Tracks = [.. call.Tracks.Select((t, i) => i == 2 ? t with { Tranches = [t.Tranches[0] with { Trigger = "Whenever" }, .. t.Tranches.Skip(1)] } : t)],
        };

        var response = await PublishCall(call);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("timeZone", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("tracks[2].tranches[0].trigger", out _), errors.ToString());
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
    [Fact]
    public async Task A_correction_of_content_routing_and_deadlines_is_published_diffed_and_read_back()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);
        var v1 = Call2023();
        var v2 = v1 with
        {
            Tracks = [.. v1.Tracks.Select(t => t.Id != "industrial-brand" ? t : t with
            {
                PaperDeadlineAt = new LocalMinute(Deadline2023.AddDays(7), 17, 0),
                Content = t.Content with
                {
                    Targets = [.. t.Content.Targets.Select(x => x.Id == "own-brand-sales-growth" ? x with { Minimum = 12m } : x)],
                    Materials = [.. t.Content.Materials, new MaterialDefinition("brand-valuation", "商标品牌价值评估报告") { Required = false }],
                    MaxProvincialFundsCny = 800_000m,
                },
            })],
        };

        var corrected = await Admin.PostAsJsonAsync("/api/eligibility/calls/2023/versions", new { reason = "补充材料与资助上限", call = v2 }, DocumentJson.Options);

        Assert.True(corrected.StatusCode == HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        var diff = await Client.GetFromJsonAsync<JsonElement>("/api/eligibility/calls/diff?from=2023@1&to=2023@2");
        Assert.Equal(
            [
                "tracks[industrial-brand].content.materials[brand-valuation]",
                "tracks[industrial-brand].content.maxProvincialFundsCny",
                "tracks[industrial-brand].content.targets[own-brand-sales-growth].minimum",
                "tracks[industrial-brand].paperDeadlineAt",
            ],
            diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        var current = await Client.GetFromJsonAsync<CallDocument>("/api/eligibility/calls/2023", DocumentJson.Options);
        var brand = current!.FindTrack("industrial-brand")!;
        Assert.Equal(800_000m, brand.Content.MaxProvincialFundsCny);
        Assert.Equal("brand-valuation", brand.Content.Materials[^1].Id);
        Assert.Equal(new LocalMinute(Deadline2023.AddDays(7), 17, 0), brand.PaperDeadlineAt);
        var staged = InDatabase(db => db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>()
            .Where(m => m.MessageType.Contains("CallPublished")).Select(m => m.Body).ToList());
        var published = Assert.Single(staged.Select(b => JsonSerializer.Deserialize<CallPublished>(b, IpPlatform.Infrastructure.Messaging.Outbox.Json)!),
            m => m.Call.Id == "2023" && m.Version == 2);
        Assert.Equal(12m, published.Call.FindTrack("industrial-brand")!.Content.Targets.Single(x => x.Id == "own-brand-sales-growth").Minimum);

        // A precheck under the corrected call shows its paper deadline.
        var precheck = await Precheck(Samples.IndustrialBrand(Samples.Code(31), "2023"));
        Assert.Equal("2023-02-07T17:00", precheck.GetProperty("deadlines").GetProperty("paper").GetProperty("local").GetString());
    }

    [Fact]
    public async Task A_correction_with_bad_content_is_a_400_naming_the_field()
    {
        Assert.Equal(HttpStatusCode.Created, (await PublishCall(Call2023())).StatusCode);
        var v1 = Call2023();
        var bad = v1 with
        {
            Tracks = [.. v1.Tracks.Select(t => t.Id != "industrial-brand" ? t : t with
            {
                Content = t.Content with { Materials = [t.Content.Materials[0] with { AllowedTypes = ["exe"] }] },
            })],
        };

        var response = await Admin.PostAsJsonAsync("/api/eligibility/calls/2023/versions", new { reason = "试错", call = bad }, DocumentJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.EndsWith("tracks[2].content.materials[0].allowedTypes", StringComparison.Ordinal));
        Assert.Equal(1, InDatabase(db => db.CallVersions.Count(c => c.CallId == "2023")));
    }
}
