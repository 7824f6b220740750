using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The portal's host for the office pages' tests: the identity service's configuration given (no network), a person
/// by header, and a gateway stub that answers by method and path and keeps what each request sent (query and body),
/// so a test can both shape the services' answers and check what the portal asked of them.
/// </summary>
public sealed partial class OfficePortal : IDisposable
{
    const string Issuer = "http://issuer.test/";
    readonly WebApplicationFactory<Program> factory;

    public RecordingGateway Gateway { get; } = new();

    public OfficePortal()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Identity:Issuer", Issuer);
            web.ConfigureTestServices(services =>
            {
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = Issuer, AuthorizationEndpoint = Issuer + "connect/authorize", TokenEndpoint = Issuer + "connect/token",
                });
                services.AddHttpClient<PlatformApi>().ConfigurePrimaryHttpMessageHandler(() => Gateway);
                services.AddAuthentication(o => o.DefaultAuthenticateScheme = HeaderPerson.Name)
                    .AddScheme<AuthenticationSchemeOptions, HeaderPerson>(HeaderPerson.Name, null);
            });
        });
    }

    public void Dispose() => factory.Dispose();

    /// <summary>A browser without a person (cookies kept, redirects not followed).</summary>
    public HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient SignedIn(string role, string office)
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.Add(HeaderPerson.Header, $"{role} {office}");
        return browser;
    }

    /// <summary>The page's text with its character references decoded.</summary>
    public static async Task<string> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Submits the page's form named <paramref name="formName"/> as a browser would: the page is read first for its
    /// anti-forgery token (its cookie stays in the browser), then the fields are posted with it.
    /// </summary>
    public static async Task<string> SubmitAsync(HttpClient browser, string path, string formName, params (string Name, string Value)[] fields)
    {
        var page = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "The page has no anti-forgery token.");
        var content = new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
                .Append(KeyValuePair.Create("_handler", formName))
                .Append(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        var response = await browser.PostAsync(path, content);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The person named by the test's header: role and office code, no tokens.</summary>
    sealed class HeaderPerson(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "header-person";
        public const string Header = "X-Test-Person";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[Header].ToString().Split(' ') is not [var role, var office]) return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity(
                [new Claim(PlatformClaims.Name, "test"), new Claim(PlatformClaims.Role, role), new Claim(PlatformClaims.Office, office)],
                Name, PlatformClaims.Name, PlatformClaims.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}

/// <summary>The gateway as the portal's API client sees it: fixed answers by method and path, anything else 404.</summary>
public sealed class RecordingGateway : HttpMessageHandler
{
    readonly Dictionary<(string Method, string Path), (HttpStatusCode Status, string Body)> answers = [];

    /// <summary>What the portal sent: method, path with query, and body.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Method, string PathAndQuery, string? Body)> Requests { get; } = new();

    public void Answer(string path, string json, string method = "GET", HttpStatusCode status = HttpStatusCode.OK) =>
        answers[(method, path)] = (status, json);

    public IEnumerable<(string Method, string PathAndQuery, string? Body)> Sent(string method, string path) =>
        Requests.Where(r => r.Method == method && r.PathAndQuery.Split('?')[0] == path);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, body));
        if (!answers.TryGetValue((request.Method.Method, request.RequestUri.AbsolutePath), out var answer))
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        var type = answer.Status is HttpStatusCode.OK ? "application/json" : "application/problem+json";
        return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, type) };
    }
}
