using System.Net;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Components.Pages.Inbox;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The notifications page and the layout's notifications link over the portal's own host, with the gateway replaced
/// by a stub that answers the delivery service's inbox by method and path and keeps what the portal sent.
/// </summary>
public sealed partial class InboxPageTests : IDisposable
{
    const string Applicant = "91320583MA1XXXXXX1";
    const string AppId = "6f1c2d3e-0000-4000-8000-000000000001";
    const string Approved = "a0000000-0000-4000-8000-000000000001";
    const string Returned = "a0000000-0000-4000-8000-000000000002";
    const string Reminder = "a0000000-0000-4000-8000-000000000003";
    readonly PortalHost portal = new();

    RecordingGateway gateway => portal.Gateway;

    public void Dispose() => portal.Dispose();

    HttpClient Browser() => portal.Browser();

    HttpClient As(string role, string name = Applicant) => portal.SignedIn(role, name: name);

    static Task<string> Html(HttpResponseMessage response) => PortalHost.HtmlAsync(response);

    /// <summary>The delivery service's answer: the unread count and the given items (newest first, as the service orders them).</summary>
    static string InboxJson(int unread, params string[] items) => $$"""{"unread":{{unread}},"notifications":[{{string.Join(",", items)}}]}""";

    static string Item(string id, string kind, string title, string body, bool read, string at, string? applicationId = AppId) => $$"""
        {"id":"{{id}}","kind":"{{kind}}","title":"{{title}}","body":"{{body}}","link":"http://portal.test/applications/{{applicationId}}",
         "applicationId":{{(applicationId is null ? "null" : $"\"{applicationId}\"")}},"at":"{{at}}","read":{{(read ? "true" : "false")}}}
        """;

    static readonly string ApprovedItem = Item(Approved, "approved", "申报已获批准：" + AppId,
        $"贵单位的申报（编号 {AppId}）经省局集体决策批准立项，核定资助金额 50 万元。", read: false, at: "2022-07-01T16:30:00Z");
    static readonly string ReturnedItem = Item(Returned, "returned", "申报被退回：" + AppId,
        "贵单位的申报被昆山市知识产权局退回。退回原因：材料不全", read: true, at: "2022-06-01T02:00:00Z");
    static readonly string ReminderItem = Item(Reminder, "evaluation-due-30", "项目评估将于30天后到期：" + AppId,
        "请于到期前提交进展报告和评估材料。", read: false, at: "2022-05-20T01:00:00Z");

    /// <summary>The rendered inbox items' ids in page order, with their read state.</summary>
    static List<(string Id, string Read)> Items(string html) =>
        ItemPattern().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex("data-testid=\"inbox-item\" data-notification=\"([^\"]+)\" data-kind=\"[^\"]*\"\\s+data-read=\"([^\"]+)\"")]
    private static partial Regex ItemPattern();

    /// <summary>Posts the inbox's form as the browser would (its anti-forgery token, handler name and the pressed button's value).</summary>
    static Task<HttpResponseMessage> PostInbox(HttpClient browser, string path, params (string Name, string Value)[] fields) =>
        Forms.PostAsync(browser, path, "inbox-read", fields);

    [Fact]
    public async Task The_inbox_lists_the_notifications_newest_first_with_the_unread_marked_their_Shanghai_time_text_and_link()
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(2, ApprovedItem, ReturnedItem, ReminderItem));

        var html = await Html(await As(PlatformRoles.Applicant).GetAsync("/inbox"));

        Assert.Equal([(Approved, "false"), (Returned, "true"), (Reminder, "false")], Items(html));
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"inbox-unread\"").Count);
        Assert.Contains("未读 2 条", html);
        // 16:30 UTC on 1 July is half past midnight on 2 July in Shanghai.
        Assert.Contains("2022-07-02 00:30", html);
        Assert.Contains("核定资助金额 50 万元", html);
        Assert.Contains("批准立项", html); // the kind's word
        Assert.Contains("评估提醒", html); // a reminder's kind carries its days; the word does not
        Assert.Contains($"href=\"/applications/{AppId}\" data-testid=\"inbox-open\"", html);
        Assert.DoesNotContain("http://portal.test", html); // the e-mail's absolute link is not the portal's own
        // The read one has no mark-read button; the two unread ones do, and the page offers marking both.
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"inbox-mark-read\"").Count);
        Assert.Contains("data-testid=\"inbox-mark-all\"", html);
        Assert.Single(gateway.Sent("GET", "/api/notifications"), r => r.Query.Contains("take=50") && !r.Query.Contains("unread"));
    }

    [Fact]
    public async Task The_unread_filter_asks_the_service_for_the_unread_only_and_says_when_there_are_none()
    {
        gateway.Answer("GET", "/api/notifications", query => query.Contains("unread=true") ? InboxJson(0) : InboxJson(0, ReturnedItem));

        var html = await Html(await As(PlatformRoles.Applicant).GetAsync("/inbox?unread=true"));

        Assert.Contains("data-testid=\"inbox-none\"", html);
        Assert.Contains("没有未读通知。", html);
        Assert.Empty(Items(html));
        Assert.Matches("aria-current=\"page\" data-testid=\"inbox-filter-unread\"", html);
        Assert.Contains(gateway.Sent("GET", "/api/notifications"), r => r.Query.Contains("unread=true") && r.Query.Contains("take=50"));

        var all = await Html(await As(PlatformRoles.Applicant).GetAsync("/inbox"));
        Assert.Equal([(Returned, "true")], Items(all));
    }

    [Fact]
    public async Task A_full_page_offers_more_up_to_the_services_limit()
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(1, ApprovedItem));

        var html = await Html(await As(PlatformRoles.Applicant).GetAsync("/inbox?take=1&unread=true"));

        Assert.Contains("href=\"/inbox?take=51&unread=true\" data-testid=\"inbox-more\"", html);
        Assert.Contains(gateway.Sent("GET", "/api/notifications"), r => r.Query.Contains("take=1&"));
    }

    [Theory]
    [InlineData(PlatformRoles.Applicant, "applicant", "/applications/" + AppId)]
    [InlineData(PlatformRoles.CountyOffice, "county-320583", "/office/cases/" + AppId)]
    [InlineData(PlatformRoles.CityOffice, "city-320500", "/office/cases/" + AppId)]
    [InlineData(PlatformRoles.Expert, "expert-wang", "/expert/reviews/" + AppId)]
    [InlineData(PlatformRoles.Province, "province-ip", "/province/reviews/" + AppId)]
    [InlineData(PlatformRoles.Finance, "finance-zhao", "/finance/tranches")]
    public async Task Each_role_is_led_to_its_own_page_of_the_application(string role, string name, string expected)
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(1, ApprovedItem));

        var html = await Html(await As(role, name).GetAsync("/inbox"));

        var link = Regex.Match(html, "href=\"([^\"]+)\" data-testid=\"inbox-open\"");
        Assert.True(link.Success, "No link to the application.");
        Assert.Equal(expected, link.Groups[1].Value);
    }

    [Fact]
    public void A_notification_without_an_application_leads_a_city_to_its_summary_table_and_others_nowhere()
    {
        var reminder = new InboxNotification(Guid.NewGuid(), "summary-table-deadline-2022-2022-06-10T17:00:00", "t", "b", null, null, DateTimeOffset.UnixEpoch, false);

        Assert.Equal("/office/summary", InboxLinks.For(PlatformRoles.CityOffice, reminder));
        Assert.Null(InboxLinks.For(PlatformRoles.Applicant, reminder));
        Assert.Null(InboxLinks.For(PlatformRoles.Admin, reminder with { ApplicationId = Guid.NewGuid() }));
        Assert.Equal("inbox.kind.summary-table-deadline", InboxLinks.KindKey(reminder.Kind));
        Assert.Equal("inbox.kind.other", InboxLinks.KindKey("something-new"));
    }

    [Fact]
    public async Task Mark_read_posts_that_notification_to_the_delivery_service_and_returns_to_the_same_list()
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(2, ApprovedItem, ReturnedItem, ReminderItem));
        gateway.Answer("POST", $"/api/notifications/{Approved}/read", _ => "", HttpStatusCode.NoContent);
        var browser = As(PlatformRoles.Applicant);

        var response = await PostInbox(browser, "/inbox?unread=true", ("read", Approved), ("shown", Approved), ("shown", Reminder));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inbox?unread=true", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
        var post = Assert.Single(gateway.Requests, r => r.Method == "POST");
        Assert.Equal($"/api/notifications/{Approved}/read", post.Path);
    }

    [Fact]
    public async Task Mark_all_posts_each_unread_notification_the_page_showed()
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(2, ApprovedItem, ReturnedItem, ReminderItem));
        gateway.Answer("POST", $"/api/notifications/{Approved}/read", _ => "", HttpStatusCode.NoContent);
        gateway.Answer("POST", $"/api/notifications/{Reminder}/read", _ => "", HttpStatusCode.NoContent);

        var response = await PostInbox(As(PlatformRoles.Applicant), "/inbox", ("read", "all"), ("shown", Approved), ("shown", Reminder));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([$"/api/notifications/{Approved}/read", $"/api/notifications/{Reminder}/read"],
            gateway.Requests.Where(r => r.Method == "POST").Select(r => r.Path).Order());
    }

    [Fact]
    public async Task A_refused_mark_read_is_told_on_the_page_instead_of_returning()
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(2, ApprovedItem, ReminderItem));
        // The stub answers anything else 404: the service's answer for another account's notification.

        var response = await PostInbox(As(PlatformRoles.Applicant), "/inbox", ("read", Approved));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);
        Assert.Contains("data-testid=\"inbox-refused\"", html);
        Assert.Contains("1 条通知未能标为已读", html);
        Assert.Equal(2, Items(html).Count);
    }

    [Fact]
    public async Task The_layout_shows_the_unread_count_and_asks_the_service_once_within_its_cache_time()
    {
        gateway.Answer("GET", "/api/notifications", query => query.Contains("take=1&") ? InboxJson(3, ApprovedItem) : InboxJson(3));
        var browser = As(PlatformRoles.Applicant);

        var first = await Html(await browser.GetAsync("/"));
        var second = await Html(await browser.GetAsync("/access-denied"));

        foreach (var html in new[] { first, second })
        {
            var link = Regex.Match(html, "<a href=\"/inbox\"[^>]*data-testid=\"nav-inbox\"[^>]*>([^<]*)</a>");
            Assert.True(link.Success, "No notifications link in the layout.");
            Assert.Equal("通知 (3)", link.Groups[1].Value);
            Assert.Contains("aria-label=\"通知，3 条未读\"", link.Value);
        }
        Assert.Single(gateway.Sent("GET", "/api/notifications"));
        // Another account has its own count.
        await As(PlatformRoles.Applicant, "91320583MA1YYYYYY2").GetAsync("/");
        Assert.Equal(2, gateway.Sent("GET", "/api/notifications").Count());
    }

    [Fact]
    public async Task Marking_read_makes_the_next_page_ask_for_the_count_again()
    {
        var unread = 2;
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(unread, ApprovedItem));
        gateway.Answer("POST", $"/api/notifications/{Approved}/read", _ => { unread = 1; return ""; }, HttpStatusCode.NoContent);
        var browser = As(PlatformRoles.Applicant);
        Assert.Contains("通知 (2)", await Html(await browser.GetAsync("/")));

        await PostInbox(browser, "/inbox", ("read", Approved));

        Assert.Contains("通知 (1)", await Html(await browser.GetAsync("/")));
    }

    [Fact]
    public async Task Without_an_answer_from_the_delivery_service_the_layout_shows_the_link_without_a_count_and_the_inbox_says_so()
    {
        var browser = As(PlatformRoles.Applicant);

        var home = await Html(await browser.GetAsync("/"));
        var inbox = await Html(await browser.GetAsync("/inbox"));

        Assert.Matches("data-testid=\"nav-inbox\"[^>]*>通知</a>", home);
        Assert.Contains("data-testid=\"inbox-unavailable\"", inbox);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_sees_no_notifications_link()
    {
        var response = await Browser().GetAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PortalHost.Issuer + "connect/authorize?", response.Headers.Location!.AbsoluteUri);
        var home = await Html(await Browser().GetAsync("/"));
        Assert.DoesNotContain("nav-inbox", home);
        Assert.Empty(gateway.Sent("GET", "/api/notifications"));
    }

    [Fact]
    public async Task In_English_the_words_are_English_and_the_stored_Chinese_text_is_marked_as_Chinese()
    {
        gateway.Answer("GET", "/api/notifications", _ => InboxJson(1, ApprovedItem));
        var browser = As(PlatformRoles.Applicant);
        browser.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var html = await Html(await browser.GetAsync("/inbox"));

        Assert.Contains("Mark read", html);
        Assert.Contains("1 unread", html);
        Assert.Contains(">Notifications (1)</a>", html);
        Assert.Contains("<h2 id=\"notification-" + Approved + "\" class=\"inbox-title\" lang=\"zh-CN\">申报已获批准", html);
    }

    [Fact]
    public void Every_inbox_word_is_in_English_too()
    {
        var keys = Portal.Texts.PortalTexts.Chinese.Keys.Where(k => k.StartsWith("inbox.")).ToList();

        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => Portal.Texts.PortalTexts.English[k] == Portal.Texts.PortalTexts.Chinese[k]);
    }
}
