using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>
/// The web portal in a real browser (Debian's chromium, headless, driven by Playwright) against the real AppHost,
/// through the gateway: people sign in at the identity service's login page and see what their role may see.
/// Each step leaves a screenshot under the test output's <c>TestResults/screenshots</c>.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalBrowserTests(PlatformFixture platform) : IAsyncLifetime
{
    /// <summary>Debian's browser: Playwright cannot download its own here (scripts/ensure-prerequisites.sh installs it).</summary>
    const string Chromium = "/usr/bin/chromium";
    /// <summary>The password <see cref="PlatformFixture.RegisterApplicantAsync"/> registers applicants with.</summary>
    const string ApplicantPassword = "Applicant-2022!";
    static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(90);
    static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    IPlaywright? playwright;
    IBrowser? browser;
    int step;

    string Portal => platform.Gateway.BaseAddress!.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's sandbox refuses to start as root (CI runs as root).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }

    [Fact]
    public async Task An_applicant_follows_its_application_and_the_county_office_recommends_it_in_the_browser_while_another_county_sees_nothing()
    {
        // The portal owns "/", and the API reference and documents keep their own routes.
        Assert.Contains("text/html", (await platform.Gateway.GetAsync("/")).Content.Headers.ContentType?.ToString());
        var scalar = await platform.Gateway.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("IpPlatform API", await scalar.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.GetAsync("/openapi/intake.json")).StatusCode);

        // The applicant registers and submits through the API (the draft form is a later slice of the portal).
        var document = Documents.IndustrialBrand();
        var creditCode = (string)document["applicant"]!["creditCode"]!;
        var applicant = await platform.RegisterApplicantAsync(document);
        var id = await SubmitAsync(applicant, document);
        await WaitForCountyCaseAsync(id);

        // The applicant signs in at the identity service's login page and sees its application and where it stands.
        var applicantPage = await SignInAsync(creditCode, ApplicantPassword, "applicant");
        await Expect(applicantPage.GetByTestId("signed-in")).ToContainTextAsync("申报单位");
        await applicantPage.GotoAsync($"{Portal}/applications");
        var row = applicantPage.Locator($"tr[data-application='{id}']");
        await Expect(row).ToContainTextAsync("已提交");
        await ShotAsync(applicantPage, "applicant-applications");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await applicantPage.WaitForURLAsync($"**/applications/{id}");
        await Expect(applicantPage.GetByTestId("status")).ToContainTextAsync("已提交");
        await Expect(applicantPage.Locator("code.fingerprint")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-fA-F]{64}$"));
        await ShotAsync(applicantPage, "applicant-detail");
        // On a phone the same page fits the screen's width (wide tables scroll inside their own box) and the menu folds away.
        await applicantPage.SetViewportSizeAsync(390, 844);
        await ShotAsync(applicantPage, "applicant-detail-phone");
        Assert.True(await applicantPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the detail page scrolls sideways on a phone");
        await Expect(applicantPage.GetByRole(AriaRole.Link, new() { Name = "我的申报" })).ToBeHiddenAsync();
        await applicantPage.SetViewportSizeAsync(1280, 900);
        // The printed form comes through the portal with the session (the browser holds no token).
        var pdf = await applicantPage.Context.APIRequest.GetAsync($"{Portal}/applications/{id}/form.pdf");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]));

        // Signing out ends the portal's session and the identity service's: the next sign-in asks for the password again.
        await applicantPage.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(applicantPage.GetByRole(AriaRole.Link, new() { Name = "登录" }).First).ToBeVisibleAsync();
        Assert.StartsWith(Portal + "/", applicantPage.Url);
        await ShotAsync(applicantPage, "applicant-signed-out");
        await applicantPage.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await applicantPage.Locator("input[type=password]").WaitForAsync();

        // Kunshan's county office finds it in its worklist, filtered on the page, and recommends it with an opinion.
        var county = await SignInAsync("county-320583", PlatformFixture.DemoPassword, "county-office");
        // The worklist is interactive: its circuit runs over a websocket that must pass the gateway.
        var circuit = county.WaitForWebSocketAsync(new() { Predicate = socket => socket.Url.Contains("/_blazor") });
        await county.GotoAsync($"{Portal}/office/worklist");
        Assert.StartsWith(Portal.Replace("http://", "ws://") + "/_blazor", (await circuit).Url);
        var item = county.Locator($"tr[data-application='{id}']");
        await Expect(item).ToBeVisibleAsync();
        await county.GetByTestId("filter-track").SelectOptionAsync("industrial-brand");
        await Expect(item).ToBeVisibleAsync();
        await ShotAsync(county, "county-worklist");
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await county.WaitForURLAsync($"**/office/cases/{id}");

        // Without an opinion the routing service refuses, and its message shows next to the field.
        await county.GetByRole(AriaRole.Button, new() { Name = "推荐", Exact = true }).ClickAsync();
        await Expect(county.Locator("#opinion-errors li")).Not.ToHaveCountAsync(0);
        await ShotAsync(county, "county-opinion-required");
        await county.GetByLabel("推荐意见").FillAsync("材料齐全，同意推荐");
        await county.GetByRole(AriaRole.Button, new() { Name = "推荐", Exact = true }).ClickAsync();
        await Expect(county.GetByTestId("case-done")).ToContainTextAsync("已推荐");
        await ShotAsync(county, "county-recommended");

        var routingCase = JsonNode.Parse(await (await platform.As("province")).GetStringAsync($"/api/routing/{id}"))!;
        Assert.Equal("City", (string?)routingCase["level"]);
        Assert.Contains(routingCase["history"]!.AsArray(), h => (string?)h!["note"] == "材料齐全，同意推荐");

        // At the window the county office types the printed fingerprint (grouped, in capitals, as a clerk might) and
        // sees it is this application and that it matches; then it records the paper copy (today by default).
        var fingerprint = (string)JsonNode.Parse(await (await platform.As("county-320583")).GetStringAsync($"/api/applications/{id}"))!["fingerprint"]!;
        await county.GotoAsync($"{Portal}/office/window");
        await county.GetByLabel("申报书指纹").FillAsync(string.Join(' ', fingerprint.ToUpperInvariant().Chunk(8).Select(c => new string(c))));
        await county.GetByLabel("申报书指纹").PressAsync("Enter");
        await Expect(county.GetByTestId("window-result")).ToContainTextAsync(creditCode);
        await Expect(county.GetByTestId("window-matches")).ToContainTextAsync("一致：");
        await ShotAsync(county, "county-window-match");
        await county.GetByLabel("份数").FillAsync("2");
        await county.GetByRole(AriaRole.Button, new() { Name = "登记纸质材料" }).ClickAsync();
        await Expect(county.GetByTestId("window-done")).ToContainTextAsync("已登记纸质材料");
        await Expect(county.GetByTestId("window-received")).ToContainTextAsync("2 份");
        await ShotAsync(county, "county-window-recorded");

        // Suzhou's city office recommends it (through the API), then finds it in the city's summary table of its track
        // and downloads the workbook through the portal. The table is not delivered here: later tests recommend on this track.
        var cityApi = await platform.As("city-320500");
        Assert.True((await cityApi.PostAsJsonAsync($"/api/routing/{id}/recommend", new { opinion = "同意推荐" })).IsSuccessStatusCode);
        var city = await SignInAsync("city-320500", PlatformFixture.DemoPassword, "city-office");
        await city.GotoAsync($"{Portal}/office/summary");
        var summaryRow = city.Locator($"section[data-track='industrial-brand'] tr[data-application='{id}']");
        await Expect(summaryRow).ToContainTextAsync("材料齐全，同意推荐");
        await Expect(summaryRow).ToContainTextAsync("同意推荐");
        await ShotAsync(city, "city-summary");
        var summary = city.Locator("section[data-testid='summary-call']").Filter(new() { Has = city.Locator($"tr[data-application='{id}']") });
        var xlsxLink = await summary.GetByTestId("summary-xlsx").GetAttributeAsync("href");
        var xlsx = await city.Context.APIRequest.GetAsync(Portal + xlsxLink);
        Assert.Equal(200, xlsx.Status);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.BodyAsync())[..2]));

        // Jiangyin's county office: not in its worklist, and the case itself does not exist for it.
        var other = await SignInAsync("county-320281", PlatformFixture.DemoPassword, "county-office");
        await other.GotoAsync($"{Portal}/office/worklist");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "待办申报" })).ToBeVisibleAsync();
        await Expect(other.Locator($"tr[data-application='{id}']")).ToHaveCountAsync(0);
        await ShotAsync(other, "other-county-worklist");
        await other.GotoAsync($"{Portal}/office/cases/{id}");
        await Expect(other.GetByTestId("case-not-found")).ToBeVisibleAsync();
        Assert.DoesNotContain(creditCode, await other.ContentAsync());
        await ShotAsync(other, "other-county-case");

        // A county office has no applicant's pages.
        await other.GotoAsync($"{Portal}/applications");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// A fresh browser session signs in as <paramref name="account"/>: the portal sends it to the identity service's login
    /// page, which sends it back signed in. The login form is found by its password field, not by its markup.
    /// </summary>
    async Task<IPage> SignInAsync(string account, string password, string role)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(Portal + "/");
        await ShotAsync(page, $"{role}-home-anonymous");
        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        var passwordField = page.Locator("input[type=password]");
        await passwordField.WaitForAsync();
        Assert.Contains("/connect/", page.Url); // the identity service's page, not the portal's
        await page.Locator("input:not([type=hidden]):not([type=password]):not([type=checkbox]):not([type=submit])").First.FillAsync(account);
        await passwordField.FillAsync(password);
        await ShotAsync(page, $"{role}-login");
        await passwordField.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.StartsWith(Portal + "/") && !url.Contains("/connect/") && !url.Contains("signin-oidc"));
        await Expect(page.GetByTestId("signed-in")).ToContainTextAsync(account);
        await ShotAsync(page, $"{role}-signed-in");
        return page;
    }

    async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{++step:00}-{name}.png"), FullPage = true });

    static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    async Task<Guid> SubmitAsync(HttpClient applicant, JsonObject document)
    {
        var id = await Eventually(async () =>
        {
            // The call reaches intake shortly after start; until then a draft is refused naming callId.
            var response = await applicant.PostAsJsonAsync("/api/applications", document);
            return response.StatusCode == HttpStatusCode.Created
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>()
                : (Guid?)null;
        }, "draft created");
        await platform.UploadRequiredMaterialsAsync(applicant, id.ToString()!);
        Assert.Equal(HttpStatusCode.Accepted, (await applicant.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        return id!.Value;
    }

    async Task WaitForCountyCaseAsync(Guid id)
    {
        var county = await platform.As("county-320583");
        await Eventually(async () =>
        {
            var response = await county.GetAsync($"/api/routing/{id}");
            if (!response.IsSuccessStatusCode) return null;
            var routingCase = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return (string?)routingCase["status"] == "AtOffice" && routingCase["eligibility"] is JsonValue ? (object)routingCase : null;
        }, "routing case ready for the county office");
    }

    static async Task<T?> Eventually<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + StageTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Timed out waiting for {what}");
    }
}
