using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Identity.Api;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Tests;

/// <summary>
/// The web portal's sign-in: authorization code with PKCE through this service's login page, as a browser
/// (which follows each redirect by hand here) and the portal's server would do it.
/// </summary>
public sealed class SignInTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    readonly HttpClient api = factory.CreateClient();

    [Theory]
    [InlineData("county-320583")]
    [InlineData("province")]
    [InlineData(null)] // a freshly registered applicant, whose token names its organisation
    public async Task The_code_flow_gives_the_portal_the_same_claims_the_password_grant_gives(string? userName)
    {
        var password = IdentityFactory.DemoPassword;
        if (userName is null)
        {
            userName = Samples.NewCreditCode();
            password = Samples.Password;
            await Samples.Body(await api.PostJson("/api/identity/applicants", Samples.Registration(userName)), HttpStatusCode.Created);
        }
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();

        var code = await Portal.SignIn(browser, userName, password, verifier);
        var tokens = await OAuth.Granted(Portal.Redeem(api, code, verifier));

        var viaPortal = OAuth.Payload(tokens.GetProperty("access_token").GetString()!);
        var viaPassword = OAuth.Payload(await OAuth.AccessToken(api, userName, password));
        foreach (var claim in new[] { "sub", "name", "role", "office", "division", "org", "aud", "iss" })
            Assert.Equal(OAuth.Values(viaPassword, claim), OAuth.Values(viaPortal, claim));
        Assert.NotEmpty(OAuth.Values(viaPortal, "role"));
        Assert.Contains("api", viaPortal.GetProperty("scope").GetString()!.Split(' '));
        Assert.True((await OAuth.Validate(api, tokens.GetProperty("access_token").GetString()!)).IsValid);

        // The portal learns who signed in from the identity token, addressed to it.
        var identity = OAuth.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal([Portal.ClientId], OAuth.Values(identity, "aud"));
        Assert.Equal("nonce-1", identity.GetProperty("nonce").GetString());
        Assert.Equal(OAuth.Values(viaPassword, "sub"), OAuth.Values(identity, "sub"));
        Assert.Equal(OAuth.Values(viaPassword, "role"), OAuth.Values(identity, "role"));
        Assert.Equal(userName, identity.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_secure_and_kept_to_the_identity_pages()
    {
        using var browser = new Browser(factory);
        var toLogin = Browser.RedirectOf(await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier()))));

        Browser.RedirectOf(await browser.LogIn(toLogin.OriginalString, "city-320500", IdentityFactory.DemoPassword));

        var cookie = Assert.Single(browser.LastSetCookies, c => c.StartsWith("ipplatform.identity="));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes); // the issuer of the tests is https
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/connect", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=")); // ends with the browser session
    }

    [Fact]
    public async Task A_refresh_token_of_the_portal_gives_a_new_access_token()
    {
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        var tokens = await OAuth.Granted(Portal.Redeem(api, await Portal.SignIn(browser, "expert-1", IdentityFactory.DemoPassword, verifier), verifier));

        var refreshed = await OAuth.Granted(api.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = Portal.ClientId, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        })));

        var claims = OAuth.Payload(refreshed.GetProperty("access_token").GetString()!);
        Assert.Equal("expert", claims.GetProperty("role").GetString());
        Assert.Equal("expert-1", claims.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        var code = await Portal.SignIn(browser, "finance", IdentityFactory.DemoPassword, verifier);

        var (error, _) = await OAuth.Refused(Portal.Redeem(api, code, Portal.NewVerifier()));

        Assert.Equal("invalid_grant", error);
    }

    [Fact]
    public async Task A_code_is_redeemed_once_only()
    {
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        var code = await Portal.SignIn(browser, "finance", IdentityFactory.DemoPassword, verifier);
        await OAuth.Granted(Portal.Redeem(api, code, verifier));

        var (error, _) = await OAuth.Refused(Portal.Redeem(api, code, verifier));

        Assert.Equal("invalid_grant", error);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_redirecting()
    {
        using var browser = new Browser(factory);

        var response = await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier()), redirectUri: "https://evil.example/signin-oidc"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData(null, "S256")] // no PKCE challenge at all
    [InlineData("challenge", "plain")] // a challenge anyone who sees the request could answer
    public async Task An_authorization_request_without_an_s256_pkce_challenge_is_refused(string? challenge, string method)
    {
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        await Portal.SignIn(browser, "expert-2", IdentityFactory.DemoPassword, verifier); // signed in: only PKCE can stop it

        var refused = await browser.Get(Portal.AuthorizeUrl(challenge is null ? null : verifier, method: method));

        // OpenIddict answers the browser directly (no code, no redirect to the portal).
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task A_signed_in_person_gets_a_code_at_once_and_prompt_none_without_a_session_is_refused()
    {
        using var browser = new Browser(factory);
        var silent = Browser.Query(Browser.RedirectOf(await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier()), prompt: "none"))));
        Assert.Equal("login_required", silent["error"]);

        await Portal.SignIn(browser, "citygov-320500", IdentityFactory.DemoPassword, Portal.NewVerifier());
        var verifier = Portal.NewVerifier();
        var second = Browser.RedirectOf(await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(verifier), prompt: "none")));
        Assert.StartsWith(Portal.RedirectUri + "?", second.AbsoluteUri);
        await OAuth.Granted(Portal.Redeem(api, Browser.Query(second)["code"], verifier));
    }

    [Fact]
    public async Task The_code_comes_back_in_a_posted_form_when_the_portal_asks_for_form_post()
    {
        // ASP.NET Core's OpenID Connect handler asks for response_mode=form_post unless told otherwise.
        using var browser = new Browser(factory);
        await Portal.SignIn(browser, "county-320281", IdentityFactory.DemoPassword, Portal.NewVerifier());
        var verifier = Portal.NewVerifier();

        var response = await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(verifier)) + "&response_mode=form_post");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"action=\"{Portal.RedirectUri}\"", html);
        var code = System.Text.RegularExpressions.Regex.Match(html, "name=\"code\" value=\"(?<code>[^\"]+)\"").Groups["code"].Value;
        await OAuth.Granted(Portal.Redeem(api, WebUtility.HtmlDecode(code), verifier));
    }

    [Fact]
    public async Task A_posted_authorization_request_comes_back_after_the_login_as_the_same_request()
    {
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        var parameters = Browser.Query(new Uri(Portal.AuthorizeUrl(Portal.Challenge(verifier)), UriKind.Relative));

        var toLogin = Browser.RedirectOf(await browser.Post("/connect/authorize", parameters.ToDictionary(p => p.Key, p => (string?)p.Value)));
        var backToAuthorize = Browser.RedirectOf(await browser.LogIn(toLogin.OriginalString, "expert-2", IdentityFactory.DemoPassword));
        var callback = Browser.RedirectOf(await browser.Get(backToAuthorize.OriginalString));

        Assert.Equal(parameters, Browser.Query(backToAuthorize));
        await OAuth.Granted(Portal.Redeem(api, Browser.Query(callback)["code"], verifier));
    }

    [Fact]
    public async Task The_login_page_is_chinese_first_with_labelled_inputs_and_an_antiforgery_token()
    {
        using var browser = new Browser(factory);

        var response = await browser.Get("/connect/login?ReturnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dx");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<label for=\"username\">用户名</label>", html);
        Assert.Contains("<input id=\"username\" name=\"username\"", html);
        Assert.Contains("<label for=\"password\">密码</label>", html);
        Assert.Contains("<input id=\"password\" name=\"password\" type=\"password\"", html);
        Assert.Contains("<button type=\"submit\">登录</button>", html);
        Assert.Contains("<form method=\"post\" action=\"/connect/login\">", html);
        Assert.Contains("value=\"/connect/authorize?client_id=x\"", html);
        Assert.NotEmpty(Browser.AntiforgeryToken(html));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_show_the_form_again_with_the_same_error_and_no_session()
    {
        using var browser = new Browser(factory);

        var wrongPassword = await browser.LogIn("/connect/login?ReturnUrl=%2F", "finance", "Not-the-password-1");
        var wrongHtml = await wrongPassword.Content.ReadAsStringAsync();
        var unknown = await browser.LogIn("/connect/login?ReturnUrl=%2F", "nobody-here", IdentityFactory.DemoPassword);
        var unknownHtml = await unknown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(LoginPage.RefusedZh, wrongHtml);
        Assert.Contains(LoginPage.RefusedZh, unknownHtml);
        Assert.Contains("role=\"alert\"", wrongHtml);
        Assert.Contains("value=\"finance\"", wrongHtml); // the user name stays filled in
        Assert.Contains("<label for=\"password\">密码</label>", wrongHtml);
        Assert.Null(wrongPassword.Headers.Location);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_on_the_login_page_too()
    {
        var userName = await NewCountyAccount();
        using var browser = new Browser(factory);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.LogIn("/connect/login", userName, "Wrong-passw0rd!")).StatusCode);

        var locked = await browser.LogIn("/connect/login", userName, Samples.Password);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains(LoginPage.RefusedZh, await locked.Content.ReadAsStringAsync());
        Assert.False(browser.HasSession);
        await OAuth.Refused(OAuth.PasswordGrant(api, userName, Samples.Password)); // one lockout for both ways in
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_and_a_session_it_had_gets_no_more_codes()
    {
        var userName = await NewCountyAccount();
        using var browser = new Browser(factory);
        await Portal.SignIn(browser, userName, Samples.Password, Portal.NewVerifier());
        Assert.True(browser.HasSession);

        using var admin = await OAuth.SignedIn(factory, "admin");
        await Samples.Body(await admin.PostAsync($"/api/identity/accounts/{userName}/deactivate", null), HttpStatusCode.OK);

        var toLogin = Browser.RedirectOf(await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier()))));
        Assert.StartsWith("/connect/login?", toLogin.OriginalString);
        Assert.False(browser.HasSession);

        var refused = await browser.LogIn(toLogin.OriginalString, userName, Samples.Password);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(LoginPage.RefusedZh, await refused.Content.ReadAsStringAsync());
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task A_code_issued_before_a_deactivation_is_not_redeemed()
    {
        var userName = await NewCountyAccount();
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        var code = await Portal.SignIn(browser, userName, Samples.Password, verifier);

        using var admin = await OAuth.SignedIn(factory, "admin");
        await Samples.Body(await admin.PostAsync($"/api/identity/accounts/{userName}/deactivate", null), HttpStatusCode.OK);

        var (error, _) = await OAuth.Refused(Portal.Redeem(api, code, verifier));
        Assert.Equal("invalid_grant", error);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    public async Task A_return_url_off_the_site_is_refused(string returnUrl)
    {
        using var browser = new Browser(factory);

        var page = await browser.Get("/connect/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(LoginPage.ForeignReturnUrlZh, html);
        Assert.DoesNotContain("evil.example", html);

        var posted = await browser.Post("/connect/login", new()
        {
            ["__RequestVerificationToken"] = Browser.AntiforgeryToken(html), ["ReturnUrl"] = returnUrl,
            ["username"] = "admin", ["password"] = IdentityFactory.DemoPassword,
        });
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Credentials_without_the_antiforgery_token_are_refused()
    {
        using var browser = new Browser(factory);
        await browser.Get("/connect/login"); // the antiforgery cookie alone is not enough

        var posted = await browser.Post("/connect/login", new()
        {
            ["ReturnUrl"] = "/", ["username"] = "admin", ["password"] = IdentityFactory.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains(LoginPage.ExpiredZh, await posted.Content.ReadAsStringAsync());
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Without_a_return_url_a_sign_in_goes_to_the_portals_home()
    {
        using var browser = new Browser(factory);

        var home = Browser.RedirectOf(await browser.LogIn("/connect/login", "expert-1", IdentityFactory.DemoPassword));

        Assert.Equal("/", home.OriginalString);
        Assert.True(browser.HasSession);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // what ASP.NET Core's OpenID Connect handler sends: the identity token instead of the client id
    public async Task Logout_ends_the_session_and_returns_to_the_portal(bool withIdTokenHint)
    {
        using var browser = new Browser(factory);
        var verifier = Portal.NewVerifier();
        var code = await Portal.SignIn(browser, "city-320200", IdentityFactory.DemoPassword, verifier);
        var idToken = (await OAuth.Granted(Portal.Redeem(api, code, verifier))).GetProperty("id_token").GetString()!;
        var client = withIdTokenHint ? $"id_token_hint={idToken}" : $"client_id={Portal.ClientId}";

        var back = Browser.RedirectOf(await browser.Get(
            $"/connect/logout?{client}&post_logout_redirect_uri={Uri.EscapeDataString(Portal.PostLogoutRedirectUri)}&state=bye"));

        Assert.Equal(Portal.PostLogoutRedirectUri, back.GetLeftPart(UriPartial.Path));
        Assert.Equal("bye", Browser.Query(back)["state"]);
        Assert.False(browser.HasSession);
        var again = Browser.RedirectOf(await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier()))));
        Assert.StartsWith("/connect/login?", again.OriginalString);
    }

    [Fact]
    public async Task Logout_to_an_unregistered_address_is_refused()
    {
        using var browser = new Browser(factory);

        var response = await browser.Get($"/connect/logout?client_id={Portal.ClientId}&post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example/")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Discovery_advertises_the_authorization_and_end_session_endpoints_and_only_s256()
    {
        var discovery = await api.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal(IdentityFactory.Issuer + "connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(IdentityFactory.Issuer + "connect/logout", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("authorization_code", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["code"], discovery.GetProperty("response_types_supported").EnumerateArray().Select(g => g.GetString()));
    }

    async Task<string> NewCountyAccount()
    {
        using var admin = await OAuth.SignedIn(factory, "admin");
        var userName = Samples.NewUserName("county");
        await Samples.Body(await admin.PostJson("/api/identity/accounts", Samples.StaffAccount(userName, "county-office", "320583")), HttpStatusCode.Created);
        return userName;
    }
}

/// <summary>The portal's client follows the configuration: its redirect URIs are replaced at the next start.</summary>
public sealed class PortalClientTests
{
    [Fact]
    public async Task The_portal_client_is_seeded_and_its_redirect_uris_follow_the_configuration()
    {
        var folder = IdentityFactory.NewFolder();
        await using (var first = new IdentityFactory { Folder = folder })
        {
            first.CreateClient();
            Assert.Equal([Portal.RedirectUri], await RedirectUris(first));
        }

        await using (var moved = new IdentityFactory
        {
            Folder = folder,
            Settings =
            {
                ["Identity:Portal:RedirectUris:0"] = "https://ip.jiangsu.example/signin-oidc",
                ["Identity:Portal:RedirectUris:1"] = "https://ip-backup.jiangsu.example/signin-oidc",
                ["Identity:Portal:PostLogoutRedirectUris"] = "https://ip.jiangsu.example/signout-callback-oidc",
            },
        })
        {
            using var browser = new Browser(moved);
            Assert.Equal(["https://ip-backup.jiangsu.example/signin-oidc", "https://ip.jiangsu.example/signin-oidc"], await RedirectUris(moved));

            // The old address no longer receives codes.
            var refused = await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier())));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var accepted = await browser.Get(Portal.AuthorizeUrl(Portal.Challenge(Portal.NewVerifier()), redirectUri: "https://ip.jiangsu.example/signin-oidc"));
            Assert.StartsWith("/connect/login?", Browser.RedirectOf(accepted).OriginalString);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    static Task<string[]> RedirectUris(IdentityFactory factory) => factory.With<IOpenIddictApplicationManager, string[]>(async apps =>
    {
        var portal = await apps.FindByClientIdAsync(Portal.ClientId) ?? throw new Xunit.Sdk.XunitException("The portal client was not seeded.");
        return [.. (await apps.GetRedirectUrisAsync(portal)).Order()];
    });
}
