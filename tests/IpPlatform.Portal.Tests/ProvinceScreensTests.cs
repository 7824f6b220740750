using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Components.Pages.Province;
using IpPlatform.Portal.Texts;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The province's screens over the Review API, on the portal's own host with a stub gateway that answers by method and
/// path and keeps what the portal posted.
/// </summary>
public sealed partial class ProvinceScreensTests : IDisposable
{
    const string A = "6f1c2d3e-0000-4000-8000-00000000000a";
    const string B = "6f1c2d3e-0000-4000-8000-00000000000b";
    const string C = "6f1c2d3e-0000-4000-8000-00000000000c";
    const string Dec = "9e000000-0000-4000-8000-000000000001";
    const string Obj = "0b000000-0000-4000-8000-000000000001";
    readonly PortalHost portal = new();

    RecordingGateway gateway => portal.Gateway;

    public ProvinceScreensTests()
    {
        gateway.Answer("GET", "/api/eligibility/calls", """
            [{"id":"2022-rehearsal","version":1,"titleZh":"2022年度演练","issuedOn":"2022-04-01","rehearsal":true,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2099-05-20"}]}]
            """);
    }

    public void Dispose() => portal.Dispose();

    HttpClient As(string role) => portal.SignedIn(role, name: role);

    static Task<string> Html(HttpResponseMessage response) => PortalHost.HtmlAsync(response);

    /// <summary>Posts a page's form as a browser would and checks the page answered 200.</summary>
    static Task<string> PostForm(HttpClient browser, string url, string form, params (string Name, string Value)[] fields) =>
        Forms.SubmitAsync(browser, url, form, fields);

    const string ReviewList = $$"""
        [{"applicationId":"{{A}}","callId":"2022-rehearsal","trackId":"industrial-brand","applicantName":"昆山示范企业有限公司","regionCode":"320583",
          "status":"PanelClosed","blind":false,"scoreCount":3,"averageScore":86.5,"result":87.25,"spread":6,"decision":null,"approvedAmountCny":null},
         {"applicationId":"{{B}}","callId":"2022-rehearsal","trackId":"industrial-brand","applicantName":"江阴品牌有限公司","regionCode":"320281",
          "status":"Decided","blind":false,"scoreCount":2,"averageScore":80,"result":80,"spread":2,"decision":"Approved","approvedAmountCny":1200000}]
        """;

    [Fact]
    public async Task The_review_list_shows_each_forwarded_application_with_its_state_panel_and_result_and_the_menu_has_the_province_links()
    {
        gateway.Answer("GET", "/api/reviews", ReviewList);

        var html = await Html(await As(PlatformRoles.Province).GetAsync("/province/reviews?track=2022-rehearsal/industrial-brand"));

        Assert.Contains("昆山示范企业有限公司", html);
        Assert.Contains("评审已结束", html);
        Assert.Contains("87.25", html);
        Assert.Contains("1,200,000 元", html);
        Assert.Contains($"href=\"/province/reviews/{A}\"", html);
        Assert.Contains("为本方向抽取全部专家组", html); // a track is chosen: its bulk draw is offered
        Assert.Contains("href=\"/province/ranking\"", html);
        Assert.Contains("href=\"/province/decisions\"", html);
        Assert.Contains(gateway.Requests, r => r.PathAndQuery == "/api/reviews?callId=2022-rehearsal&trackId=industrial-brand");
    }

    [Theory]
    [InlineData(PlatformRoles.CountyOffice)]
    [InlineData(PlatformRoles.Applicant)]
    [InlineData(PlatformRoles.Expert)]
    public async Task Other_accounts_are_refused_the_province_screens_and_see_no_province_links(string role)
    {
        var browser = As(role);

        foreach (var page in new[] { "/province/reviews", $"/province/reviews/{A}", "/province/ranking", "/province/decisions", $"/province/decisions/{Dec}" })
            Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync(page)).StatusCode);
        Assert.DoesNotContain("/province/", await Html(await browser.GetAsync("/")));
        Assert.DoesNotContain(gateway.Requests, r => r.PathAndQuery.StartsWith("/api/reviews"));
    }

    [Fact]
    public async Task Drawing_the_whole_tracks_panels_states_a_partial_success_and_why_each_failure_failed()
    {
        gateway.Answer("GET", "/api/reviews", ReviewList);
        gateway.Answer("POST", "/api/reviews/panels", $$"""
            {"callId":"2022-rehearsal","trackId":"industrial-brand","total":2,"succeeded":1,"failed":1,"items":[
              {"applicationId":"{{A}}","status":200,"draw":{"applicationId":"{{A}}","round":1,"seed":7,"wanted":2,"drawn":["expert-1","expert-2"],"shortfall":0,"candidates":[],"excluded":[]},"problem":null},
              {"applicationId":"{{B}}","status":409,"draw":null,"problem":{"status":409,"title":"This application's panel was not drawn","detail":"No active expert is free of a conflict of interest.","code":"no-eligible-expert"} }]}
            """);

        var html = await PostForm(As(PlatformRoles.Province), "/province/reviews?track=2022-rehearsal/industrial-brand", "draw-track",
            ("DrawCall", "2022-rehearsal"), ("DrawTrack", "industrial-brand"));

        Assert.Contains("部分成功：2 项中 1 项已抽取专家，1 项未能抽取。", html);
        Assert.Contains("抽取：expert-1、expert-2。", html);
        Assert.Contains(IpPlatform.Portal.Texts.PortalTexts.Chinese["problem.no-eligible-expert"], html); // the item's code in the person's words
        var body = JsonDocument.Parse(gateway.Body("POST", "/api/reviews/panels")).RootElement;
        Assert.Equal(("2022-rehearsal", "industrial-brand"), (body.GetProperty("callId").GetString(), body.GetProperty("trackId").GetString()));
    }

    const string InReview = $$"""
        {"applicationId":"{{A}}","callId":"2022-rehearsal","trackId":"industrial-brand",
         "applicant":{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
         "cityOfficeRegionCode":"320500","cityOpinion":"同意推荐","status":"InReview","blind":false,
         "result":{"result":88,"count":1,"lowest":88,"highest":88,"spread":0,"trimmed":false},"averageScore":88,
         "scores":[{"expert":"expert-1","score":88,"bonusPoints":0,"points":{"overall":88},"comment":"基础扎实","at":"2022-06-01T02:00:00Z","revisions":0}],
         "panel":[{"expert":"expert-1","round":1,"seed":7,"status":"Seated","declineReason":null,"drawnAt":"2022-06-01T01:00:00Z"},
                  {"expert":"expert-3","round":1,"seed":7,"status":"Declined","declineReason":"曾为该单位提供咨询","drawnAt":"2022-06-01T01:00:00Z"}],
         "sheet":[],"decision":null,"closedReason":null,"cancellation":null,"decisionId":null}
        """;

    [Fact]
    public async Task The_review_shows_the_panel_with_declines_and_reasons_the_scores_and_the_acts_of_a_review_in_progress()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", InReview);
        gateway.Answer("GET", $"/api/applications/{A}", $$"""
            {"id":"{{A}}","callId":"2022-rehearsal","track":"industrial-brand","status":"RecommendedByCity",
             "applicant":{"name":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","kind":"Enterprise","regionCode":"320583"},
             "createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-10T01:30:00Z","eligibility":null,"routing":null,"decision":null,"timeline":[],
             "fingerprint":"ab12cd34"}
            """);

        var html = await Html(await As(PlatformRoles.Province).GetAsync($"/province/reviews/{A}"));

        Assert.Contains("昆山示范企业有限公司（91320583MA1XXXXXX1）", html);
        Assert.Contains("同意推荐", html);
        Assert.Contains("已回避", html);
        Assert.Contains("曾为该单位提供咨询", html);
        Assert.Contains("基础扎实", html);
        Assert.Contains("2022-06-01 10:00", html); // the score's time in Shanghai
        Assert.Contains("2022-05-10 09:30", html); // submitted, from intake
        Assert.Contains("ab12cd34", html);
        Assert.Contains($"href=\"/applications/{A}/form.pdf\"", html);
        Assert.Contains("id=\"review-draw-panel\"", html);
        Assert.Contains("id=\"review-close-panel\"", html);
        Assert.Contains("id=\"return-reason\"", html);
        Assert.DoesNotContain("id=\"review-approve\"", html); // decided only once the panel is closed
    }

    [Fact]
    public async Task Approving_from_the_review_links_the_collective_decision_and_a_refusal_shows_its_detail()
    {
        gateway.Answer("GET", $"/api/reviews/{A}", InReview.Replace("\"status\":\"InReview\"", "\"status\":\"PanelClosed\""));
        gateway.Answer("POST", $"/api/reviews/{A}/decision", Decision(publicityEnds: "2022-06-02T00:00:00Z", objections: "[]"), HttpStatusCode.Accepted);

        var html = await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "decide",
            ("DecideForm.Amount", "1,000,000"), ("DecideForm.Reason", "集体决策通过"), ("DecideForm.Decision", "Approved"));

        Assert.Contains("已记录批准决定，进入公示。", html);
        Assert.Contains($"id=\"review-decision-link\" href=\"/province/decisions/{Dec}\"", html);
        var body = JsonDocument.Parse(gateway.Body("POST", $"/api/reviews/{A}/decision")).RootElement;
        Assert.Equal(("Approved", 1000000m), (body.GetProperty("decision").GetString(), body.GetProperty("approvedAmountCny").GetDecimal()));

        gateway.Answer("POST", $"/api/reviews/{A}/decision", """
            {"type":"https://ipplatform.jiangsu.example/problems/over-budget","title":"The batch breaks a business rule; nothing was recorded","status":409,
             "detail":"Approving it would pass the track's budget."}
            """, HttpStatusCode.Conflict);
        html = await PostForm(As(PlatformRoles.Province), $"/province/reviews/{A}", "decide",
            ("DecideForm.Amount", "9000000"), ("DecideForm.Reason", "超额"), ("DecideForm.Decision", "Approved"));

        Assert.Contains(IpPlatform.Portal.Texts.PortalTexts.Chinese["problem.over-budget"], html); // the type's code in the person's words
        Assert.Contains("value=\"9000000\"", html); // what was typed stays
    }

    const string Ranking = $$"""
        {"callId":"2022-rehearsal","trackId":"industrial-brand","budgetCny":2000000,"maxApprovals":2,"approvedCny":1200000,"approvals":1,"requestedCny":3500000,
         "firstBeyondLimits":"{{C}}","lines":[
          {"rank":1,"applicationId":"{{A}}","applicantName":"昆山示范企业有限公司","regionCode":"320583","status":"PanelClosed","result":90,"spread":4,"scoreCount":3,
           "priority":true,"approvedAmountCny":null,"runningApprovedCny":0,"runningApprovals":0,"withinLimits":true,"projectName":"品牌培育示范项目",
           "requestedCny":1000000,"runningRequestedCny":1000000,"runningRequested":1,"requestedWithinLimits":true,"provisional":false,"decisionId":null},
          {"rank":2,"applicationId":"{{B}}","applicantName":"江阴品牌有限公司","regionCode":"320281","status":"Decided","result":85,"spread":2,"scoreCount":2,
           "priority":false,"approvedAmountCny":1200000,"runningApprovedCny":1200000,"runningApprovals":1,"withinLimits":true,"projectName":"江阴项目",
           "requestedCny":1200000,"runningRequestedCny":2200000,"runningRequested":2,"requestedWithinLimits":false,"provisional":false,"decisionId":null},
          {"rank":3,"applicationId":"{{C}}","applicantName":"苏州第三公司","regionCode":"320505","status":"PanelClosed","result":70,"spread":9,"scoreCount":3,
           "priority":false,"approvedAmountCny":null,"runningApprovedCny":1200000,"runningApprovals":1,"withinLimits":true,"projectName":"第三项目",
           "requestedCny":1300000,"runningRequestedCny":3500000,"runningRequested":3,"requestedWithinLimits":false,"provisional":false,"decisionId":null}]}
        """;

    [Fact]
    public async Task The_ranking_shows_results_priority_amounts_and_running_totals_against_the_tracks_limits()
    {
        gateway.Answer("GET", "/api/reviews/ranking", Ranking);

        var html = await Html(await As(PlatformRoles.Province).GetAsync("/province/ranking?track=2022-rehearsal/industrial-brand"));

        Assert.Contains("2,000,000 元", html); // the budget
        Assert.Contains("1 项，1,200,000 元", html); // approved so far
        Assert.Contains("3,500,000 元", html); // the running requested total at the last line
        Assert.Contains("品牌培育示范项目", html);
        Assert.Single(Regex.Matches(html, "data-testid=\"ranking-beyond\""));
        // Only the closed, undecided ones can enter the batch.
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"batch-choice\"").Count);
        Assert.Contains(gateway.Requests, r => r.PathAndQuery == "/api/reviews/ranking?callId=2022-rehearsal&trackId=industrial-brand");
    }

    [Fact]
    public async Task A_refused_batch_shows_each_field_error_at_its_line_and_keeps_what_was_typed()
    {
        gateway.Answer("GET", "/api/reviews/ranking", Ranking);
        gateway.Answer("POST", "/api/reviews/decisions", """
            {"title":"The collective decision is invalid","status":400,"errors":{
              "participants":["The names of the meeting's participants are required."],
              "rejected[0].reason":["A rejection needs its reason."]}}
            """, HttpStatusCode.BadRequest);

        var html = await PostForm(As(PlatformRoles.Province), "/province/ranking?track=2022-rehearsal/industrial-brand", "batch",
            ("Batch.MeetingDate", "2022-06-10"), ("Batch.Participants", ""),
            ("Batch.Lines[0].ApplicationId", A), ("Batch.Lines[0].Choice", "approve"), ("Batch.Lines[0].Amount", "800,000"), ("Batch.Lines[0].Reason", ""),
            ("Batch.Lines[1].ApplicationId", C), ("Batch.Lines[1].Choice", "reject"), ("Batch.Lines[1].Amount", ""), ("Batch.Lines[1].Reason", ""));

        var body = JsonDocument.Parse(gateway.Body("POST", "/api/reviews/decisions")).RootElement;
        Assert.Equal("2022-06-10", body.GetProperty("meetingDate").GetString());
        Assert.Equal(800000m, body.GetProperty("approved")[0].GetProperty("amountCny").GetDecimal());
        Assert.Equal(C, body.GetProperty("rejected")[0].GetProperty("applicationId").GetString());
        // The rejection's message stands at C's line (line 1), the participants' at their field; A's line has none.
        Assert.Matches("id=\"line-errors-1\"[^>]*>\\s*<li>A rejection needs its reason.</li>", html);
        Assert.Matches("id=\"line-errors-0\"[^>]*>\\s*</ul>", html);
        Assert.Matches("id=\"participants-errors\"[^>]*>\\s*<li>The names of the meeting's participants are required.</li>", html);
        Assert.Contains("value=\"800,000\"", html);
        Assert.Contains("value=\"2022-06-10\"", html);
    }

    static string Decision(string publicityEnds, string objections, string status = "InPublicity") => $$"""
        {"id":"{{Dec}}","callId":"2022-rehearsal","trackId":"industrial-brand","callVersion":1,"meetingDate":"2022-06-01","participants":["province","张处长"],
         "recordedAt":"2022-06-01T02:00:00Z","recordedBy":"province","publicityDays":5,"publicityEndsAt":"{{publicityEnds}}","status":"{{status}}",
         "finalisedAt":null,"finalisedBy":null,"approvedCny":1000000,"approvals":1,
         "items":[{"applicationId":"{{A}}","applicantName":"昆山示范企业有限公司","projectName":"品牌培育示范项目","requestedCny":1000000,
                   "decision":"Approved","amountCny":1000000,"reason":"集体决策通过","withdrawn":false}],
         "objections":{{objections}}}
        """;

    const string OpenObjection = $$"""
        [{"id":"{{Obj}}","applicationId":"{{A}}","objector":"某竞争企业","grounds":"材料不实","recordedAt":"2022-06-02T02:00:00Z","recordedBy":"province",
          "outcome":"Open","resolution":null,"resolvedAt":null,"resolvedBy":null}]
        """;

    [Theory]
    [InlineData("2020-01-01T00:00:00Z", "[]", true)]
    [InlineData("2099-01-01T00:00:00Z", "[]", false)]
    [InlineData("2020-01-01T00:00:00Z", OpenObjection, false)]
    public async Task The_final_approval_is_offered_once_the_publicity_is_over_and_no_objection_is_open(string publicityEnds, string objections, bool enabled)
    {
        gateway.Answer("GET", $"/api/reviews/decisions/{Dec}", Decision(publicityEnds, objections));

        var html = await Html(await As(PlatformRoles.Province).GetAsync($"/province/decisions/{Dec}"));

        var button = Regex.Match(html, "<button[^>]*id=\"decision-finalise\"[^>]*>").Value;
        Assert.NotEmpty(button);
        Assert.Equal(enabled, !button.Contains("disabled"));
        Assert.Contains("1,000,000 元", html);
        Assert.Equal(objections != "[]", html.Contains("材料不实") && html.Contains("异议不成立"));
        // Objections come in during the publicity period only.
        Assert.Equal(publicityEnds.StartsWith("2099"), html.Contains("data-testid=\"objection-form\""));
    }

    [Fact]
    public async Task A_refused_final_approval_is_shown_as_a_notice_with_the_services_reason()
    {
        gateway.Answer("GET", $"/api/reviews/decisions/{Dec}", Decision("2020-01-01T00:00:00Z", "[]"));
        gateway.Answer("POST", $"/api/reviews/decisions/{Dec}/finalisation", """
            {"title":"Business rule","status":409,"detail":"Objection 1 to application A is not resolved yet."}
            """, HttpStatusCode.Conflict);

        var html = await PostForm(As(PlatformRoles.Province), $"/province/decisions/{Dec}", "finalise");

        Assert.Contains("操作未被接受", html);
        Assert.Contains("Objection 1 to application A is not resolved yet.", html);
    }

    [Fact]
    public async Task The_decisions_list_shows_each_batch_with_its_publicity_and_open_objections()
    {
        gateway.Answer("GET", "/api/reviews/decisions", $"[{Decision("2099-01-01T00:00:00Z", OpenObjection)}]");

        var html = await Html(await As(PlatformRoles.Province).GetAsync("/province/decisions"));

        Assert.Contains("公示中", html);
        Assert.Contains("1 件（未处理 1 件）", html);
        Assert.Contains("2099-01-01 08:00", html);
        Assert.Contains($"href=\"/province/decisions/{Dec}\"", html);
    }

    [Fact]
    public void The_batch_form_sends_the_chosen_lines_and_maps_the_services_positions_back_to_their_applications()
    {
        var a = Guid.Parse(A);
        var b = Guid.Parse(B);
        var c = Guid.Parse(C);
        var form = new BatchForm
        {
            MeetingDate = "2022-06-10",
            Participants = "张处长\n李处长，王科长、 ",
            Lines =
            [
                new() { ApplicationId = a, Choice = BatchForm.Reject, Reason = "得分偏低" },
                new() { ApplicationId = b, Choice = "" },
                new() { ApplicationId = c, Choice = BatchForm.Approve, Amount = "1,200,000.50" },
            ],
        };

        var request = form.ToRequest("2022", "industrial-brand");

        Assert.Equal(new DateOnly(2022, 6, 10), request.MeetingDate);
        Assert.Equal(["张处长", "李处长", "王科长"], request.Participants);
        Assert.Equal([new BatchApproval(c, 1200000.50m, null)], request.Approved);
        Assert.Equal([new BatchRejection(a, "得分偏低")], request.Rejected);
        var outcome = new ApiOutcome(400, new ProblemDocument(null, null, null, 400, new()
        {
            ["approved[0].amountCny"] = ["More than requested."],
            ["rejected[0].reason"] = ["Too short."],
        }));
        Assert.Equal(["More than requested."], form.ErrorsFor(outcome, c));
        Assert.Equal(["Too short."], form.ErrorsFor(outcome, a));
        Assert.Empty(form.ErrorsFor(outcome, b));
    }

    [Fact]
    public void Every_province_word_exists_in_both_languages()
    {
        var chinese = PortalTexts.Chinese.Keys.Where(k => k.StartsWith("province.")).Order().ToList();
        var english = PortalTexts.English.Keys.Where(k => k.StartsWith("province.")).Order().ToList();

        Assert.NotEmpty(chinese);
        Assert.Equal(chinese, english);
        Assert.All(chinese, key => Assert.NotEqual(PortalTexts.Chinese[key], PortalTexts.English[key]));
    }
}
