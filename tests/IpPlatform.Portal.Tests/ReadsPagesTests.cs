using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// What offices and experts read: the worklist's filters as intake receives them, and the application's content on the
/// office's case page and the expert's review page (through the portal's HTTP, the gateway a stub).
/// </summary>
public sealed class ReadsPagesTests : IDisposable
{
    readonly PortalHost portal = new();

    public void Dispose() => portal.Dispose();

    static readonly Guid Id = Guid.Parse("6f1c2d3e-0000-4000-8000-0000000000a1");
    static readonly Guid FileId = Guid.Parse("5b000000-0000-4000-8000-0000000000a3");
    const string AllStages = "status=Submitted&status=RecommendedByCounty&status=RecommendedByCity&status=Returned&status=Rejected&status=Approved&status=ProjectStarted";

    const string Calls = """
        [{"id":"2022","version":2,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
          "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"},
                    {"id":"patent-navigation","programmeZh":"专利导航","onlineDeadline":"2022-05-20"}]}]
        """;

    static string Page(int total) => $$"""
        {"items":[{"id":"{{Id}}","callId":"2022","track":"industrial-brand","status":"Returned","applicantName":"昆山甲公司",
                   "creditCode":"91320583MA1XXXXXX1","regionCode":"320583","createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-02T01:00:00Z"}],
         "page":2,"pageSize":50,"total":{{total}}}
        """;

    /// <summary>The call's track as the eligibility service publishes it, with a task's name and a target's unit.</summary>
    static string Call(string taskName) => $$$"""
        {"id":"2022","titleZh":"2022年度专项资金申报","timeZone":"Asia/Shanghai",
         "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20",
                    "content":{"tasks":[{"id":"brand-building","nameZh":"{{{taskName}}}","required":true}],
                               "targets":[{"id":"new-trademarks","nameZh":"新增注册商标","unit":"件","minimum":10}],
                               "facts":[{"path":"inKeyIndustry","kind":"YesNo","labelZh":"属于重点产业","labelEn":"In a key industry"},
                                        {"path":"ipStandardImplemented","kind":"YesNo","labelZh":"是否贯彻企业知识产权管理规范","labelEn":"IP standard implemented"}]}}]}
        """;

    static string Application(string callVersion) => $$$"""
        {"id":"{{{Id}}}","callId":"2022","track":"industrial-brand","status":"RecommendedByCounty","callVersion":{{{callVersion}}},
         "applicant":{"name":"昆山甲公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
         "createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-02T01:00:00Z","eligibility":null,"routing":null,"decision":null,
         "funding":{"disbursedCny":0},"timeline":[],"fingerprint":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
         "document":{"callId":"2022","track":"industrial-brand",
           "applicant":{"name":"昆山甲公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
           "partners":[{"name":"苏州大学","creditCode":"12320000466007000X","role":"Research"}],
           "project":{"name":"甲公司工业品牌培育项目","summary":"围绕自主品牌开展商标布局和品牌宣传。","startsOn":"2022-03-01","endsOn":"2024-02-29"},
           "tasks":[{"taskId":"brand-building","plan":"开展商标国际注册与品牌推广。"}],
           "targets":[{"targetId":"new-trademarks","value":12}],
           "budget":{"totalCny":3000000,"provincialFundsCny":1000000,"ownFundsCny":1800000,"otherFundsCny":200000},
           "contact":{"name":"王某","mobile":"13800138000","email":"wang@example.com"}}
        }
        """;

    static readonly string Materials = $$"""
        {"applicationId":"{{Id}}","frozen":true,"missingRequired":[],"unlisted":[],
         "materials":[{"id":"licence","nameZh":"营业执照","required":true,"allowedTypes":["pdf"],"maxBytes":10485760,"maxFiles":1,
           "files":[{"id":"{{FileId}}","materialId":"licence","fileName":"营业执照.pdf","contentType":"application/pdf",
                     "sizeBytes":204800,"sha256":"ab","uploadedAt":"2022-05-01T01:00:00Z","uploadedBy":"a"}]}]}
        """;

    [Fact]
    public async Task Without_filters_the_worklist_asks_intake_for_every_stage_after_submission_and_none_of_the_drafts()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/applications", Page(total: 1));

        await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CountyOffice, "320583"), "/office/worklist");

        var sent = Assert.Single(portal.Gateway.Sent("GET", "/api/applications"));
        Assert.Equal($"/api/applications?page=1&pageSize=50&{AllStages}", sent.PathAndQuery);
    }

    [Fact]
    public async Task The_filters_in_the_address_go_to_intake_and_the_pager_keeps_them()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/applications", Page(total: 120));

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CityOffice, "320500"),
            "/office/worklist?status=Returned&track=industrial-brand&page=2");

        Assert.Contains(portal.Gateway.Sent("GET", "/api/applications"),
            r => r.PathAndQuery == "/api/applications?page=2&pageSize=50&status=Returned&track=industrial-brand");
        Assert.Contains("第 2 / 3 页", html);
        Assert.Matches("href=\"[^\"]*office/worklist\\?status=Returned&track=industrial-brand&page=3\"", html);
        Assert.Matches("href=\"[^\"]*office/worklist\\?status=Returned&track=industrial-brand&page=1\"", html);
        // The choices are every stage and every published track, the chosen ones selected, whatever this page holds.
        Assert.Matches("<option value=\"Returned\" selected", html);
        Assert.Matches("<option value=\"RecommendedByCity\"", html);
        Assert.Matches("<option value=\"patent-navigation\">专利导航</option>", html);
        Assert.Matches("<option value=\"industrial-brand\" selected[^>]*>工业品牌培育</option>", html);
        // The filter form starts a changed filter at its first page.
        Assert.DoesNotMatch("<form method=\"get\"[^>]*>\\s*<input type=\"hidden\" name=\"page\"", html);
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("Nonsense")]
    public void A_status_the_worklist_does_not_show_asks_for_all_of_them(string status)
    {
        Assert.Null(WorklistFilter.StatusOrAll(status));
        Assert.Equal($"/api/applications?page=1&pageSize=50&{AllStages}", WorklistFilter.Query(1, 50, status, null));
    }

    [Fact]
    public void A_track_is_escaped_in_the_query()
    {
        Assert.Equal("/api/applications?page=3&pageSize=20&status=Approved&track=a%26b", WorklistFilter.Query(3, 20, "Approved", "a&b"));
    }

    [Fact]
    public async Task The_case_page_shows_the_content_named_by_the_call_version_it_was_submitted_under()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", $"/api/routing/{Id}", $$"""
            {"applicationId":"{{Id}}","callId":"2022","trackId":"industrial-brand","applicantName":"昆山甲公司","creditCode":"91320583MA1XXXXXX1",
             "applicantKind":"Enterprise","regionCode":"320583","cityCode":"320500","level":"City","officeRegionCode":"320500",
             "status":"AtOffice","eligibility":"Eligible","history":[]}
            """);
        portal.Gateway.Answer("GET", $"/api/applications/{Id}", Application(callVersion: "1"));
        portal.Gateway.Answer("GET", "/api/eligibility/calls/2022/versions/1", $$"""{"callId":"2022","version":1,"publishedAt":"2022-04-01T00:00:00Z","call":{{Call("品牌培育（第1版）")}}}""");
        portal.Gateway.Answer("GET", "/api/eligibility/calls/2022", Call("品牌培育（现行版）"));
        portal.Gateway.Answer("GET", $"/api/applications/{Id}/materials", Materials);

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CityOffice, "320500"), $"/office/cases/{Id}");

        var content = Section(html);
        Assert.Contains("甲公司工业品牌培育项目", content);
        Assert.Contains("2022年3月1日 至 2024年2月29日", content);
        Assert.Contains("围绕自主品牌开展商标布局和品牌宣传。", content);
        Assert.Contains("品牌培育（第1版）", content);
        Assert.DoesNotContain("现行版", content);
        Assert.Contains("开展商标国际注册与品牌推广。", content);
        Assert.Matches("新增注册商标</th>\\s*<td class=\"number\">12 件</td>", content);
        Assert.Contains("data-budget=\"provincial\">1,000,000</td>", content);
        Assert.Contains("<strong>3,000,000</strong>", content);
        Assert.Contains("<dd data-testid=\"content-kind\">企业</dd>", content);
        Assert.Contains("<dd data-testid=\"content-region\">320583</dd>", content);
        Assert.Contains("苏州大学", content);
        Assert.Contains("产学研合作单位", content);
        Assert.Contains("href=\"tel:13800138000\"", content);
        Assert.Contains($"href=\"/office/cases/{Id}/materials/{FileId}\"", content);
        Assert.Contains("营业执照.pdf", content);
    }

    [Fact]
    public async Task The_expert_reads_the_same_content_with_the_current_call_and_the_experts_own_download_links()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", $"/api/reviews/{Id}", $$"""
            {"applicationId":"{{Id}}","callId":"2022","trackId":"industrial-brand",
             "applicant":{"name":"昆山甲公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
             "cityOfficeRegionCode":"320500","cityOpinion":"同意推荐","status":"InReview","blind":true,"result":null,"averageScore":null,
             "scores":[],"panel":[{"expert":"test","round":1,"status":"Seated","declineReason":null,"drawnAt":"2022-06-01T02:00:00Z"}],
             "sheet":[{"id":"basis","nameZh":"项目基础","max":40,"weight":1,"bonus":false}],"closedReason":null}
            """);
        portal.Gateway.Answer("GET", $"/api/applications/{Id}", Application(callVersion: "null"));
        portal.Gateway.Answer("GET", "/api/eligibility/calls/2022", Call("品牌培育"));
        portal.Gateway.Answer("GET", $"/api/applications/{Id}/materials", Materials);

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.Expert, "-"), $"/expert/reviews/{Id}");

        var content = Section(html);
        Assert.Contains("甲公司工业品牌培育项目", content);
        Assert.Contains("<th scope=\"row\">品牌培育</th>", content);
        Assert.Contains($"href=\"/expert/reviews/{Id}/materials/{FileId}\"", content);
        Assert.DoesNotContain("/office/cases/", content);
        Assert.Empty(portal.Gateway.Sent("GET", "/api/eligibility/calls/2022/versions/1"));
    }

    [Fact]
    public async Task The_content_names_the_region_and_asks_the_tracks_facts_once_identity_answers_the_divisions()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/identity/regions", """
            [{"code":"320500","name":"苏州市","level":"City","cityCode":"320500"},{"code":"320583","name":"昆山市","level":"County","cityCode":"320500"}]
            """);
        portal.Gateway.Answer("GET", $"/api/reviews/{Id}", $$"""
            {"applicationId":"{{Id}}","callId":"2022","trackId":"industrial-brand",
             "applicant":{"name":"昆山甲公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
             "cityOfficeRegionCode":"320500","cityOpinion":"同意推荐","status":"InReview","blind":true,"result":null,"averageScore":null,
             "scores":[],"panel":[],"sheet":[],"closedReason":null}
            """);
        portal.Gateway.Answer("GET", $"/api/applications/{Id}", Application(callVersion: "null")
            .Replace("\"partners\":", "\"facts\":{\"ipStandardImplemented\":true},\"partners\":"));
        portal.Gateway.Answer("GET", "/api/eligibility/calls/2022", Call("品牌培育"));

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.Expert, "-"), $"/expert/reviews/{Id}");

        var content = Section(html);
        Assert.Contains("<dd data-testid=\"content-region\">昆山市（320583）</dd>", content);
        Assert.Matches("data-fact=\"ipStandardImplemented\"><th scope=\"row\">是否贯彻企业知识产权管理规范</th><td>是</td>", content);
        Assert.Contains("data-fact=\"inKeyIndustry\"", content); // asked by the track, though not answered
        Assert.DoesNotContain("data-testid=\"content-years\"", content); // no yearly figures declared
    }

    [Fact]
    public async Task An_application_without_a_document_says_so_instead_of_empty_sections()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", $"/api/routing/{Id}", $$"""
            {"applicationId":"{{Id}}","callId":"2022","trackId":"industrial-brand","applicantName":"昆山甲公司","creditCode":"91320583MA1XXXXXX1",
             "applicantKind":"Enterprise","regionCode":"320583","cityCode":"320500","level":"County","officeRegionCode":"320583",
             "status":"AtOffice","eligibility":null,"history":[]}
            """);
        portal.Gateway.Answer("GET", $"/api/applications/{Id}", Application(callVersion: "null").Replace("\"document\":{", "\"ignored\":{"));

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CountyOffice, "320583"), $"/office/cases/{Id}");

        Assert.Contains("data-testid=\"content-none\"", html);
        Assert.DoesNotContain("data-testid=\"content-budget\"", html);
        Assert.Contains("没有上传的材料。", html);
    }

    [Fact]
    public async Task An_office_downloads_a_material_through_the_portal_and_other_roles_may_not_use_its_route()
    {
        portal.Gateway.Answer("GET", $"/api/applications/{Id}/materials/{FileId}/content", "\"file bytes\"");

        var response = await portal.SignedIn(PlatformRoles.CountyOffice, "320583").GetAsync($"/office/cases/{Id}/materials/{FileId}");
        var applicant = await portal.SignedIn(PlatformRoles.Applicant, "-").GetAsync($"/office/cases/{Id}/materials/{FileId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"file bytes\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.NotEqual(HttpStatusCode.OK, applicant.StatusCode);
        Assert.Single(portal.Gateway.Sent("GET", $"/api/applications/{Id}/materials/{FileId}/content"));
    }

    /// <summary>The shared content component's part of the page.</summary>
    static string Section(string html)
    {
        var match = Regex.Match(html, "<section class=\"application-content\".*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, "The page has no application content.");
        return match.Value;
    }
}
