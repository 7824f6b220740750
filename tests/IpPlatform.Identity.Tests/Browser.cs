using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace IpPlatform.Identity.Tests;

/// <summary>
/// What a browser does on the identity service's pages, one request at a time: it follows no redirect by
/// itself (each one is a step to assert) and keeps cookies as a browser would (Secure ones only over https,
/// by path, deleted when expired). The portal's side of the code flow is <see cref="Portal"/>.
/// </summary>
public sealed partial class Browser : IDisposable
{
    public static readonly Uri Origin = new("https://localhost/");
    readonly HttpClient client;

    public Browser(IdentityFactory factory) =>
        client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Origin });

    public CookieContainer Cookies { get; } = new();

    /// <summary>The Set-Cookie headers of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public bool HasSession => Cookies.GetCookies(new Uri(Origin, "/connect/authorize")).Any(c => c.Name == "ipplatform.identity");

    public Task<HttpResponseMessage> Get(string url) => Send(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> Post(string url, Dictionary<string, string?> form) =>
        Send(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form.Where(f => f.Value is not null)!) });

    async Task<HttpResponseMessage> Send(HttpRequestMessage request)
    {
        var uri = new Uri(Origin, request.RequestUri!);
        if (Cookies.GetCookieHeader(uri) is { Length: > 0 } cookies) request.Headers.Add("Cookie", cookies);
        var response = await client.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? [.. set] : [];
        foreach (var header in LastSetCookies) Cookies.SetCookies(uri, header);
        return response;
    }

    /// <summary>The Location of a redirect, after checking it is one.</summary>
    public static Uri RedirectOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return response.Headers.Location!;
    }

    /// <summary>The query parameters of a redirect target, relative or absolute.</summary>
    public static Dictionary<string, string> Query(Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(Origin, location);
        return QueryHelpers.ParseQuery(absolute.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The antiforgery token of a login form.</summary>
    public static string AntiforgeryToken(string html) => AntiforgeryField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups["token"].Value)
        : throw new Xunit.Sdk.XunitException("The page has no antiforgery field:\n" + html);

    /// <summary>Opens the login page at <paramref name="loginUrl"/> and posts the credentials with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> LogIn(string loginUrl, string userName, string password)
    {
        var page = await Get(loginUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await Post("/connect/login", new()
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["ReturnUrl"] = Query(new Uri(loginUrl, UriKind.Relative)).GetValueOrDefault("ReturnUrl"),
            ["username"] = userName,
            ["password"] = password,
        });
    }

    public void Dispose() => client.Dispose();
}

/// <summary>The web portal's side of the code flow: PKCE, the authorization request, the code exchange.</summary>
public static class Portal
{
    public const string ClientId = "ipplatform-portal";
    public const string RedirectUri = "http://localhost:8080/signin-oidc";
    public const string PostLogoutRedirectUri = "http://localhost:8080/signout-callback-oidc";
    public const string Scopes = "openid profile api offline_access";

    public static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string AuthorizeUrl(string? challenge, string redirectUri = RedirectUri, string method = "S256", string? prompt = null,
        string state = "state-1") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId, ["response_type"] = "code", ["redirect_uri"] = redirectUri, ["scope"] = Scopes,
            ["state"] = state, ["nonce"] = "nonce-1", ["prompt"] = prompt,
            ["code_challenge"] = challenge, ["code_challenge_method"] = challenge is null ? null : method,
        }.Where(p => p.Value is not null));

    public static Task<HttpResponseMessage> Redeem(HttpClient client, string code, string verifier, string redirectUri = RedirectUri) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code,
            ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
        }));

    /// <summary>
    /// The whole browser journey for <paramref name="userName"/>: authorize → login page → credentials →
    /// authorize again → the portal's redirect URI with a code. Returns the code.
    /// </summary>
    public static async Task<string> SignIn(Browser browser, string userName, string password, string verifier)
    {
        var toLogin = Browser.RedirectOf(await browser.Get(AuthorizeUrl(Challenge(verifier))));
        Assert.False(toLogin.IsAbsoluteUri); // relative, so it works through the gateway as well
        Assert.StartsWith("/connect/login?ReturnUrl=", toLogin.OriginalString);

        var backToAuthorize = Browser.RedirectOf(await browser.LogIn(toLogin.OriginalString, userName, password));
        Assert.StartsWith("/connect/authorize?", backToAuthorize.OriginalString);

        var callback = Browser.RedirectOf(await browser.Get(backToAuthorize.OriginalString));
        Assert.Equal(RedirectUri, callback.GetLeftPart(UriPartial.Path));
        var query = Browser.Query(callback);
        Assert.Equal("state-1", query["state"]);
        return query["code"];
    }
}
