using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The administrator's pages over HTTP, with the gateway replaced by a stub that answers by method and path and keeps
/// what the portal sent; forms are posted as a browser posts them (anti-forgery token, form name, fields or files).
/// </summary>
public sealed partial class AdminPageTests : IDisposable
{
    readonly PortalHost portal = new();

    RecordingGateway gateway => portal.Gateway;

    public AdminPageTests()
    {
        gateway.Answer("GET", "/api/identity/regions", """
            [{"code":"320000","name":"江苏省","level":"Province","cityCode":null},
             {"code":"320500","name":"苏州市","level":"City","cityCode":"320500"},
             {"code":"320583","name":"昆山市","level":"County","cityCode":"320500"},
             {"code":"320100","name":"南京市","level":"City","cityCode":"320100"}]
            """);
        gateway.Answer("GET", "/api/eligibility/calls", """
            [{"id":"2022","version":2,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"},
                        {"id":"hvp-new","programmeZh":"高价值专利培育","onlineDeadline":"2022-05-20"}]}]
            """);
        gateway.Answer("GET", "/api/eligibility/calls/2022/versions", """
            [{"callId":"2022","version":1,"publishedAt":"2022-04-01T02:00:00Z","reason":null,"publishedBy":"admin"},
             {"callId":"2022","version":2,"publishedAt":"2022-04-10T06:30:00Z","reason":"更正网上申报截止时间","publishedBy":"admin"}]
            """);
    }

    public void Dispose() => portal.Dispose();

    HttpClient As(string role, string office = "-") => portal.SignedIn(role, office);

    static async Task<string> Html(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalHost.HtmlAsync(response);
    }

    /// <summary>The messages listed under one field (a FieldErrors list by its id).</summary>
    static string ErrorsUnder(string html, string id) =>
        Regex.Match(html, $"<ul id=\"{id}\"[^>]*>(.*?)</ul>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : "";

    [Theory]
    [InlineData("/admin/accounts")]
    [InlineData("/admin/calls")]
    [InlineData("/admin/calls/2022")]
    [InlineData("/admin/figures")]
    [InlineData("/admin/imports")]
    [InlineData("/admin/audit")]
    public async Task Only_the_administrator_may_open_an_administrators_page(string path)
    {
        gateway.Answer("GET", "/api/identity/accounts", "[]");

        Assert.Equal(HttpStatusCode.OK, (await As(PlatformRoles.Admin).GetAsync(path)).StatusCode);
        foreach (var (role, office) in new[] { (PlatformRoles.Province, "-"), (PlatformRoles.CityOffice, "320500"), (PlatformRoles.Applicant, "-") })
            Assert.NotEqual(HttpStatusCode.OK, (await As(role, office).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_menu_has_the_administrators_links_for_the_administrator_only()
    {
        gateway.Answer("GET", "/api/identity/accounts", "[]");

        var admin = await Html(await As(PlatformRoles.Admin).GetAsync("/"));
        var office = await Html(await As(PlatformRoles.CityOffice, "320500").GetAsync("/"));

        foreach (var link in new[] { "/admin/accounts", "/admin/calls", "/admin/figures", "/admin/imports", "/admin/audit" })
        {
            Assert.Contains($"href=\"{link}\"", admin);
            Assert.DoesNotContain($"href=\"{link}\"", office);
        }
    }

    [Fact]
    public async Task The_accounts_list_shows_role_office_and_state_and_filters_by_role()
    {
        gateway.Answer("GET", "/api/identity/accounts", """
            [{"userName":"county-320583","displayName":"昆山市知识产权局","role":"county-office","office":"320583","divisions":[],"active":true,"createdAt":"2022-03-01T00:00:00Z"},
             {"userName":"prov-protect","displayName":"保护处","role":"province","office":null,"divisions":["保护处","运用促进处"],"active":false,"createdAt":"2022-03-01T00:00:00Z"}]
            """);

        var html = await Html(await As(PlatformRoles.Admin).GetAsync("/admin/accounts?role=county-office"));

        Assert.Contains("昆山市（320583）", html);
        Assert.Contains("县（市、区）知识产权局", html);
        Assert.Contains("保护处、运用促进处", html);
        Assert.Contains("已停用", html);
        Assert.Contains("data-testid=\"account-deactivate\"", html);
        Assert.Contains("data-testid=\"account-reactivate\"", html);
        Assert.Contains(gateway.Requests, r => r.PathAndQuery == "/api/identity/accounts?role=county-office");
    }

    [Fact]
    public async Task A_refused_new_account_shows_each_message_next_to_its_field_and_keeps_what_was_typed_but_the_password()
    {
        gateway.Answer("GET", "/api/identity/accounts", "[]");
        gateway.Answer("POST", "/api/identity/accounts", """
            {"title":"The account is invalid","status":400,
             "errors":{"officeCode":["A city-office account is bound to a city of Jiangsu (e.g. 320500 苏州市); 320583 is a county."],
                       "password":["Passwords must have at least one non alphanumeric character."]}}
            """, HttpStatusCode.BadRequest, "application/problem+json");
        var browser = As(PlatformRoles.Admin);

        var html = await Html(await Forms.PostAsync(browser, "/admin/accounts", "create-account",
            ("NewAccount.UserName", "city-320500"), ("NewAccount.DisplayName", "苏州市知识产权局"), ("NewAccount.Role", "city-office"),
            ("NewAccount.OfficeCode", "320583"), ("NewAccount.Divisions", ""), ("NewAccount.Email", ""), ("NewAccount.Password", "Secret-pass1")));

        Assert.Contains("320583 is a county", ErrorsUnder(html, "new-officeCode-errors"));
        Assert.Contains("non alphanumeric", ErrorsUnder(html, "new-password-errors"));
        Assert.Equal("", ErrorsUnder(html, "new-userName-errors").Trim());
        Assert.Contains("value=\"苏州市知识产权局\"", html);
        Assert.DoesNotContain("Secret-pass1", html);
        // What identity received: the form's fields under the API's names.
        var sent = gateway.Body("POST", "/api/identity/accounts");
        Assert.Contains("\"userName\":\"city-320500\"", sent);
        Assert.Contains("\"officeCode\":\"320583\"", sent);
        Assert.Contains("\"role\":\"city-office\"", sent);
    }

    [Fact]
    public async Task A_province_accounts_divisions_are_sent_as_a_list_and_success_is_said()
    {
        gateway.Answer("GET", "/api/identity/accounts", "[]");
        gateway.Answer("POST", "/api/identity/accounts", """{"userName":"prov-a","displayName":"A","role":"province","active":true,"createdAt":"2022-03-01T00:00:00Z"}""",
            HttpStatusCode.Created);

        var html = await Html(await Forms.PostAsync(As(PlatformRoles.Admin), "/admin/accounts", "create-account",
            ("NewAccount.UserName", "prov-a"), ("NewAccount.DisplayName", "A"), ("NewAccount.Role", "province"),
            ("NewAccount.Divisions", "保护处、 运用促进处"), ("NewAccount.Password", "Secret-pass1")));

        Assert.Contains("已创建账号 prov-a。", html);
        var sent = System.Text.Json.JsonDocument.Parse(gateway.Body("POST", "/api/identity/accounts")).RootElement;
        Assert.Equal(["保护处", "运用促进处"], sent.GetProperty("divisions").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task A_taken_user_name_is_a_notice_with_the_services_words()
    {
        gateway.Answer("GET", "/api/identity/accounts", "[]");
        gateway.Answer("POST", "/api/identity/accounts", """{"title":"Already exists","status":409,"detail":"The user name city-320500 is taken."}""",
            HttpStatusCode.Conflict, "application/problem+json");

        var html = await Html(await Forms.PostAsync(As(PlatformRoles.Admin), "/admin/accounts", "create-account",
            ("NewAccount.UserName", "city-320500"), ("NewAccount.DisplayName", "苏州"), ("NewAccount.Role", "city-office"), ("NewAccount.Password", "x")));

        Assert.Contains("data-testid=\"account-create-refused\"", html);
        Assert.Contains("The user name city-320500 is taken.", html);
    }

    [Fact]
    public async Task Deactivating_posts_for_the_named_account_and_says_so()
    {
        gateway.Answer("GET", "/api/identity/accounts", """
            [{"userName":"county-320583","displayName":"昆山市知识产权局","role":"county-office","office":"320583","active":true,"createdAt":"2022-03-01T00:00:00Z"}]
            """);
        gateway.Answer("POST", "/api/identity/accounts/county-320583/deactivate", "{}");

        var html = await Html(await Forms.PostAsync(As(PlatformRoles.Admin), "/admin/accounts", "account-state",
            ("StateUser", "county-320583"), ("StateAct", "deactivate")));

        Assert.Contains("已停用账号 county-320583。", html);
        Assert.Contains(gateway.Requests, r => r.Path == "/api/identity/accounts/county-320583/deactivate");
    }

    [Fact]
    public async Task The_calls_page_lists_versions_and_shows_a_comparison_as_a_table()
    {
        gateway.Answer("GET", "/api/eligibility/calls/diff", """
            {"from":{"callId":"2022","version":1},"to":{"callId":"2022","version":2},
             "changes":[{"path":"tracks[industrial-brand].onlineDeadlineAt","before":"2022-05-20T17:00","after":"2022-05-25T17:00"},
                        {"path":"tracks[hvp-new].quota.perCity","before":null,"after":3}]}
            """);

        var html = await Html(await As(PlatformRoles.Admin).GetAsync("/admin/calls?from=2022@1&to=2022@2"));

        Assert.Contains("更正网上申报截止时间", html);
        Assert.Contains("2022-04-10 14:30", html); // Shanghai time of the correction
        Assert.Contains("/admin/calls/2022?version=2", html);
        Assert.Contains("tracks[industrial-brand].onlineDeadlineAt", html);
        Assert.Contains("2022-05-25T17:00", html);
        Assert.Contains("共 2 处不同", html);
        Assert.Contains(gateway.Requests, r => r.Path == "/api/eligibility/calls/diff");
    }

    [Fact]
    public async Task Comparing_an_unknown_call_says_which_one()
    {
        gateway.Answer("GET", "/api/eligibility/calls/diff", "\"No call 2030.\"", HttpStatusCode.NotFound);

        var html = await Html(await As(PlatformRoles.Admin).GetAsync("/admin/calls?from=2022&to=2030"));

        Assert.Contains("No call 2030.", html);
        Assert.DoesNotContain("data-testid=\"call-diff\"", html);
    }

    [Fact]
    public async Task A_call_version_reads_as_deadlines_and_quota_in_words()
    {
        gateway.Answer("GET", "/api/eligibility/calls/2022/versions/2", """
            {"callId":"2022","version":2,"publishedAt":"2022-04-10T06:30:00Z","reason":"更正网上申报截止时间",
             "call":{"id":"2022","titleZh":"2022年度专项资金申报","noticeNumber":"苏知发〔2022〕1号","issuedOn":"2022-04-01","referenceDate":"2022-04-01",
                     "lastYear":2021,"timeZone":"Asia/Shanghai","rehearsal":false,
                     "tracks":[{"id":"hvp-new","programmeZh":"高价值专利培育","nameEn":"High-value patents","admittedKinds":["Enterprise"],
                                "onlineDeadline":"2022-05-25","onlineDeadlineAt":"2022-05-25T17:00","paperDeadlineAt":"2022-05-31T17:00",
                                "divisionZh":"运用促进处","evaluationAfterMonths":24,"tranches":[{"name":"首期","share":0.6,"trigger":"立项"}],
                                "quota":{"kind":"ByInventionGrants","bands":[{"grantsAbove":10000,"quota":3},{"grantsAbove":0,"quota":1}],"incentiveBonus":1},
                                "parameters":{"maxFundsCny":3000000},"content":{"sections":[]}}]}}
            """);

        var html = await Html(await As(PlatformRoles.Admin).GetAsync("/admin/calls/2022"));

        Assert.Contains("苏知发〔2022〕1号", html);
        Assert.Contains("2022-05-25 17:00", html);
        Assert.Contains("2022-05-31 17:00", html);
        Assert.Contains("上年发明专利授权量超过 10000 件的 3 项", html);
        Assert.Contains("激励地区另加 1 项", html);
        Assert.Contains("3,000,000", html);
        Assert.Contains("首期 60%", html);
        Assert.Contains("/admin/calls/2022?version=1", html); // the other version
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_refused_at_the_file_field_and_nothing_is_sent()
    {
        var html = await Html(await Forms.PostFileAsync(As(PlatformRoles.Admin), "/admin/calls", "publish-call", "CallFile", "call.json", "{\"id\": \"2023\",",
            ("CorrectId", ""), ("Reason", "")));

        Assert.Contains("文件不是有效的 JSON", ErrorsUnder(html, "call-file-errors"));
        Assert.Empty(gateway.Sent("POST", "/api/eligibility/calls"));
    }

    [Fact]
    public async Task A_refused_correction_lists_the_validators_messages_and_the_reason_next_to_its_field()
    {
        gateway.Answer("POST", "/api/eligibility/calls/2022/versions", """
            {"title":"The correction is invalid","status":400,
             "errors":{"reason":["A correction states its reason."],"call.tracks[0].quota.perCity":["A per-city quota is 1 or more."]}}
            """, HttpStatusCode.BadRequest, "application/problem+json");

        var html = await Html(await Forms.PostFileAsync(As(PlatformRoles.Admin), "/admin/calls", "publish-call", "CallFile", "call.json",
            """{"id":"2022","titleZh":"改"}""", ("CorrectId", "2022"), ("Reason", "")));

        Assert.Contains("A correction states its reason.", ErrorsUnder(html, "correct-reason-errors"));
        Assert.Contains("call.tracks[0].quota.perCity", html);
        Assert.Contains("A per-city quota is 1 or more.", html);
        // The correction carries the file's document whole, under "call", with the reason.
        var sent = System.Text.Json.JsonDocument.Parse(gateway.Body("POST", "/api/eligibility/calls/2022/versions")).RootElement;
        Assert.Equal("改", sent.GetProperty("call").GetProperty("titleZh").GetString());
        Assert.Equal("2022", sent.GetProperty("call").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Publishing_a_new_call_says_its_version()
    {
        gateway.Answer("POST", "/api/eligibility/calls", """{"callId":"2023","version":1,"publishedAt":"2023-04-01T00:00:00Z","reason":null,"call":{}}""",
            HttpStatusCode.Created);

        var html = await Html(await Forms.PostFileAsync(As(PlatformRoles.Admin), "/admin/calls", "publish-call", "CallFile", "call-2023.json",
            """{"id":"2023"}""", ("CorrectId", ""), ("Reason", "")));

        Assert.Contains("已发布通知 2023 第 1 版。", html);
    }

    [Fact]
    public async Task A_refused_import_lists_each_bad_line_in_order()
    {
        gateway.Answer("POST", "/api/eligibility/history/projects/import", """
            {"title":"The CSV file has invalid rows; nothing was imported","status":400,
             "errors":{"line 10":["callYear: a year is required."],"line 2":["creditCode: the check character is wrong.","kind: unknown kind."]}}
            """, HttpStatusCode.BadRequest, "application/problem+json");

        var html = await Html(await Forms.PostFileAsync(As(PlatformRoles.Admin), "/admin/imports", "import-projects", "ImportFile", "history.csv",
            "\uFEFFcreditCode,trackId,kind,callYear,status\n1,hvp-new,Enterprise,2020,Ongoing\n"));

        Assert.Contains("history.csv 未导入。", html);
        var line2 = html.IndexOf("data-line=\"2\"", StringComparison.Ordinal);
        var line10 = html.IndexOf("data-line=\"10\"", StringComparison.Ordinal);
        Assert.True(line2 > 0 && line10 > line2, "line 2 is listed before line 10");
        Assert.Contains("kind: unknown kind.", html);
        // The file goes on as CSV text, without the byte-order mark.
        Assert.StartsWith("creditCode,trackId", gateway.Body("POST", "/api/eligibility/history/projects/import"));
    }

    [Fact]
    public async Task An_import_shows_what_it_did()
    {
        gateway.Answer("POST", "/api/eligibility/history/projects/import", """{"imported":2,"updated":1,"unchanged":4}""");

        var html = await Html(await Forms.PostFileAsync(As(PlatformRoles.Admin), "/admin/imports", "import-projects", "ImportFile", "history.csv", "creditCode\n"));

        Assert.Contains("已导入 history.csv，共 7 行", html);
        Assert.Matches("data-testid=\"import-imported\">2<", html);
        Assert.Matches("data-testid=\"import-updated\">1<", html);
    }

    [Fact]
    public async Task A_refused_credit_entry_shows_the_messages_at_its_fields_and_keeps_the_typed_code()
    {
        gateway.Answer("POST", "/api/eligibility/history/credit-entries", """
            {"title":"The credit entry is invalid","status":400,
             "errors":{"creditCode":["The check character is wrong."],"expiresOn":["An entry expires after the date it was recorded."]}}
            """, HttpStatusCode.BadRequest, "application/problem+json");

        var html = await Html(await Forms.PostAsync(As(PlatformRoles.Admin), "/admin/imports", "credit-entry",
            ("Credit.CreditCode", "91320583MA1XXXXXX9"), ("Credit.Kind", "Falsification"), ("Credit.RecordedOn", "2022-03-01"),
            ("Credit.ExpiresOn", "2021-03-01"), ("Credit.Reason", "")));

        Assert.Contains("The check character is wrong.", ErrorsUnder(html, "credit-code-errors"));
        Assert.Contains("An entry expires after", ErrorsUnder(html, "credit-expiresOn-errors"));
        Assert.Contains("value=\"91320583MA1XXXXXX9\"", html);
        var sent = System.Text.Json.JsonDocument.Parse(gateway.Body("POST", "/api/eligibility/history/credit-entries")).RootElement;
        Assert.Equal(("Falsification", "2022-03-01"), (sent.GetProperty("kind").GetString(), sent.GetProperty("recordedOn").GetString()));
    }

    [Fact]
    public async Task The_audit_check_shows_each_service_intact_broken_or_without_an_answer()
    {
        gateway.Answer("GET", "/api/identity/audit/verify", """{"intact":true,"entriesChecked":1234,"firstBroken":null}""");
        gateway.Answer("GET", "/api/routing/audit/verify",
            """{"intact":false,"entriesChecked":41,"firstBroken":{"sequence":42,"id":"6f1c2d3e-0000-4000-8000-000000000042","reason":"its content does not match its hash: the row was changed"}}""");
        gateway.Answer("GET", "/api/funding/audit/verify", "", HttpStatusCode.ServiceUnavailable);

        var before = await Html(await As(PlatformRoles.Admin).GetAsync("/admin/audit"));
        var html = await Html(await As(PlatformRoles.Admin).GetAsync("/admin/audit?run=1"));

        Assert.DoesNotContain("data-testid=\"audit-results\"", before); // nothing is verified until asked
        Assert.Contains("1,234", html);
        Assert.Contains("第 42 条起不成立：its content does not match its hash", html);
        Assert.Contains("服务暂时无法访问", html);
        Assert.Contains("并非全部服务的审计日志都完整", html);
        foreach (var (_, prefix) in PlatformApi.AuditedServices) Assert.Contains(gateway.Requests, r => r.Path == $"{prefix}/audit/verify");
    }

    [Fact]
    public async Task The_city_quotas_show_used_of_limit_per_track_and_a_refused_entry_shows_its_field_errors()
    {
        gateway.Answer("GET", "/api/routing/cities/320500/summary", """
            {"callId":"2022","cityCode":"320500","tracks":[{"trackId":"industrial-brand","used":2,"limit":3,"limitUnknownReason":null,"applications":[]},
                                                         {"trackId":"hvp-new","used":1,"limit":null,"limitUnknownReason":"城市数据未录入","applications":[]}]}
            """);
        gateway.Answer("PUT", "/api/routing/cities/320100/figures", """
            {"title":"The city figures are invalid","status":400,"errors":{"inventionGrantsLastYear":["A number of grants, 0 or more, is required."]}}
            """, HttpStatusCode.BadRequest, "application/problem+json");
        var browser = As(PlatformRoles.Admin);

        var page = await Html(await browser.GetAsync("/admin/figures?call=2022"));
        var refused = await Html(await Forms.PostAsync(browser, "/admin/figures?call=2022", "city-figures",
            ("Entry.CallId", "2022"), ("Entry.CityCode", "320100"), ("Entry.InventionGrantsLastYear", "")));

        Assert.Contains("2 / 3", page);
        Assert.Contains("1 / ？（城市数据未录入）", page);
        Assert.Contains("南京市（320100）", page);
        Assert.Contains("A number of grants, 0 or more, is required.", ErrorsUnder(refused, "figures-grants-errors"));
        Assert.Contains("\"callId\":\"2022\"", gateway.Body("PUT", "/api/routing/cities/320100/figures"));
    }
}
