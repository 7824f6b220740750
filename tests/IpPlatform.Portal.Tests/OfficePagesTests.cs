using System.Net;
using System.Text.Json;
using IpPlatform.Portal.Api;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>The worklist's pages and bulk acts, the city's quota use and the summary table's order, through the portal's HTTP.</summary>
public sealed class OfficePagesTests : IDisposable
{
    readonly PortalHost portal = new();

    public void Dispose() => portal.Dispose();

    static readonly Guid First = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001");
    static readonly Guid Second = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000002");
    static readonly Guid Draft = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000003");

    const string Calls = """
        [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
          "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"},
                    {"id":"patent-navigation","programmeZh":"专利导航","onlineDeadline":"2022-05-20"}]}]
        """;

    static string Applications(int total = 3) => $$"""
        {"items":[
          {"id":"{{First}}","callId":"2022","track":"industrial-brand","status":"Submitted","applicantName":"昆山甲公司","creditCode":"91320583MA1XXXXXX1","regionCode":"320583","createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-02T01:00:00Z"},
          {"id":"{{Second}}","callId":"2022","track":"industrial-brand","status":"Submitted","applicantName":"昆山乙公司","creditCode":"91320583MA1XXXXXX2","regionCode":"320583","createdAt":"2022-05-01T02:00:00Z","submittedAt":"2022-05-02T02:00:00Z"},
          {"id":"{{Draft}}","callId":"2022","track":"industrial-brand","status":"Draft","applicantName":"昆山丙公司","creditCode":"91320583MA1XXXXXX3","regionCode":"320583","createdAt":"2022-05-01T03:00:00Z","submittedAt":null}],
         "page":1,"pageSize":50,"total":{{total}}}
        """;

    HttpClient County()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/applications", Applications());
        return portal.SignedIn(PlatformRoles.CountyOffice, "320583");
    }

    /// <summary>The ids and texts of the items the portal sent in its one bulk request.</summary>
    List<(Guid Id, string? Text)> BulkSent(string path, string textField)
    {
        var sent = Assert.Single(portal.Gateway.Sent("POST", path));
        using var body = JsonDocument.Parse(sent.Body!);
        return [.. body.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("applicationId").GetGuid(), i.GetProperty(textField).GetString()))];
    }

    [Fact]
    public async Task The_worklist_asks_Intake_for_the_page_in_the_address_and_links_the_pages_before_and_after()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/applications", Applications(total: 120));

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CityOffice, "320500"), "/office/worklist?page=2");

        Assert.Contains(portal.Gateway.Sent("GET", "/api/applications"), r => r.PathAndQuery.StartsWith("/api/applications?page=2&pageSize=50&", StringComparison.Ordinal));
        Assert.Contains("第 2 / 3 页", html);
        Assert.Contains("office/worklist?page=1\"", html);
        Assert.Contains("office/worklist?page=3\"", html);
        Assert.Contains("共 120 项", html);
    }

    [Fact]
    public async Task One_page_of_results_has_no_pager_and_drafts_are_not_listed()
    {
        var html = await PortalHost.PageAsync(County(), "/office/worklist");

        Assert.DoesNotContain("data-testid=\"pager\"", html);
        Assert.Contains("昆山甲公司", html);
        Assert.DoesNotContain("昆山丙公司", html);
        // Each row's box has a label naming the applicant; the page has a "select all" box with its label.
        Assert.Contains($"<label for=\"select-{First}\" class=\"sr-only\">选择：昆山甲公司</label>", html);
        Assert.Contains("<label for=\"select-all\" class=\"inline-label\">选择本页全部</label>", html);
    }

    [Fact]
    public async Task A_bulk_recommendation_sends_the_selected_applications_with_one_opinion_and_states_a_partial_success()
    {
        var browser = County();
        portal.Gateway.Answer("POST", "/api/routing/recommendations", $$$"""
            {"total":2,"succeeded":1,"failed":1,"items":[
              {"applicationId":"{{{First}}}","status":200,"caseStatus":"AtOffice","problem":null},
              {"applicationId":"{{{Second}}}","status":409,"caseStatus":null,
               "problem":{"type":"https://ipplatform.jiangsu.example/problems/wrong-level","title":"This item was not carried out","status":409,
                          "detail":"The case is not waiting at county 320583.","code":"wrong-level"}}]}
            """);

        var html = await Forms.SubmitAsync(browser, "/office/worklist", "bulk",
            ("shown", First.ToString()), ("shown", Second.ToString()),
            ("selected", First.ToString()), ("selected", Second.ToString()),
            ("text", "同意推荐"), ("act", "recommend"));

        Assert.Equal([(First, "同意推荐"), (Second, "同意推荐")], BulkSent("/api/routing/recommendations", "opinion"));
        Assert.Contains("部分办理：所选 2 项中 1 项已办理，1 项未办理，原因见下表。", html);
        Assert.Contains($"data-application=\"{First}\" data-outcome=\"done\"", html);
        Assert.Contains($"data-application=\"{Second}\" data-outcome=\"failed\"", html);
        Assert.Contains(IpPlatform.Portal.Texts.PortalTexts.Chinese["problem.wrong-level"], html); // the item's code in the person's words
        // The failed one stays ticked and the opinion stays typed, to try again; the done one is no longer ticked.
        Assert.Matches($"id=\"select-{Second}\"[^>]*\\schecked[\\s>=]", html);
        Assert.DoesNotMatch($"id=\"select-{First}\"[^>]*\\schecked[\\s>=]", html);
        Assert.Contains(">同意推荐</textarea>", html);
    }

    [Fact]
    public async Task Select_all_returns_every_application_shown_on_the_page_with_the_one_reason()
    {
        var browser = County();
        portal.Gateway.Answer("POST", "/api/routing/returns", $$"""
            {"total":2,"succeeded":2,"failed":0,"items":[
              {"applicationId":"{{First}}","status":200,"caseStatus":"Returned","problem":null},
              {"applicationId":"{{Second}}","status":200,"caseStatus":"Returned","problem":null}]}
            """);

        var html = await Forms.SubmitAsync(browser, "/office/worklist", "bulk",
            ("shown", First.ToString()), ("shown", Second.ToString()), ("all", "true"), ("text", "材料不全"), ("act", "return"));

        Assert.Equal([(First, "材料不全"), (Second, "材料不全")], BulkSent("/api/routing/returns", "reason"));
        Assert.Empty(portal.Gateway.Sent("POST", "/api/routing/recommendations"));
        Assert.Contains("所选 2 项已全部办理。", html);
        Assert.Contains("data-testid=\"bulk-summary\"", html);
    }

    [Fact]
    public async Task Nothing_selected_or_no_opinion_is_said_next_to_the_fields_without_asking_Routing()
    {
        var browser = County();

        var html = await Forms.SubmitAsync(browser, "/office/worklist", "bulk",
            ("shown", First.ToString()), ("text", " "), ("act", "recommend"));

        Assert.Empty(portal.Gateway.Sent("POST", "/api/routing/recommendations"));
        Assert.Matches("id=\"selection-errors\"[^>]*>\\s*<li>请至少选择一项申报。</li>", html);
        Assert.Matches("id=\"bulk-text-errors\"[^>]*>\\s*<li>请填写推荐意见或退回理由。</li>", html);
        Assert.Contains("aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task Routings_refusal_of_the_whole_request_shows_its_item_errors_at_the_selection()
    {
        var browser = County();
        portal.Gateway.Answer("POST", "/api/routing/recommendations", """
            {"title":"The bulk request is invalid","status":400,"errors":{"items":["At most 200 items in one request."]}}
            """, status: HttpStatusCode.BadRequest);

        var html = await Forms.SubmitAsync(browser, "/office/worklist", "bulk",
            ("shown", First.ToString()), ("selected", First.ToString()), ("text", "同意"), ("act", "recommend"));

        Assert.Matches("id=\"selection-errors\"[^>]*>\\s*<li>At most 200 items in one request.</li>", html);
        Assert.Matches($"id=\"select-{First}\"[^>]*\\schecked[\\s>=]", html);
    }

    [Fact]
    public async Task An_applicant_may_not_open_the_worklist()
    {
        var response = await portal.SignedIn(PlatformRoles.Applicant, "-").GetAsync("/office/worklist");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(portal.Gateway.Sent("GET", "/api/applications"));
    }

    const string Table = """
        {"callId":"2022","callTitleZh":"2022年度专项资金申报","cityCode":"320500","cityName":"苏州市","totalCount":2,"totalRequestedCny":1300000,"fingerprint":"f",
         "tracks":[{"trackId":"industrial-brand","programmeZh":"工业品牌培育","count":2,"requestedCny":1300000,"fingerprint":"t",
                    "deadlineAt":"2022-05-31T17:00","customOrder":false,"delivery":null,
                    "rows":[{"no":1,"applicationId":"6f1c2d3e-0000-4000-8000-000000000001","applicantName":"昆山甲公司","creditCode":"1",
                             "projectName":"甲项目","provincialFundsCny":500000,"countyOpinion":"同意推荐","cityOpinion":"同意"},
                            {"no":2,"applicationId":"6f1c2d3e-0000-4000-8000-000000000002","applicantName":"昆山乙公司","creditCode":"2",
                             "projectName":"乙项目","provincialFundsCny":800000,"countyOpinion":"同意推荐","cityOpinion":"同意"}]},
                   {"trackId":"patent-navigation","programmeZh":"专利导航","count":0,"requestedCny":0,"fingerprint":"u",
                    "deadlineAt":"2022-05-31T17:00","customOrder":false,"delivery":null,"rows":[]}]}
        """;

    HttpClient City(string role = PlatformRoles.CityOffice)
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/routing/summary-tables/2022/320500", Table);
        portal.Gateway.Answer("GET", "/api/routing/cities/320500/summary", """
            {"callId":"2022","cityCode":"320500","tracks":[
              {"trackId":"industrial-brand","used":3,"limit":5,"limitUnknownReason":null,"applications":[]},
              {"trackId":"patent-navigation","used":1,"limit":null,"limitUnknownReason":null,"applications":[]},
              {"trackId":"high-value","used":0,"limit":null,"limitUnknownReason":"The city's invention-patent grants of last year are needed.","applications":[]}]}
            """);
        return portal.SignedIn(role, "320500");
    }

    [Theory]
    [InlineData(PlatformRoles.CityOffice)]
    [InlineData(PlatformRoles.CityGovernment)]
    public async Task The_summary_page_shows_the_citys_quota_used_and_free_per_track(string role)
    {
        var html = await PortalHost.PageAsync(City(role), "/office/summary");

        Assert.Contains(portal.Gateway.Sent("GET", "/api/routing/cities/320500/summary"), r => r.PathAndQuery.EndsWith("?callId=2022"));
        Assert.Matches("<tr data-track=\"industrial-brand\"><th scope=\"row\">工业品牌培育</th>\\s*<td[^>]*quota-limit\">\\s*5\\s*</td>\\s*<td[^>]*quota-used\">3</td>\\s*<td[^>]*quota-free\">2</td>", html);
        Assert.Matches("(?s)<tr data-track=\"patent-navigation\">.*?quota-limit\">\\s*不限\\s*</td>.*?quota-used\">1</td>.*?quota-free\">—</td>", html);
        Assert.Matches("(?s)<tr data-track=\"high-value\">.*?<span title=\"The city's invention-patent grants of last year are needed.\">待定</span>", html);
        Assert.Contains("1,300,000", html);
    }

    [Fact]
    public async Task Moving_a_row_up_rearranges_the_table_without_saving_and_saving_sends_the_whole_order()
    {
        var browser = City();

        var moved = await Forms.SubmitAsync(browser, "/office/summary", "order-2022-industrial-brand",
            ("order", First.ToString()), ("order", Second.ToString()), ("move", "1:up"));

        Assert.Empty(portal.Gateway.Sent("PUT", "/api/routing/summary-tables/2022/320500/industrial-brand/order"));
        Assert.True(moved.IndexOf("昆山乙公司", StringComparison.Ordinal) < moved.IndexOf("昆山甲公司", StringComparison.Ordinal));
        Assert.Contains("顺序已调整，尚未保存。", moved);

        portal.Gateway.Answer("PUT", "/api/routing/summary-tables/2022/320500/industrial-brand/order", "{}");
        var saved = await Forms.SubmitAsync(browser, "/office/summary", "order-2022-industrial-brand",
            ("order", Second.ToString()), ("order", First.ToString()), ("move", "save"));

        var put = Assert.Single(portal.Gateway.Sent("PUT", "/api/routing/summary-tables/2022/320500/industrial-brand/order"));
        using var body = JsonDocument.Parse(put.Body!);
        Assert.Equal([Second, First], body.RootElement.GetProperty("applicationIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Contains("已保存顺序。", saved);
    }

    [Fact]
    public async Task A_refused_order_keeps_the_rows_as_arranged_and_shows_why()
    {
        var browser = City();
        portal.Gateway.Answer("PUT", "/api/routing/summary-tables/2022/320500/industrial-brand/order", """
            {"title":"The order is invalid","status":400,"errors":{"applicationIds":["List each of the 3 applications exactly once."]}}
            """, status: HttpStatusCode.BadRequest);

        var html = await Forms.SubmitAsync(browser, "/office/summary", "order-2022-industrial-brand",
            ("order", Second.ToString()), ("order", First.ToString()), ("move", "save"));

        Assert.Contains("<li>List each of the 3 applications exactly once.</li>", html);
        Assert.True(html.IndexOf("昆山乙公司", StringComparison.Ordinal) < html.IndexOf("昆山甲公司", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_city_government_reads_the_table_but_has_no_order_buttons()
    {
        var government = await PortalHost.PageAsync(City(PlatformRoles.CityGovernment), "/office/summary");
        var office = await PortalHost.PageAsync(City(), "/office/summary");

        Assert.DoesNotContain("data-testid=\"move-up\"", government);
        Assert.Contains("上移：昆山乙公司", office);
        Assert.Contains("data-testid=\"order-save\"", office);
    }

    [Fact]
    public async Task Each_tracks_delivery_form_delivers_that_track_and_asks_for_confirmation_first()
    {
        var browser = City();
        portal.Gateway.Answer("POST", "/api/routing/summary-tables/2022/320500/patent-navigation/delivery", "{}");

        var page = await PortalHost.PageAsync(browser, "/office/summary");
        var html = await Forms.SubmitAsync(browser, "/office/summary", "deliver-2022-patent-navigation");

        // The confirmation is a JavaScript string literal whatever the words contain (an English apostrophe too).
        Assert.Contains("onclick=\"return confirm(\"", page);
        Assert.Single(portal.Gateway.Sent("POST", "/api/routing/summary-tables/2022/320500/patent-navigation/delivery"));
        Assert.Empty(portal.Gateway.Sent("POST", "/api/routing/summary-tables/2022/320500/industrial-brand/delivery"));
        Assert.Contains("已报送。", html);
    }

    [Theory]
    [InlineData("1:up", new[] { 1, 0, 2 })]
    [InlineData("0:down", new[] { 1, 0, 2 })]
    [InlineData("0:up", new[] { 0, 1, 2 })]
    [InlineData("2:down", new[] { 0, 1, 2 })]
    [InlineData("x", new[] { 0, 1, 2 })]
    public void A_move_swaps_a_row_with_its_neighbour_and_never_off_the_ends(string move, int[] expected)
    {
        Guid[] rows = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

        Assert.Equal(expected.Select(i => rows[i]), SummaryOrder.Move(rows, move));
    }
}
