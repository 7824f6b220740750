using System.Net;
using IpPlatform.Portal.Texts;
using IpPlatform.Security;

namespace IpPlatform.Portal.Tests;

/// <summary>Chinese first, English by choice: both languages complete, the switch safe, the page in the chosen language.</summary>
public sealed class LanguageTests : IDisposable
{
    readonly PortalHost portal = new();

    public void Dispose() => portal.Dispose();

    const string Calls = """
        [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
          "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
        """;

    [Fact]
    public void Every_area_has_the_same_keys_in_English_as_in_Chinese()
    {
        Assert.NotEmpty(PortalTexts.Areas);
        foreach (var area in PortalTexts.Areas)
        {
            var first = area.Chinese.Keys.FirstOrDefault() ?? "(empty)";
            Assert.True(area.Chinese.Count > 0, "An area without words.");
            Assert.Equal(area.Chinese.Keys.Order(StringComparer.Ordinal), area.English.Keys.Order(StringComparer.Ordinal));
            Assert.All(area.English, w => Assert.False(string.IsNullOrWhiteSpace(w.Value), $"{w.Key} (area of {first}) has no English text."));
        }
    }

    [Fact]
    public void English_words_differ_from_the_Chinese_ones_and_dates_follow_the_language()
    {
        Assert.Equal("Worklist", PortalTexts.English["work.heading"]);
        Assert.Equal("待办申报", PortalTexts.Chinese["work.heading"]);
        Assert.Equal("Recommended by county", PortalTexts.English.Term("RecommendedByCounty"));
        Assert.Equal("20 May 2022", PortalTexts.English.Date(new DateOnly(2022, 5, 20)));
        Assert.Equal("2022年5月20日", PortalTexts.Chinese.Date(new DateOnly(2022, 5, 20)));
        Assert.Equal("1,250,000", PortalTexts.English.Yuan(1_250_000m));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/calls")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task The_switch_refuses_a_return_URL_that_is_not_a_page_of_the_portal(string returnUrl)
    {
        var response = await portal.Browser().GetAsync($"/culture?c=en&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("returnUrl", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_switch_refuses_a_language_the_portal_does_not_speak()
    {
        var response = await portal.Browser().GetAsync("/culture?c=fr&returnUrl=/calls");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"c\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_choosing_English_a_page_is_in_English_until_Chinese_is_chosen_again()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        var browser = portal.Browser();

        var chinese = await PortalHost.PageAsync(browser, "/calls");
        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("正在申报的项目", chinese);
        // The layout's switch returns to the page it is on.
        Assert.Contains("href=\"/culture?c=en&returnUrl=%2Fcalls\"", chinese);

        var switched = await browser.GetAsync("/culture?c=en&returnUrl=%2Fcalls");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/calls", switched.Headers.Location!.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den"));

        var english = await PortalHost.PageAsync(browser, "/calls");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Open calls", english);
        Assert.Contains("Sign in", english);
        Assert.DoesNotContain("正在申报的项目", english);

        await browser.GetAsync("/culture?c=zh-CN&returnUrl=%2Fcalls");
        Assert.Contains("正在申报的项目", await PortalHost.PageAsync(browser, "/calls"));
    }

    [Fact]
    public async Task An_office_page_reads_in_English_with_the_office_words()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", Calls);
        portal.Gateway.Answer("GET", "/api/applications", """{"items":[],"page":1,"pageSize":50,"total":0}""");
        var browser = portal.SignedIn(PlatformRoles.CountyOffice, "320583");
        await browser.GetAsync("/culture?c=en&returnUrl=/office/worklist");

        var html = await PortalHost.PageAsync(browser, "/office/worklist");

        Assert.Contains("<h1>Worklist</h1>", html);
        Assert.Contains("Apply filters", html);
        Assert.Contains("No application matches.", html);
    }
}
