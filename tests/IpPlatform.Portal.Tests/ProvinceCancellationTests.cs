using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Texts;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The province's review page beyond the panel: cancelling an approval (取消立项资格) and reading the application's
/// content with the province's own download links (the stub gateway of <see cref="ProvinceScreensTests"/>).
/// </summary>
public sealed partial class ProvinceScreensTests
{
    const string FileId = "5b000000-0000-4000-8000-0000000000a3";

    /// <summary>The review approved (decided, not cancelled); <paramref name="status"/> and the decision vary it.</summary>
    static string Approved(string status = "Decided", string decision = "Approved", string cancellation = "null") =>
        InReview.Replace("\"status\":\"InReview\"", $"\"status\":\"{status}\"")
            .Replace("\"decision\":null", $$"""
                "decision":{"decision":"{{decision}}","approvedAmountCny":1000000,"reason":"集体决策通过","at":"2022-06-10T02:00:00Z","by":"province"}
                """)
            .Replace("\"cancellation\":null", $"\"cancellation\":{cancellation}");

    [Fact]
    public async Task An_approval_in_force_offers_its_cancellation_behind_a_confirm_and_sends_the_ground_reason_and_expiry()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved());
        gateway.Answer("POST", $"/api/reviews/{A}/cancellation", Approved(status: "ApprovalCancelled",
            cancellation: """{"reason":"Falsification: 伪造合同","at":"2022-07-01T02:00:00Z","by":"province"}"""));

        var page = await Html(await As(PlatformRoles.Province).GetAsync($"/province/reviews/{A}"));
        Assert.Contains("id=\"review-cancel-form\"", page);
        Assert.Matches("id=\"review-cancel\"[^>]*onclick=\"return confirm\\('确定取消该项目的立项资格吗？", page);
        Assert.Contains("<option value=\"Falsification\">弄虚作假</option>", page);

        var html = await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "cancel",
            ("CancelForm.Ground", "Falsification"), ("CancelForm.Reason", "伪造合同"), ("CancelForm.ExpiresOn", "2027-12-31"));

        Assert.Contains(PortalTexts.Chinese["province.cancel.done"], html);
        var body = JsonDocument.Parse(gateway.Body("POST", $"/api/reviews/{A}/cancellation")).RootElement;
        Assert.Equal(("Falsification", "伪造合同", "2027-12-31"),
            (body.GetProperty("ground").GetString(), body.GetProperty("reason").GetString(), body.GetProperty("expiresOn").GetString()));
    }

    [Fact]
    public async Task Without_an_expiry_the_cancellation_sends_none_so_that_the_credit_entry_does_not_expire()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved());
        gateway.Answer("POST", $"/api/reviews/{A}/cancellation", Approved(status: "ApprovalCancelled"));

        await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "cancel",
            ("CancelForm.Ground", "SeriousDishonesty"), ("CancelForm.Reason", "列入严重失信名单"), ("CancelForm.ExpiresOn", ""));

        var body = JsonDocument.Parse(gateway.Body("POST", $"/api/reviews/{A}/cancellation")).RootElement;
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expiresOn").ValueKind);
        Assert.Equal("SeriousDishonesty", body.GetProperty("ground").GetString());
    }

    [Fact]
    public async Task A_cancelled_approval_shows_the_cancellation_and_offers_no_second_one()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved(status: "ApprovalCancelled",
            cancellation: """{"reason":"Falsification: 伪造合同","at":"2022-07-01T02:00:00Z","by":"province-ip"}"""));

        var html = await Html(await As(PlatformRoles.Province).GetAsync($"/province/reviews/{A}"));

        Assert.Contains("已取消立项资格", html);
        Assert.Matches("data-testid=\"review-cancellation\">弄虚作假：伪造合同", html); // the ground in words
        Assert.Contains("2022-07-01 10:00", html); // when, in Shanghai
        Assert.Contains("province-ip", html);
        Assert.DoesNotContain("id=\"review-cancel-form\"", html);
    }

    [Theory]
    [InlineData("InReview", "Approved")] // no decision yet (the decision is ignored by the status)
    [InlineData("PanelClosed", "Approved")]
    [InlineData("Decided", "Rejected")]
    public async Task Only_an_approval_in_force_offers_a_cancellation(string status, string decision)
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved(status, decision));

        var html = await Html(await As(PlatformRoles.Province).GetAsync($"/province/reviews/{A}"));

        Assert.Contains("data-testid=\"review-status\"", html);
        Assert.DoesNotContain("id=\"review-cancel-form\"", html);
    }

    [Fact]
    public async Task A_refused_cancellation_shows_each_field_error_at_its_field_and_keeps_what_was_typed()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved());
        gateway.Answer("POST", $"/api/reviews/{A}/cancellation", """
            {"title":"The cancellation is invalid","status":400,
             "errors":{"reason":["A cancellation needs its reason."],"expiresOn":["The credit entry expires after today, or never (omit it)."]}}
            """, HttpStatusCode.BadRequest);

        var html = await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "cancel",
            ("CancelForm.Ground", "AcademicMisconduct"), ("CancelForm.Reason", " "), ("CancelForm.ExpiresOn", "2020-01-01"));

        Assert.Matches("id=\"cancel-reason-errors\"[^>]*>\\s*<li>[^<]+</li>", html);
        Assert.Matches("id=\"cancel-expires-errors\"[^>]*>\\s*<li>[^<]+</li>", html);
        Assert.Matches("id=\"cancel-ground-errors\"[^>]*>\\s*</ul>", html); // the ground was fine
        Assert.Matches("<option value=\"AcademicMisconduct\" selected", html);
        Assert.Contains("value=\"2020-01-01\"", html);
        Assert.DoesNotContain("data-testid=\"province-refused\"", html); // field errors are not a notice
    }

    [Fact]
    public async Task A_date_that_is_no_date_is_said_at_its_field_and_nothing_is_sent()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved());

        var html = await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "cancel",
            ("CancelForm.Ground", "Falsification"), ("CancelForm.Reason", "伪造合同"), ("CancelForm.ExpiresOn", "31.12.2027"));

        Assert.Contains(PortalTexts.Chinese["province.cancel.badDate"], html);
        Assert.Contains("伪造合同", html);
        Assert.DoesNotContain(gateway.Requests, r => r.PathAndQuery.EndsWith("/cancellation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancellation_the_service_refuses_by_rule_is_a_notice_in_the_persons_words()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved());
        gateway.Answer("POST", $"/api/reviews/{A}/cancellation", """
            {"type":"https://ipplatform.jiangsu.example/problems/already-cancelled","title":"Business rule","status":409,
             "detail":"The approval of application A was already cancelled."}
            """, HttpStatusCode.Conflict);

        var html = await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "cancel",
            ("CancelForm.Ground", "Falsification"), ("CancelForm.Reason", "伪造合同"));

        Assert.Contains("data-testid=\"province-refused\"", html);
        Assert.Contains(PortalTexts.Chinese["problem.already-cancelled"], html);
        Assert.DoesNotContain(PortalTexts.Chinese["province.cancel.done"], html);
    }

    [Fact]
    public async Task The_review_shows_the_applications_content_with_the_provinces_own_download_links()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", Approved());
        gateway.Answer("GET", $"/api/applications/{A}", $$"""
            {"id":"{{A}}","callId":"2022-rehearsal","track":"industrial-brand","status":"Approved","callVersion":1,
             "applicant":{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
             "createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-10T01:30:00Z","fingerprint":"ab12cd34",
             "document":{"applicant":{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
               "facts":{"inKeyIndustry":true,"chainLeaderOrLeading":false,"validInventionPatents":42,
                        "years":[{"year":2021,"salesCny":250000000,"rdCny":9000000,"patentGrants":30},{"year":2020,"salesCny":200000000}]},
               "project":{"name":"品牌培育示范项目","summary":"自主品牌建设。"},"budget":{"totalCny":3000000,"provincialFundsCny":1000000} } }
            """);
        gateway.Answer("GET", "/api/eligibility/calls/2022-rehearsal/versions/1", """
            {"callId":"2022-rehearsal","version":1,"call":{"id":"2022-rehearsal","tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育",
              "content":{"tasks":[],"targets":[],"facts":[
                {"path":"inKeyIndustry","kind":"YesNo","labelZh":"属于重点产业","labelEn":"In a key industry"},
                {"path":"chainLeaderOrLeading","kind":"YesNo","labelZh":"链主或龙头企业","labelEn":"Chain leader"},
                {"path":"ipStandardImplemented","kind":"YesNo","labelZh":"贯彻知识产权管理规范","labelEn":"IP standard implemented"},
                {"path":"validInventionPatents","kind":"Count","labelZh":"有效发明专利数","labelEn":"Valid invention patents"}]}}]}}
            """);
        gateway.Answer("GET", $"/api/applications/{A}/materials", $$"""
            {"applicationId":"{{A}}","unlisted":[],"materials":[{"id":"licence","nameZh":"营业执照","required":true,
              "files":[{"id":"{{FileId}}","materialId":"licence","fileName":"营业执照.pdf","contentType":"application/pdf","sizeBytes":204800,
                        "uploadedAt":"2022-05-01T01:00:00Z"}]}]}
            """);
        gateway.Answer("GET", "/api/identity/regions", """[{"code":"320583","name":"昆山市","level":"County","cityCode":"320500"}]""");

        var html = await Html(await As(PlatformRoles.Province).GetAsync($"/province/reviews/{A}"));

        var content = Regex.Match(html, "<section class=\"application-content\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("品牌培育示范项目", content);
        Assert.Contains("<dd data-testid=\"content-region\">昆山市（320583）</dd>", content);
        Assert.Contains("<dd>昆山市（320583）</dd>", html); // the review's own facts name it too
        Assert.Contains("data-fact=\"inKeyIndustry\"><th scope=\"row\">属于重点产业</th><td>是</td>", content); // the call's label
        Assert.Matches("data-fact=\"chainLeaderOrLeading\"><th scope=\"row\">[^<]+</th><td>否</td>", content);
        Assert.Matches("data-fact=\"ipStandardImplemented\"><th scope=\"row\">[^<]+</th><td>未声明</td>", content);
        Assert.Matches("data-fact=\"validInventionPatents\"><th scope=\"row\">[^<]+</th><td>42</td>", content);
        Assert.Contains("data-figure=\"salesCny\">250,000,000</td>", content);
        Assert.True(content.IndexOf("data-year=\"2020\"", StringComparison.Ordinal) < content.IndexOf("data-year=\"2021\"", StringComparison.Ordinal),
            "The years are in order, oldest first.");
        Assert.Contains($"href=\"/province/reviews/{A}/materials/{FileId}\"", content);
        Assert.Contains("营业执照.pdf", content);
    }

    [Fact]
    public async Task The_province_downloads_a_material_through_its_own_route_which_other_roles_may_not_use()
    {
        gateway.Answer("GET", $"/api/applications/{A}/materials/{FileId}/content", "\"file bytes\"");

        var province = await As(PlatformRoles.Province).GetAsync($"/province/reviews/{A}/materials/{FileId}");
        var expert = await As(PlatformRoles.Expert).GetAsync($"/province/reviews/{A}/materials/{FileId}");
        var office = await As(PlatformRoles.Province).GetAsync($"/office/cases/{A}/materials/{FileId}");

        Assert.Equal(HttpStatusCode.OK, province.StatusCode);
        Assert.Equal("\"file bytes\"", await province.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", province.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", province.Content.Headers.ContentDisposition?.DispositionType);
        Assert.NotEqual(HttpStatusCode.OK, expert.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, office.StatusCode); // the office's route is the office's
        Assert.Single(gateway.Requests, r => r.PathAndQuery == $"/api/applications/{A}/materials/{FileId}/content");
    }
}
