using System.Net;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The portal's own host over HTTP, with the identity service's configuration given (no network) and the gateway
/// replaced by a stub answering the API paths the test names.
/// </summary>
public sealed class PortalHostTests : IDisposable
{
    readonly PortalHost portal = new();

    public void Dispose() => portal.Dispose();

    HttpClient Browser() => portal.Browser();

    HttpClient SignedIn(string role, string office) => portal.SignedIn(role, office);

    const string Fingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task The_window_shows_which_application_a_typed_fingerprint_is_and_that_it_matches_with_the_paper_copy_form()
    {
        portal.AnswerVerification(Fingerprint);

        var html = WebUtility.HtmlDecode(await SignedIn(PlatformRoles.CountyOffice, "320583").GetStringAsync($"/office/window?fp={Fingerprint}"));

        Assert.Contains("昆山示范企业有限公司", html);
        Assert.Contains("品牌培育示范项目", html);
        Assert.Contains("2022-05-10 09:30", html); // Shanghai time of 01:30 UTC
        Assert.Contains("一致：系统中的申报书与该指纹相符。", html);
        Assert.Contains("登记纸质材料", html);
        Assert.Contains("id=\"receivedOn\"", html);
    }

    [Fact]
    public async Task The_window_says_when_no_application_has_the_fingerprint()
    {
        var html = WebUtility.HtmlDecode(await SignedIn(PlatformRoles.CityOffice, "320500").GetStringAsync($"/office/window?fp={Fingerprint}"));

        Assert.Contains("未找到该指纹对应的申报", html);
        Assert.DoesNotContain("登记纸质材料", html);
    }

    [Theory]
    [InlineData(PlatformRoles.CityOffice, true)]
    [InlineData(PlatformRoles.CityGovernment, false)]
    public async Task The_summary_page_shows_the_citys_table_per_track_and_only_the_city_office_may_deliver(string role, bool delivers)
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);
        portal.Gateway.Answer("GET", "/api/routing/summary-tables/2022/320500", """
            {"callId":"2022","callTitleZh":"2022年度专项资金申报","cityCode":"320500","cityName":"苏州市","totalCount":1,"totalRequestedCny":500000,"fingerprint":"f",
             "tracks":[{"trackId":"industrial-brand","programmeZh":"工业品牌培育","count":1,"requestedCny":500000,"fingerprint":"t",
                        "deadlineAt":"2022-05-31T17:00","customOrder":false,"delivery":null,
                        "rows":[{"no":1,"applicationId":"6f1c2d3e-0000-4000-8000-000000000001","applicantName":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1",
                                 "projectName":"品牌培育示范项目","provincialFundsCny":500000,"countyOpinion":"同意推荐","cityOpinion":"同意"}]}]}
            """);

        var html = WebUtility.HtmlDecode(await SignedIn(role, "320500").GetStringAsync("/office/summary"));

        Assert.Contains("昆山示范企业有限公司", html);
        Assert.Contains("同意推荐", html);
        Assert.Contains("500,000", html);
        Assert.Contains("2022-05-31 17:00", html);
        Assert.Contains("尚未报送", html);
        Assert.Contains("/office/summary/2022/320500.xlsx", html);
        Assert.Equal(delivers, html.Contains("报送本方向汇总表"));
    }

    [Fact]
    public async Task An_applicant_is_refused_the_window_and_the_summary_table()
    {
        var browser = SignedIn(PlatformRoles.Applicant, "-");

        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/office/window")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/office/summary")).StatusCode);
    }

    [Fact]
    public async Task An_applicants_page_sends_an_anonymous_visitor_to_the_identity_service_with_a_code_request_and_PKCE()
    {
        var response = await Browser().GetAsync("/applications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(PortalHost.Issuer + "connect/authorize?", location.AbsoluteUri);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(("ipplatform-portal", "code", "query", "S256"),
            (query["client_id"], query["response_type"], query["response_mode"] ?? "query", query["code_challenge_method"]));
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(["api", "offline_access", "openid", "profile"], query["scope"]!.Split(' ').Order());
        Assert.EndsWith("/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public async Task The_calls_page_shows_each_track_with_its_deadlines_to_the_minute_and_its_contacts()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);
        portal.Gateway.Answer("GET", "/api/eligibility/calls/2022", """
            {"id":"2022","titleZh":"2022年度专项资金申报","timeZone":"Asia/Shanghai",
             "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","divisionZh":"保护处","onlineDeadline":"2022-05-20",
                        "onlineDeadlineAt":"2022-05-20T17:00","paperDeadlineAt":"2022-05-27T17:00","contacts":[{"name":"张三","phone":"025-12345678"}]}]}
            """);

        var html = WebUtility.HtmlDecode(await Browser().GetStringAsync("/calls"));

        Assert.Contains("工业品牌培育", html);
        Assert.Contains("2022-05-20 17:00", html);
        Assert.Contains("2022-05-27 17:00", html);
        Assert.Contains("张三 025-12345678", html);
    }

    [Fact]
    public async Task The_published_calls_are_fetched_once_for_many_page_views()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);

        for (var view = 0; view < 3; view++)
            Assert.Contains("工业品牌培育", WebUtility.HtmlDecode(await Browser().GetStringAsync("/calls")));

        // The portal's users share one rate-limit bucket at the gateway: page views must not each spend a request there.
        Assert.Single(portal.Gateway.Requests, r => r.Path == "/api/eligibility/calls");
    }

    [Fact]
    public async Task A_fault_shows_the_error_page_with_a_reference_and_nothing_of_the_fault()
    {
        // A fault the resilience pipeline does not retry (a 400), carrying text the page must not show.
        portal.Gateway.Answer("GET", "/api/eligibility/calls", """{"title":"secret-internal-detail"}""", HttpStatusCode.BadRequest, "application/json");

        var response = await Browser().GetAsync("/calls");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("出错了", html);
        Assert.DoesNotContain("secret-internal-detail", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("PlatformApi", html);
    }

    [Fact]
    public async Task An_unknown_path_shows_the_portals_not_found_page()
    {
        var response = await Browser().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
