using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The expert's and the finance department's pages over the portal's own host, with the gateway replaced by a stub
/// that answers by method and path and keeps what the portal sent.
/// </summary>
public sealed partial class ExpertFinancePagesTests : IDisposable
{
    const string AppId = "6f1c2d3e-0000-4000-8000-000000000001";
    const string TrancheId = "7a000000-0000-4000-8000-000000000002";
    const string Expert = "expert-wang";
    // Shanghai's 2022-06-10 (the payment form's "today").
    readonly PortalHost portal = new(new DateTimeOffset(2022, 6, 10, 2, 0, 0, TimeSpan.Zero));

    RecordingGateway gateway => portal.Gateway;

    public ExpertFinancePagesTests()
    {
        gateway.Answer("GET", "/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);
    }

    public void Dispose() => portal.Dispose();

    HttpClient As(string role, string name = Expert) => portal.SignedIn(role, name: name);

    static Task<string> Html(HttpResponseMessage response) => PortalHost.HtmlAsync(response);

    /// <summary>The messages rendered in the field-errors list with this id.</summary>
    static string ErrorsList(string html, string id) =>
        Regex.Match(html, $"<ul id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;

    // ---------------------------------------------------------------- expert

    const string Sheet = """
        [{"id":"basis","nameZh":"项目基础","max":40,"weight":1,"bonus":false},
         {"id":"plan","nameZh":"实施方案","max":60,"weight":1,"bonus":false},
         {"id":"priority-brand","nameZh":"优先支持方向","max":5,"weight":1,"bonus":true}]
        """;

    static string Review(bool blind, string scores = "[]", string status = "InReview", string seat = "Seated") => $$"""
        {"applicationId":"{{AppId}}","callId":"2022","trackId":"industrial-brand",
         "applicant":{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
         "cityOfficeRegionCode":"320500","cityOpinion":"同意推荐","status":"{{status}}","blind":{{(blind ? "true" : "false")}},
         "result":{{(blind ? "null" : """{"result":82.5,"count":2,"lowest":80,"highest":85,"spread":5,"trimmed":false}""")}},
         "averageScore":null,"scores":{{scores}},
         "panel":[{"expert":"{{Expert}}","round":1,"seed":7,"status":"{{seat}}","declineReason":{{(seat == "Declined" ? "\"与申报单位有合作关系\"" : "null")}},"drawnAt":"2022-06-01T02:00:00Z"}],
         "sheet":{{Sheet}},"decision":null,"closedReason":null,"cancellation":null}
        """;

    void AnswerApplication()
    {
        gateway.Answer("GET", $"/api/applications/{AppId}", $$"""
            {"id":"{{AppId}}","callId":"2022","track":"industrial-brand","status":"RecommendedByCity",
             "applicant":{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
             "createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-10T01:30:00Z","eligibility":null,"routing":null,"decision":null,
             "timeline":[],"fingerprint":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
            """);
        gateway.Answer("GET", $"/api/applications/{AppId}/materials", $$"""
            {"applicationId":"{{AppId}}","frozen":true,"missingRequired":[],"unlisted":[],
             "materials":[{"id":"licence","nameZh":"营业执照","required":true,"allowedTypes":["application/pdf"],"maxBytes":10485760,"maxFiles":1,
               "files":[{"id":"5b000000-0000-4000-8000-000000000003","materialId":"licence","fileName":"营业执照.pdf","contentType":"application/pdf",
                         "sizeBytes":204800,"sha256":"ab","uploadedAt":"2022-05-09T01:00:00Z","uploadedBy":"a",
                         "contentUrl":"/api/applications/{{AppId}}/materials/5b000000-0000-4000-8000-000000000003/content"}]}]}
            """);
    }

    [Fact]
    public async Task The_experts_list_shows_the_drawn_applications_and_no_result_while_blind()
    {
        gateway.Answer("GET", "/api/reviews", $$"""
            [{"applicationId":"{{AppId}}","callId":"2022","trackId":"industrial-brand","applicantName":"昆山示范企业有限公司","regionCode":"320583",
              "status":"InReview","blind":true,"scoreCount":null,"averageScore":null,"result":null,"spread":null,"decision":null},
             {"applicationId":"6f1c2d3e-0000-4000-8000-000000000009","callId":"2022","trackId":"industrial-brand","applicantName":"苏州另一企业",
              "regionCode":"320505","status":"PanelClosed","blind":false,"scoreCount":3,"averageScore":81,"result":78.25,"spread":9,"decision":null}]
            """);

        var html = await Html(await As(PlatformRoles.Expert).GetAsync("/expert/reviews"));

        Assert.Contains("昆山示范企业有限公司", html);
        Assert.Contains("工业品牌培育", html);
        Assert.Contains("评审中", html);
        Assert.Contains("待评分", html);
        Assert.Contains("78.25", html); // the scored line's result, as the service gave it
        Assert.Contains($"href=\"/expert/reviews/{AppId}\"", html);
        Assert.Contains("href=\"/expert/reviews\"", html); // the expert's menu link
        Assert.DoesNotContain("href=\"/finance/tranches\"", html);
    }

    [Theory]
    [InlineData(PlatformRoles.Finance, "/expert/reviews")]
    [InlineData(PlatformRoles.Applicant, "/expert/reviews")]
    [InlineData(PlatformRoles.Expert, "/finance/tranches")]
    [InlineData(PlatformRoles.Province, "/finance/tranches")]
    public async Task Each_role_is_refused_the_other_roles_pages(string role, string path)
    {
        var response = await As(role).GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(gateway.Requests, r => r.Path.StartsWith("/api/reviews") || r.Path.StartsWith("/api/funding"));
    }

    [Fact]
    public async Task The_review_page_shows_the_application_its_materials_and_the_blind_sheet_with_the_bounds_of_each_criterion()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: true));

        var html = await Html(await As(PlatformRoles.Expert).GetAsync($"/expert/reviews/{AppId}"));

        Assert.Contains("昆山示范企业有限公司", html);
        Assert.Contains("同意推荐", html);
        Assert.Contains("2022-05-10 09:30", html);
        Assert.Contains($"href=\"/applications/{AppId}/form.pdf\"", html);
        Assert.Contains($"href=\"/expert/reviews/{AppId}/materials/5b000000-0000-4000-8000-000000000003\"", html);
        Assert.Contains("营业执照.pdf", html);
        // Each criterion's input carries its bounds for the browser, with a label.
        Assert.Matches("<input id=\"points-basis\" name=\"Score.Points\\[basis\\]\" type=\"number\"[^>]*min=\"0\" max=\"40\"", html);
        Assert.Matches("<input id=\"points-priority-brand\"[^>]*max=\"5\"", html);
        Assert.Contains("<label for=\"points-plan\">实施方案</label>", html);
        Assert.Contains("加分项（优先支持）", html);
        Assert.Contains("盲评", html);
        Assert.DoesNotContain("data-testid=\"expert-scores\"", html);
        // Not yet scored: the expert may still decline, and the browser asks first.
        Assert.Contains("data-testid=\"decline-form\"", html);
        Assert.Contains("return confirm('拒绝后不能撤回", html);
    }

    [Fact]
    public async Task Once_scored_the_page_shows_the_panels_scores_the_service_returned_and_the_experts_own_points_to_revise()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: false, scores: $$"""
            [{"expert":"{{Expert}}","score":85,"bonusPoints":5,"points":{"basis":35,"plan":45,"priority-brand":5},"comment":"基础扎实","at":"2022-06-02T02:00:00+00:00","revisions":1},
             {"expert":"expert-li","score":80,"bonusPoints":0,"points":{"basis":30,"plan":50,"priority-brand":0},"comment":null,"at":"2022-06-03T02:00:00Z","revisions":0}]
            """));

        var html = await Html(await As(PlatformRoles.Expert).GetAsync($"/expert/reviews/{AppId}"));

        Assert.Contains("data-testid=\"expert-scores\"", html);
        Assert.Contains("expert-li", html);
        Assert.Contains("您的评分：85 分（加分 5），第 1 次修改，2022-06-02 10:00", html); // the service's instant on the Shanghai clock
        Assert.Contains("评审结果：82.5（2 份评分，最低 80，最高 85）", html);
        Assert.Matches("<input id=\"points-basis\"[^>]*value=\"35\"", html);
        Assert.Contains(">基础扎实</textarea>", html);
        Assert.Contains("修改评分", html);
        Assert.DoesNotContain("data-testid=\"decline-form\"", html); // a scoring expert does not decline
    }

    [Fact]
    public async Task A_closed_panel_shows_no_sheet_to_submit()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: false, status: "PanelClosed"));

        var html = await Html(await As(PlatformRoles.Expert).GetAsync($"/expert/reviews/{AppId}"));

        Assert.Contains("评审组已关闭，评分不能再修改。", html);
        Assert.DoesNotContain("data-testid=\"score-sheet\"", html);
    }

    [Fact]
    public async Task A_review_the_expert_was_not_drawn_for_is_not_found()
    {
        var html = await Html(await As(PlatformRoles.Expert).GetAsync($"/expert/reviews/{AppId}"));

        Assert.Contains("您未被抽中评审这项申报", html);
        Assert.DoesNotContain("data-testid=\"score-sheet\"", html);
    }

    [Fact]
    public async Task The_services_field_errors_show_next_to_their_criterion_and_what_was_typed_stays()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: true));
        gateway.Answer("POST", $"/api/reviews/{AppId}/scores", """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The score is invalid","status":400,
             "errors":{"points.plan":["实施方案: points from 0 to 60 are required."],"points.extra":["Not a criterion of this track's score sheet."]}}
            """, HttpStatusCode.BadRequest);

        var html = await Forms.SubmitAsync(As(PlatformRoles.Expert), $"/expert/reviews/{AppId}", "score",
            ("Score.Points[basis]", "30"), ("Score.Points[plan]", "50.5"), ("Score.Points[priority-brand]", "2"), ("Score.Comment", "方案可行"));

        var sent = Assert.Single(gateway.Requests, r => r.Method == "POST");
        using var body = System.Text.Json.JsonDocument.Parse(sent.Body);
        Assert.Equal(30m, body.RootElement.GetProperty("points").GetProperty("basis").GetDecimal());
        Assert.Equal(50.5m, body.RootElement.GetProperty("points").GetProperty("plan").GetDecimal());
        Assert.Equal("方案可行", body.RootElement.GetProperty("comment").GetString());
        Assert.Contains("实施方案: points from 0 to 60 are required.", ErrorsList(html, "points-plan-errors"));
        Assert.Equal("", ErrorsList(html, "points-basis-errors").Trim());
        Assert.Contains("Not a criterion of this track's score sheet.", ErrorsList(html, "points-errors"));
        Assert.Matches("<input id=\"points-plan\"[^>]*value=\"50.5\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains(">方案可行</textarea>", html);
    }

    [Fact]
    public async Task Points_beyond_a_criterions_maximum_are_refused_by_the_portal_before_anything_is_sent()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: true));

        var html = await Forms.SubmitAsync(As(PlatformRoles.Expert), $"/expert/reviews/{AppId}", "score",
            ("Score.Points[basis]", "41"), ("Score.Points[plan]", "abc"), ("Score.Points[priority-brand]", "5"));

        Assert.DoesNotContain(gateway.Requests, r => r.Method == "POST");
        Assert.Contains("项目基础：请填写 0 至 40 之间的分数。", ErrorsList(html, "points-basis-errors"));
        Assert.Contains("实施方案：请填写 0 至 60 之间的分数。", ErrorsList(html, "points-plan-errors"));
        Assert.Equal("", ErrorsList(html, "points-priority-brand-errors").Trim());
        Assert.Matches("<input id=\"points-plan\"[^>]*value=\"abc\"", html);
    }

    [Fact]
    public async Task A_refusal_of_the_score_shows_the_services_reason()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: true));
        gateway.Answer("POST", $"/api/reviews/{AppId}/scores", """
            {"title":"Business rule violated","status":409,"detail":"The panel of application x is closed; its scores stand."}
            """, HttpStatusCode.Conflict);

        var html = await Forms.SubmitAsync(As(PlatformRoles.Expert), $"/expert/reviews/{AppId}", "score",
            ("Score.Points[basis]", "30"), ("Score.Points[plan]", "50"), ("Score.Points[priority-brand]", "0"));

        Assert.Contains("评分未被接受", html);
        Assert.Contains("its scores stand.", html);
    }

    [Fact]
    public async Task A_decline_without_a_reason_shows_the_services_message_next_to_the_reason()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: true));
        gateway.Answer("POST", $"/api/reviews/{AppId}/panel/decline", """
            {"title":"The decline is invalid","status":400,"errors":{"reason":["A decline needs its reason."]}}
            """, HttpStatusCode.BadRequest);

        var html = await Forms.SubmitAsync(As(PlatformRoles.Expert), $"/expert/reviews/{AppId}", "decline", ("Decline.Reason", " "));

        Assert.Contains("A decline needs its reason.", ErrorsList(html, "decline-reason-errors"));
    }

    [Fact]
    public async Task After_declining_the_page_says_so_and_offers_no_sheet()
    {
        AnswerApplication();
        gateway.Answer("GET", $"/api/reviews/{AppId}", Review(blind: true, seat: "Declined"));

        var html = await Html(await As(PlatformRoles.Expert).GetAsync($"/expert/reviews/{AppId}"));

        Assert.Contains("您已拒绝评审：与申报单位有合作关系", html);
        Assert.DoesNotContain("data-testid=\"score-sheet\"", html);
        Assert.DoesNotContain("data-testid=\"decline-form\"", html);
    }

    [Fact]
    public async Task A_material_file_downloads_through_the_portal_with_its_name()
    {
        gateway.Answer("GET", $"/api/applications/{AppId}/materials/5b000000-0000-4000-8000-000000000003/content", "%PDF-1.7 test",
            mediaType: "application/pdf", fileName: "licence.pdf");

        var response = await As(PlatformRoles.Expert).GetAsync($"/expert/reviews/{AppId}/materials/5b000000-0000-4000-8000-000000000003");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("licence.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("%PDF-1.7 test", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_sheet_reads_typed_points_against_each_criterions_bounds()
    {
        IReadOnlyList<ExpertCriterion> sheet = [new("basis", "项目基础", 40, 1, false), new("bonus", "加分", 5, 2, true)];

        var (points, errors) = ScoreSheet.Read(sheet, new Dictionary<string, string?> { ["basis"] = " 40 ", ["bonus"] = "2.5" }, c => c.Id);
        Assert.Empty(errors);
        Assert.Equal(new Dictionary<string, decimal> { ["basis"] = 40, ["bonus"] = 2.5m }, points);
        Assert.Equal(45m, ScoreSheet.Total(sheet, points!));

        (points, errors) = ScoreSheet.Read(sheet, new Dictionary<string, string?> { ["basis"] = "-1" }, c => "bad " + c.Id);
        Assert.Null(points);
        Assert.Equal(["points.basis", "points.bonus"], errors.Keys.Order());
        Assert.Equal(["bad bonus"], errors["points.bonus"]);
    }

    [Fact]
    public void The_services_errors_go_to_their_criterion_and_the_rest_above_the_sheet()
    {
        IReadOnlyList<ExpertCriterion> sheet = [new("basis", "项目基础", 40, 1, false)];
        var outcome = new ApiOutcome(400, new ProblemDocument(null, "invalid", null, 400, new()
        {
            ["points.basis"] = ["out of range"], ["points"] = ["required"], ["comment"] = ["too long"],
        }));

        Assert.Equal(["mine", "out of range"],
            ScoreSheet.ErrorsFor("basis", new Dictionary<string, string[]> { ["points.basis"] = ["mine"] }, outcome));
        Assert.Equal(["required"], ScoreSheet.SheetErrors(sheet, outcome));
        Assert.Empty(ScoreSheet.SheetErrors(sheet, null));
    }

    // ---------------------------------------------------------------- finance

    const string Unit = """{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"}""";

    static string TrancheJson(string id, int sequence, string name, decimal amount, string trigger, string status, string? releasedOn,
        string? voucher = null, string? disbursedOn = null) => $$"""
        {"id":"{{id}}","sequence":{{sequence}},"name":"{{name}}","amountCny":{{amount}},"trigger":"{{trigger}}","status":"{{status}}",
         "releasedOn":{{(releasedOn is null ? "null" : $"\"{releasedOn}\"")}},"voucherNo":{{(voucher is null ? "null" : $"\"{voucher}\"")}},
         "disbursedOn":{{(disbursedOn is null ? "null" : $"\"{disbursedOn}\"")}},"disbursedBy":{{(voucher is null ? "null" : "\"finance-zhao\"")}},
         "cancelledOn":null,"cancellationReason":null}
        """;

    void AnswerAgreement(string firstStatus = "Released", string? voucher = null, string? disbursedOn = null) =>
        gateway.Answer("GET", $"/api/funding/{AppId}", $$"""
            {"id":"8c000000-0000-4000-8000-000000000004","applicationId":"{{AppId}}","callId":"2022","trackId":"industrial-brand","unit":{{Unit}},
             "totalCny":500000,"disbursedCny":{{(firstStatus == "Disbursed" ? 250000 : 0)}},"approvedOn":"2022-06-01","rehearsal":false,
             "tranches":[{{TrancheJson(TrancheId, 1, "首期", 250000, "Approval", firstStatus, "2022-06-01", voucher, disbursedOn)}},
                         {{TrancheJson("7a000000-0000-4000-8000-000000000005", 2, "验收后", 250000, "Acceptance", "Scheduled", null)}}]}
            """);

    [Fact]
    public async Task The_tranches_page_lists_what_finance_must_pay_by_default_with_amounts_in_yuan()
    {
        gateway.Answer("GET", "/api/funding/tranches", $$"""
            [{"applicationId":"{{AppId}}","trackId":"industrial-brand","unit":{{Unit}},"tranche":{{TrancheJson(TrancheId, 1, "首期", 1250000.5m, "Approval", "Released", "2022-06-01")}}},
             {"applicationId":"6f1c2d3e-0000-4000-8000-000000000009","trackId":"industrial-brand",
              "unit":{"name":"苏州另一企业","creditCode":"91320505MA1YYYYYY2","kind":"Enterprise","regionCode":"320505"},
              "tranche":{{TrancheJson("7a000000-0000-4000-8000-000000000006", 1, "首期", 100000, "Approval", "Released", "2022-06-02")}}}]
            """);

        var browser = As(PlatformRoles.Finance, "finance-zhao");
        var html = await Html(await browser.GetAsync("/finance/tranches"));

        Assert.Contains(gateway.Requests, r => r.Path == "/api/funding/tranches" && r.Query == "?status=Released");
        Assert.Contains("1,250,000.50", html);
        Assert.Contains("2022年6月1日", html);
        Assert.Contains("工业品牌培育", html);
        Assert.Contains("显示 2 笔，合计 1,350,000.50 元", html);
        Assert.Contains($"href=\"/finance/tranches/{AppId}/{TrancheId}\"", html);
        Assert.Contains("href=\"/finance/tranches\"", html); // finance's menu link
        Assert.DoesNotContain("href=\"/expert/reviews\"", html);

        // The name filter narrows the list; "all" asks the service for every status.
        html = await Html(await browser.GetAsync("/finance/tranches?status=all&q=苏州"));
        Assert.Contains(gateway.Requests, r => r.Path == "/api/funding/tranches" && r.Query == "");
        Assert.Contains("苏州另一企业", html);
        Assert.DoesNotContain("昆山示范企业有限公司", html);
    }

    [Fact]
    public async Task A_released_tranche_offers_the_payment_form_and_its_history()
    {
        AnswerAgreement();

        var html = await Html(await As(PlatformRoles.Finance, "finance-zhao").GetAsync($"/finance/tranches/{AppId}/{TrancheId}"));

        Assert.Contains("付款金额：250,000.00 元", html);
        Assert.Matches("<input[^>]*id=\"voucherNo\"", html);
        Assert.Matches("<input[^>]*id=\"disbursedOn\"[^>]*value=\"2022-06-10\"", html);
        Assert.Contains("max=\"2022-06-10\"", html);
        Assert.Contains("列入拨付计划", html);
        Assert.Contains("达到拨付条件，待付款", html);
        Assert.Contains("验收通过", html); // the second tranche's trigger in the plan
    }

    [Fact]
    public async Task A_payments_field_errors_show_next_to_their_fields_and_what_was_typed_stays()
    {
        AnswerAgreement();
        gateway.Answer("POST", $"/api/funding/tranches/{TrancheId}/disbursements", """
            {"title":"The disbursement is invalid","status":400,"errors":{"voucherNo":["A voucher number has at most 64 characters."]}}
            """, HttpStatusCode.BadRequest);
        var voucher = new string('9', 70);

        var html = await Forms.SubmitAsync(As(PlatformRoles.Finance, "finance-zhao"), $"/finance/tranches/{AppId}/{TrancheId}", "payment",
            ("Payment.VoucherNo", voucher), ("Payment.DisbursedOn", "2022-06-05"));

        var sent = Assert.Single(gateway.Requests, r => r.Method == "POST");
        Assert.Contains("\"disbursedOn\":\"2022-06-05\"", sent.Body);
        Assert.Contains("A voucher number has at most 64 characters.", ErrorsList(html, "voucherNo-errors"));
        Assert.Contains($"value=\"{voucher}\"", html);
        Assert.Contains("value=\"2022-06-05\"", html);
    }

    [Fact]
    public async Task A_refused_payment_shows_the_services_reason()
    {
        AnswerAgreement();
        gateway.Answer("POST", $"/api/funding/tranches/{TrancheId}/disbursements", """
            {"title":"Business rule violated","status":409,"detail":"Tranche '首期' was released on 2022-06-01; it cannot have been paid on 2022-05-30."}
            """, HttpStatusCode.Conflict);

        var html = await Forms.SubmitAsync(As(PlatformRoles.Finance, "finance-zhao"), $"/finance/tranches/{AppId}/{TrancheId}", "payment",
            ("Payment.VoucherNo", "PZ-2022-0601"), ("Payment.DisbursedOn", "2022-05-30"));

        Assert.Contains("付款登记未被接受", html);
        Assert.Contains("it cannot have been paid on 2022-05-30.", html);
    }

    [Fact]
    public async Task A_recorded_payment_is_confirmed_and_the_tranche_shows_paid_with_its_voucher()
    {
        AnswerAgreement();
        gateway.Answer("POST", $"/api/funding/tranches/{TrancheId}/disbursements", "{}");
        var browser = As(PlatformRoles.Finance, "finance-zhao");
        var page = await browser.GetStringAsync($"/finance/tranches/{AppId}/{TrancheId}");
        // What the service answers once the payment is stored.
        AnswerAgreement("Disbursed", "PZ-2022-0601", "2022-06-05");

        var response = await Forms.PostFromPageAsync(browser, page, $"/finance/tranches/{AppId}/{TrancheId}", "payment",
            ("Payment.VoucherNo", "PZ-2022-0601"), ("Payment.DisbursedOn", "2022-06-05"));
        var html = await Html(response);

        Assert.Contains("已登记付款。", html);
        Assert.Contains("PZ-2022-0601 · finance-zhao", html);
        Assert.DoesNotContain("data-testid=\"finance-pay\"", html);
    }

    [Fact]
    public async Task A_tranche_another_account_paid_meanwhile_answers_the_services_refusal_rather_than_failing_the_post()
    {
        AnswerAgreement();
        var browser = As(PlatformRoles.Finance, "finance-zhao");
        var page = await browser.GetStringAsync($"/finance/tranches/{AppId}/{TrancheId}");
        AnswerAgreement("Disbursed", "PZ-OTHER", "2022-06-04");
        gateway.Answer("POST", $"/api/funding/tranches/{TrancheId}/disbursements", """
            {"title":"Business rule violated","status":409,"detail":"Tranche '首期' was already paid on 2022-06-04 (voucher PZ-OTHER)."}
            """, HttpStatusCode.Conflict);

        var response = await Forms.PostFromPageAsync(browser, page, $"/finance/tranches/{AppId}/{TrancheId}", "payment",
            ("Payment.VoucherNo", "PZ-2022-0601"), ("Payment.DisbursedOn", "2022-06-05"));
        var html = await Html(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("was already paid on 2022-06-04 (voucher PZ-OTHER).", html);
        Assert.DoesNotContain("data-testid=\"finance-pay\"", html);
    }

    [Fact]
    public void A_tranches_history_follows_its_dates()
    {
        var tranche = new FinanceTranche(Guid.NewGuid(), 1, "首期", 100, "Approval", "Disbursed", new DateOnly(2022, 6, 1), "PZ-1",
            new DateOnly(2022, 6, 5), "finance-zhao", null, null);
        var agreement = new FinanceAgreement(Guid.NewGuid(), Guid.NewGuid(), "2022", "t", new FinanceUnit("u", "c", "k", "r"), 100, 100,
            new DateOnly(2022, 5, 30), false, [tranche]);

        var history = TrancheHistory.Of(agreement, tranche);

        Assert.Equal(["finance.history.planned", "finance.history.released", "finance.history.disbursed"], history.Select(h => h.What));
        Assert.Equal(new DateOnly(2022, 6, 5), history[^1].On);
        Assert.Equal("PZ-1 · finance-zhao", history[^1].Detail);
    }

    [Fact]
    public void Every_word_of_the_expert_and_finance_pages_is_in_English_too()
    {
        var keys = Portal.Texts.PortalTexts.Chinese.Keys.Where(k => k.StartsWith("expert.") || k.StartsWith("finance.")).ToList();

        Assert.NotEmpty(keys);
        // English falls back to the Chinese text for a key it lacks: a lacking key reads the same in both.
        Assert.DoesNotContain(keys, k => Portal.Texts.PortalTexts.English[k] == Portal.Texts.PortalTexts.Chinese[k]);
    }
}
