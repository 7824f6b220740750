using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Routing.Recommendations;
using IpPlatform.Testing;
using MiniExcelLibs;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>The city's summary table through the API: JSON, XLSX, order, delivery at the deadline minute, bad input.</summary>
public sealed class SummaryTablesApiTests : IAsyncLifetime
{
    // 16:00 in Shanghai on the deadline day (17:00 local = 09:00 UTC).
    readonly FakeClock clock = new(new DateTimeOffset(2022, 2, 9, 8, 0, 0, TimeSpan.Zero));
    RoutingHost host = null!;

    public async ValueTask InitializeAsync() => host = await RoutingHost.StartAsync(clock);
    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    static string Url(string city = Suzhou, string call = CallId) => $"/api/routing/summary-tables/{call}/{city}";

    HttpClient As(TestAccount account) => host.Service.CreateClient(account);

    /// <summary>An industrial-brand application of Kunshan recommended by Kunshan and then Suzhou.</summary>
    async Task<Guid> Forwarded(string name, decimal? funds)
    {
        var id = await host.Arrive(Submitted(name: name, project: name + "项目", funds: funds));
        await host.Recommended(id, TestAccounts.County(Kunshan), $"县局同意{name}");
        await host.Recommended(id, TestAccounts.City(Suzhou), $"市局推荐{name}");
        return id;
    }

    /// <summary>甲, 乙, 丙 forwarded in that order; a university at the city level; and cases that are not Suzhou's forwarded ones.</summary>
    async Task<(Guid A, Guid B, Guid C, Guid Univ)> Scenario()
    {
        var a = await Forwarded("甲", 100_000m);
        var b = await Forwarded("乙", 200_000.5m);
        var c = await Forwarded("丙", 300_000m);
        var univ = await host.Arrive(Submitted(track: "univ-operation", kind: ApplicantKind.University, region: Suzhou, name: "苏州某大学", funds: 1_000_000m));
        await host.Recommended(univ, TestAccounts.City(Suzhou), "市局推荐大学");
        var atCounty = await host.Arrive(Submitted(name: "未推荐"));
        var nanjing = await host.Arrive(Submitted(name: "南京企业", region: "320102"));
        await host.Recommended(nanjing, TestAccounts.County("320102"));
        await host.Recommended(nanjing, TestAccounts.City(Nanjing));
        return (a, b, c, univ);
    }

    async Task<JsonElement> Table(TestAccount? reader = null) =>
        await As(reader ?? TestAccounts.City(Suzhou)).GetFromJsonAsync<JsonElement>(Url());

    static JsonElement TrackOf(JsonElement table, string trackId) =>
        table.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("trackId").GetString() == trackId);

    static List<string?> Names(JsonElement track) => [.. track.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("applicantName").GetString())];

    [Fact]
    public async Task The_table_lists_per_track_what_the_city_forwarded_in_its_order_with_opinions_and_totals()
    {
        await Scenario();

        var table = await Table(TestAccounts.CityGovernment(Suzhou));

        Assert.Equal((CallId, Suzhou, "苏州市"), (table.GetProperty("callId").GetString(), table.GetProperty("cityCode").GetString(), table.GetProperty("cityName").GetString()));
        Assert.Equal(Call().Tracks.Select(t => t.Id), table.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("trackId").GetString()));
        var industrial = TrackOf(table, "industrial-brand");
        Assert.Equal(["甲", "乙", "丙"], Names(industrial));
        var first = industrial.GetProperty("rows")[0];
        Assert.Equal((1, "91320583MA1P2K3L4X", "甲项目", 100_000m, "县局同意甲", "市局推荐甲"),
            (first.GetProperty("no").GetInt32(), first.GetProperty("creditCode").GetString(), first.GetProperty("projectName").GetString(),
             first.GetProperty("provincialFundsCny").GetDecimal(), first.GetProperty("countyOpinion").GetString(), first.GetProperty("cityOpinion").GetString()));
        Assert.Equal((3, 600_000.5m), (industrial.GetProperty("count").GetInt32(), industrial.GetProperty("requestedCny").GetDecimal()));
        Assert.Equal("2022-02-09T17:00", industrial.GetProperty("deadlineAt").GetString());
        Assert.Equal(JsonValueKind.Null, industrial.GetProperty("delivery").ValueKind);
        var univ = TrackOf(table, "univ-operation").GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(("苏州某大学", "—"), (univ.GetProperty("applicantName").GetString(), univ.GetProperty("countyOpinion").GetString()));
        Assert.Equal((4, 1_600_000.5m), (table.GetProperty("totalCount").GetInt32(), table.GetProperty("totalRequestedCny").GetDecimal()));
        Assert.Matches("^[0-9a-f]{64}$", table.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task The_city_office_sets_the_order_of_a_track_and_bad_orders_are_refused_field_by_field()
    {
        var (a, b, c, _) = await Scenario();
        var before = TrackOf(await Table(), "industrial-brand").GetProperty("fingerprint").GetString();
        var url = $"{Url()}/industrial-brand/order";

        var response = await As(TestAccounts.City(Suzhou)).PutAsJsonAsync(url, new { applicationIds = new[] { c, a, b } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ordered = TrackOf(await Table(TestAccounts.Province), "industrial-brand");
        Assert.Equal(["丙", "甲", "乙"], Names(ordered));
        Assert.Equal([1, 2, 3], ordered.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("no").GetInt32()));
        Assert.True(ordered.GetProperty("customOrder").GetBoolean());
        Assert.NotEqual(before, ordered.GetProperty("fingerprint").GetString());

        foreach (var bad in new object[] { new { applicationIds = new[] { c, a } }, new { applicationIds = new[] { c, a, a } }, new { applicationIds = new[] { c, a, Guid.NewGuid() } }, new { } })
        {
            var refused = await As(TestAccounts.City(Suzhou)).PutAsJsonAsync(url, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("applicationIds", out _));
        }
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Nanjing)).PutAsJsonAsync(url, new { applicationIds = new[] { a, b, c } }),
            HttpStatusCode.Forbidden, "outside-jurisdiction");
        Assert.Equal(HttpStatusCode.Forbidden, (await As(TestAccounts.CityGovernment(Suzhou)).PutAsJsonAsync(url, new { applicationIds = new[] { a, b, c } })).StatusCode);
        Assert.Equal(["丙", "甲", "乙"], Names(TrackOf(await Table(), "industrial-brand")));
    }

    [Fact]
    public async Task The_xlsx_has_a_sheet_per_track_with_a_chinese_header_the_rows_in_order_and_totals()
    {
        var (a, b, c, _) = await Scenario();
        Assert.Equal(HttpStatusCode.OK, (await As(TestAccounts.City(Suzhou)).PutAsJsonAsync($"{Url()}/industrial-brand/order", new { applicationIds = new[] { b, c, a } })).StatusCode);

        var response = await As(TestAccounts.Province).GetAsync($"{Url()}.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(xlsx);
        Assert.Equal([.. Call().Tracks.Select(t => t.ProgrammeZh), "合计"], sheets);

        var rows = xlsx.Query(useHeaderRow: true, sheetName: "商标品牌培育和保护（工业品牌）").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(SummaryTableExports.Headers, rows[0].Keys);
        Assert.Equal(["乙", "丙", "甲", "3 项"], rows.Select(r => r["申报单位"]?.ToString()));
        Assert.Equal(["1", "2", "3", "合计"], rows.Select(r => r["序号"]?.ToString()));
        Assert.Equal("乙项目", rows[0]["项目名称"]);
        Assert.Equal(("县局同意乙", "市局推荐乙"), (rows[0]["县级推荐意见"], rows[0]["市级推荐意见"]));
        Assert.Equal(600_000.5m, Convert.ToDecimal(rows[3]["申请省级财政资金（元）"]));

        var totals = xlsx.Query(useHeaderRow: true, sheetName: "合计").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(("合计", 4m, 1_600_000.5m), (totals[^1]["项目类别"], Convert.ToDecimal(totals[^1]["推荐项目数"]), Convert.ToDecimal(totals[^1]["申请省级财政资金合计（元）"])));
        Assert.Equal((await Table()).GetProperty("fingerprint").GetString(), totals[^1]["指纹（SHA-256）"]);
    }

    [Fact]
    public async Task The_pdf_is_a4_landscape_with_the_rows_in_order_the_totals_and_the_tables_fingerprint()
    {
        var (a, b, c, _) = await Scenario();
        Assert.Equal(HttpStatusCode.OK, (await As(TestAccounts.City(Suzhou)).PutAsJsonAsync($"{Url()}/industrial-brand/order", new { applicationIds = new[] { c, a, b } })).StatusCode);
        var fingerprint = (await Table()).GetProperty("fingerprint").GetString()!;

        var response = await As(TestAccounts.CityGovernment(Suzhou)).GetAsync($"{Url()}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = pdf.GetPage(1);
        Assert.True(page.Width > page.Height, "landscape");
        Assert.Equal(841.89, page.Width, 0.5);
        var text = string.Concat(pdf.GetPages().SelectMany(p => p.Text).Where(ch => !char.IsWhiteSpace(ch)));
        Assert.StartsWith("苏州市申报汇总表", text);
        Assert.Contains("1丙91320583MA1P2K3L4X丙项目300000.00县局同意丙市局推荐丙", text);
        Assert.True(text.IndexOf("丙项目", StringComparison.Ordinal) < text.IndexOf("甲项目", StringComparison.Ordinal), "the city's order");
        Assert.Contains("合计3项600000.50", text);
        Assert.Contains("合计：4项，申请省级财政资金1600000.50元", text);
        Assert.Contains(string.Concat(IpPlatform.Printing.FingerprintText.Grouped(fingerprint).Where(ch => ch != ' ')), text);
        Assert.Contains(IpPlatform.Printing.FingerprintText.Short(fingerprint), text);
    }

    [Fact]
    public async Task Delivery_goes_through_within_the_deadline_minute_freezes_the_table_and_is_refused_from_the_next_minute()
    {
        var (a, b, c, _) = await Scenario();
        var shown = TrackOf(await Table(), "industrial-brand").GetProperty("fingerprint").GetString();

        clock.Set(new DateTimeOffset(2022, 2, 9, 9, 0, 59, TimeSpan.Zero)); // 17:00:59 in Shanghai: the last second of the deadline minute
        var delivered = await As(TestAccounts.City(Suzhou)).PostAsync($"{Url()}/industrial-brand/delivery", null);

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var delivery = (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery");
        Assert.Equal((shown, "city-320500"), (delivery.GetProperty("fingerprint").GetString(), delivery.GetProperty("by").GetString()));
        Assert.Equal(1, host.Query(db => db.Set<AuditEntry>().Count(e => e.Action == "SummaryTableDelivered" && e.Subject == $"{CallId}/{Suzhou}/industrial-brand")));

        clock.Set(new DateTimeOffset(2022, 2, 9, 9, 1, 0, TimeSpan.Zero)); // 17:01:00: late
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Suzhou)).PostAsync($"{Url()}/univ-operation/delivery", null),
            HttpStatusCode.Conflict, "summary-deadline-passed");
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Suzhou)).PostAsync($"{Url()}/industrial-brand/delivery", null),
            HttpStatusCode.Conflict, "summary-delivered");
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Suzhou)).PutAsJsonAsync($"{Url()}/industrial-brand/order", new { applicationIds = new[] { c, b, a } }),
            HttpStatusCode.Conflict, "summary-delivered");

        // What the city delivered is its list for the track: it recommends nothing more on it.
        var late = await host.Arrive(Submitted(name: "迟到"));
        await host.Recommended(late, TestAccounts.County("320583"));
        await RoutingHost.AssertRefused(await host.Recommend(late, TestAccounts.City(Suzhou)), HttpStatusCode.Conflict, "summary-delivered");

        // The province returns 甲 after delivery: the delivered table still shows what the city delivered.
        await host.Service.PublishAsync(new ApplicationReturned(a, OfficeLevel.Province, "320000", "材料不实", clock.GetUtcNow()));
        await Eventually.Get(() => host.Case(a), x => x.ValueKind == JsonValueKind.Object && x.GetProperty("status").GetString() == "Returned", what: "甲 returned");
        var after = TrackOf(await Table(), "industrial-brand");
        Assert.Equal(["甲", "乙", "丙"], Names(after));
        Assert.Equal(shown, after.GetProperty("fingerprint").GetString());
        Assert.Equal(JsonValueKind.Null, TrackOf(await Table(), "univ-operation").GetProperty("delivery").ValueKind); // the late one stays undelivered
    }

    [Fact]
    public async Task Bad_input_is_a_clear_problem_document()
    {
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Suzhou)).GetAsync(Url(call: "1999")), HttpStatusCode.NotFound, "unknown-call");
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Suzhou)).PostAsync($"{Url()}/no-such-track/delivery", null), HttpStatusCode.NotFound, "unknown-track");
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Nanjing)).GetAsync(Url()), HttpStatusCode.Forbidden, "outside-jurisdiction");
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Nanjing)).GetAsync($"{Url()}.xlsx"), HttpStatusCode.Forbidden, "outside-jurisdiction");
        await RoutingHost.AssertRefused(await As(TestAccounts.City(Nanjing)).PostAsync($"{Url()}/industrial-brand/delivery", null), HttpStatusCode.Forbidden, "outside-jurisdiction");

        foreach (var url in new[] { Url(city: Kunshan), $"{Url(city: Kunshan)}.xlsx", Url(city: "999999") })
        {
            var response = await As(TestAccounts.Province).GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("cityCode", out var messages), url);
            if (url.Contains(Kunshan)) Assert.Contains("320500", messages[0].GetString());
        }
    }
}
