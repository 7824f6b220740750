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
    static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    IPlaywright? playwright;
    IBrowser? browser;
    int step;

    string Portal => platform.Gateway.BaseAddress!.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        // Only this run's steps: an older run's numbering would interleave with this one's.
        if (Directory.Exists(Screenshots)) Directory.Delete(Screenshots, recursive: true);
        Directory.CreateDirectory(Screenshots);
        // Pages answer through the whole stack on a machine that CI loads with every test project at once.
        Assertions.SetDefaultExpectTimeout(15_000);
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
    public async Task An_applicant_registers_fills_uploads_and_submits_the_offices_recommend_the_province_approves_and_the_applicant_sees_it_in_the_browser()
    {
        // The portal owns "/", and the API reference and documents keep their own routes.
        Assert.Contains("text/html", (await platform.Gateway.GetAsync("/")).Content.Headers.ContentType?.ToString());
        var scalar = await platform.Gateway.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("IpPlatform API", await scalar.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.GetAsync("/openapi/intake.json")).StatusCode);

        // The unit registers itself on the portal.
        var document = Documents.IndustrialBrand();
        var creditCode = (string)document["applicant"]!["creditCode"]!;
        var visitor = await NewPageAsync();
        await visitor.GotoAsync($"{Portal}/register");
        await visitor.Locator("#creditCode").FillAsync(creditCode);
        await visitor.Locator("#name").FillAsync((string)document["applicant"]!["name"]!);
        await visitor.Locator("#kind").SelectOptionAsync("Enterprise");
        await visitor.Locator("#regionCode").SelectOptionAsync("320583");
        await visitor.Locator("#contactName").FillAsync("王敏");
        await visitor.Locator("#mobile").FillAsync("13912345678");
        await visitor.Locator("#email").FillAsync("wangmin@example.com");
        await visitor.Locator("#password").FillAsync(ApplicantPassword);
        await ShotAsync(visitor, "applicant-register");
        await visitor.GetByTestId("register-submit").ClickAsync();
        await Expect(visitor.GetByTestId("register-done")).ToBeVisibleAsync();
        await ShotAsync(visitor, "applicant-registered");

        // It signs in and fills the track's form; the precheck follows as it types (an interactive page: its circuit
        // runs over a websocket that must pass the gateway).
        var applicantPage = await SignInAsync(creditCode, ApplicantPassword, "applicant");
        await Expect(applicantPage.GetByTestId("signed-in")).ToContainTextAsync("申报单位");
        var circuit = applicantPage.WaitForWebSocketAsync(new() { Predicate = socket => socket.Url.Contains("/_blazor") });
        await applicantPage.GotoAsync($"{Portal}/applications/new?call=2022-rehearsal&track=industrial-brand");
        Assert.StartsWith(Portal.Replace("http://", "ws://") + "/_blazor", (await circuit).Url);
        await Expect(applicantPage.GetByTestId("precheck-outcome").Or(applicantPage.GetByTestId("precheck-invalid")).First).ToBeVisibleAsync();
        await FillDraftAsync(applicantPage, document);
        await Expect(applicantPage.Locator("[data-testid=precheck-outcome] [data-status=Eligible]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ShotAsync(applicantPage, "applicant-draft-eligible");
        await applicantPage.Locator("#draft-save").ClickAsync();
        await applicantPage.WaitForURLAsync("**/applications/*/edit");
        var id = Guid.Parse(applicantPage.Url.Split('/')[^2]);
        await Expect(applicantPage.GetByTestId("precheck-outcome").Or(applicantPage.GetByTestId("precheck-invalid")).First).ToBeVisibleAsync();

        // The materials the track requires, each with its progress shown, then submission.
        foreach (var material in PlatformFixture.RequiredMaterials("industrial-brand"))
        {
            await applicantPage.Locator($"#file-{material}").SetInputFilesAsync(PlatformFixture.SampleAttachment);
            await Expect(applicantPage.Locator($"[data-material='{material}'] li[data-file]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }
        await ShotAsync(applicantPage, "applicant-materials");
        await applicantPage.Locator("#draft-submit").ClickAsync();
        await applicantPage.WaitForURLAsync($"**/applications/{id}");
        await Expect(applicantPage.GetByTestId("status")).ToContainTextAsync("已提交");
        await Expect(applicantPage.Locator("code.fingerprint")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-fA-F]{64}$"));
        await ShotAsync(applicantPage, "applicant-submitted");
        // The printed form comes through the portal with the session (the browser holds no token).
        var pdf = await applicantPage.Context.APIRequest.GetAsync($"{Portal}/applications/{id}/form.pdf");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]));
        // What was typed in the browser is what intake holds.
        var stored = JsonNode.Parse(await (await platform.As("county-320583")).GetStringAsync($"/api/applications/{id}"))!["document"]!;
        Assert.Equal((string?)document["project"]!["name"], (string?)stored["project"]!["name"]);
        Assert.Equal(decimal.Parse(document["budget"]!["provincialFundsCny"]!.ToJsonString()), decimal.Parse(stored["budget"]!["provincialFundsCny"]!.ToJsonString()));
        await WaitForCountyCaseAsync(id);

        // The applicant's list shows where it stands; on a phone the same page fits the screen and the menu folds away.
        await applicantPage.GotoAsync($"{Portal}/applications");
        await Expect(applicantPage.Locator($"tr[data-application='{id}']")).ToContainTextAsync("已提交");
        await applicantPage.GotoAsync($"{Portal}/applications/{id}");
        await applicantPage.SetViewportSizeAsync(390, 844);
        await ShotAsync(applicantPage, "applicant-detail-phone");
        Assert.True(await applicantPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the detail page scrolls sideways on a phone");
        await Expect(applicantPage.GetByRole(AriaRole.Link, new() { Name = "我的申报" })).ToBeHiddenAsync();
        await applicantPage.SetViewportSizeAsync(1280, 900);

        // Kunshan's county office finds it in its worklist, filtered by track, and recommends it with an opinion.
        var county = await SignInAsync("county-320583", PlatformFixture.DemoPassword, "county-office");
        await county.GotoAsync($"{Portal}/office/worklist");
        var item = county.Locator($"tr[data-application='{id}']");
        await Expect(item).ToBeVisibleAsync();
        await county.GetByTestId("filter-track").SelectOptionAsync("industrial-brand");
        await county.WaitForURLAsync("**/office/worklist?*track=industrial-brand*");
        await Expect(item).ToBeVisibleAsync();
        await ShotAsync(county, "county-worklist");
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await county.WaitForURLAsync($"**/office/cases/{id}");
        await Expect(county.GetByTestId("content-project-name")).ToContainTextAsync((string)document["project"]!["name"]!);

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
        // The QR code on the paper holds the API's verification address; opened as a page (a phone's camera app), the
        // gateway sends it to the window check with the fingerprint, already checked.
        await county.GotoAsync($"{Portal}/api/applications/verification/{fingerprint.ToUpperInvariant()}");
        await county.WaitForURLAsync("**/office/window?fp=*");
        await Expect(county.GetByTestId("window-matches")).ToContainTextAsync("一致：");
        await ShotAsync(county, "county-window-qr-link");

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

        // Suzhou's city office recommends it on its case page, then finds it in the city's summary table of its track and
        // downloads the workbook through the portal. The table is not delivered here: later tests recommend on this track.
        var city = await SignInAsync("city-320500", PlatformFixture.DemoPassword, "city-office");
        await city.GotoAsync($"{Portal}/office/cases/{id}");
        await city.GetByLabel("推荐意见").FillAsync("同意推荐");
        await city.GetByRole(AriaRole.Button, new() { Name = "推荐", Exact = true }).ClickAsync();
        await Expect(city.GetByTestId("case-done")).ToContainTextAsync("已推荐");
        await ShotAsync(city, "city-recommended");
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

        // The province draws the panel on the review page; a seated expert scores on the blind sheet; the province closes
        // the panel, approves, and (no publicity days on the rehearsal call) gives the final approval.
        await WaitForReviewAsync(id);
        var province = await SignInAsync("province", PlatformFixture.DemoPassword, "province");
        province.Dialog += (_, dialog) => dialog.AcceptAsync();
        await province.GotoAsync($"{Portal}/province/reviews/{id}");
        await province.Locator("#review-draw-panel").ClickAsync();
        await Expect(province.GetByTestId("review-done")).ToBeVisibleAsync();
        var seated = province.Locator("[data-testid=review-panel] tr[data-expert]");
        await Expect(seated).Not.ToHaveCountAsync(0);
        var expertName = (await seated.First.GetAttributeAsync("data-expert"))!;
        await ShotAsync(province, "province-panel-drawn");

        var expert = await SignInAsync(expertName, PlatformFixture.DemoPassword, "expert");
        await expert.GotoAsync($"{Portal}/expert/reviews");
        await expert.Locator($"[data-testid=expert-reviews] tr[data-application='{id}']").GetByRole(AriaRole.Link).ClickAsync();
        await expert.WaitForURLAsync($"**/expert/reviews/{id}");
        var criteria = expert.Locator("input[id^='points-']");
        await Expect(criteria).Not.ToHaveCountAsync(0);
        foreach (var criterion in await criteria.AllAsync())
            await criterion.FillAsync(await criterion.GetAttributeAsync("max") ?? "1");
        await ShotAsync(expert, "expert-score-sheet");
        await expert.GetByTestId("score-submit").ClickAsync();
        await Expect(expert.GetByTestId("expert-done")).ToBeVisibleAsync();
        await ShotAsync(expert, "expert-scored");

        await province.GotoAsync($"{Portal}/province/reviews/{id}");
        await province.Locator("#review-close-panel").ClickAsync();
        await Expect(province.Locator("[data-testid=review-status] [data-status=PanelClosed]")).ToBeVisibleAsync();
        await province.Locator("#decide-amount").FillAsync("1000000");
        await province.Locator("#decide-reason").FillAsync("集体决策通过");
        await province.Locator("#review-approve").ClickAsync();
        await province.Locator("#review-decision-link").ClickAsync();
        await province.WaitForURLAsync("**/province/decisions/*");
        await province.Locator("#decision-finalise").ClickAsync();
        await Expect(province.Locator("[data-testid=decision-status] [data-status=Final]")).ToBeVisibleAsync();
        await ShotAsync(province, "province-final");

        // The applicant sees "approved" on its application and in its notifications.
        await Eventually(async () =>
        {
            await applicantPage.GotoAsync($"{Portal}/applications/{id}");
            // The decision stays on the page; the status moves on to 项目已启动 once monitoring opens the project.
            return await applicantPage.Locator("[data-testid=decision][data-decision=Approved]").CountAsync() > 0 ? (object)true : null;
        }, "the applicant's page showing the approval");
        await Expect(applicantPage.GetByTestId("decision-outcome")).ToContainTextAsync("已批准");
        await Expect(applicantPage.GetByTestId("decision-amount")).ToContainTextAsync("1,000,000");
        await ShotAsync(applicantPage, "applicant-approved");
        await Eventually(async () =>
        {
            await applicantPage.GotoAsync($"{Portal}/inbox");
            return await applicantPage.Locator("li[data-testid=inbox-item][data-kind=approved]").CountAsync() > 0 ? (object)true : null;
        }, "the approval in the applicant's notifications");
        await Expect(applicantPage.Locator("li[data-testid=inbox-item][data-kind=approved]").First).ToContainTextAsync(id.ToString());
        await ShotAsync(applicantPage, "applicant-inbox");

        // Signing out ends the portal's session and the identity service's: the next sign-in asks for the password again.
        await applicantPage.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(applicantPage.GetByRole(AriaRole.Link, new() { Name = "登录" }).First).ToBeVisibleAsync();
        Assert.StartsWith(Portal + "/", applicantPage.Url);
        await applicantPage.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await applicantPage.Locator("input[type=password]").WaitForAsync();
    }

    /// <summary>
    /// Types the document into the draft form as a person would: every field the industrial-brand track asks. The form's
    /// element ids are <c>f-</c> and the document's path with dashes.
    /// </summary>
    static async Task FillDraftAsync(IPage page, JsonObject document)
    {
        async Task Fill(string id, string value) => await page.Locator("#" + id).FillAsync(value);
        await Fill("f-applicant-name", (string)document["applicant"]!["name"]!);
        var facts = document["facts"]!.AsObject();
        foreach (var (name, value) in facts)
        {
            if (value is not JsonValue scalar) continue;
            var field = page.Locator($"#f-facts-{name}");
            if (scalar.TryGetValue<bool>(out var yes)) await field.SelectOptionAsync(yes ? "true" : "false");
            else await field.FillAsync(scalar.ToJsonString());
        }
        foreach (var year in facts["years"]!.AsArray())
            foreach (var (name, value) in year!.AsObject().Where(p => p.Key != "year"))
                await Fill($"f-facts-years-{year["year"]}-{name}", value!.ToJsonString());
        var trademark = facts["trademarks"]![0]!;
        if (await page.Locator("#f-tm-0-no").CountAsync() == 0) await page.GetByTestId("add-trademark").ClickAsync();
        await Fill("f-tm-0-no", (string)trademark["registrationNo"]!);
        await Fill("f-tm-0-until", (string)trademark["validUntil"]!);
        await Fill("f-tm-0-since", (string)trademark["inUseSince"]!);
        var project = document["project"]!;
        await Fill("f-project-name", (string)project["name"]!);
        await Fill("f-project-summary", (string)project["summary"]!);
        await Fill("f-project-startsOn", (string)project["startsOn"]!);
        await Fill("f-project-endsOn", (string)project["endsOn"]!);
        foreach (var task in document["tasks"]!.AsArray())
            await Fill($"f-tasks-{task!["taskId"]}", (string)task["plan"]!);
        foreach (var target in document["targets"]!.AsArray())
            await Fill($"f-targets-{target!["targetId"]}", target["value"]!.ToJsonString());
        foreach (var (name, value) in document["budget"]!.AsObject())
            await Fill($"f-budget-{name}", value!.ToJsonString());
        foreach (var (name, value) in document["contact"]!.AsObject())
            await Fill($"f-contact-{name}", (string)value!);
    }

    /// <summary>
    /// A fresh browser session signs in as <paramref name="account"/>: the portal sends it to the identity service's login
    /// page, which sends it back signed in. The login form is found by its password field, not by its markup.
    /// </summary>
    async Task<IPage> SignInAsync(string account, string password, string role)
    {
        var page = await NewPageAsync();
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

    /// <summary>A fresh browser session (its own cookies) at 1280 px.</summary>
    async Task<IPage> NewPageAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{++step:00}-{name}.png"), FullPage = true });

    static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

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

    async Task WaitForReviewAsync(Guid id)
    {
        var province = await platform.As("province");
        await Eventually(async () => (await province.GetAsync($"/api/reviews/{id}")).IsSuccessStatusCode ? (object)true : null,
            "the review opened for the forwarded application");
    }

    static Task<T?> Eventually<T>(Func<Task<T?>> probe, string what) => Poll.Until(probe, what);
}
