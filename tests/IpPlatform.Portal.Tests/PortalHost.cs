using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using IpPlatform.Portal.Api;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The portal's own host for every page test: the identity service's configuration given (no network), a signed-in
/// person by header (role, office, organisation, account name), an optional fixed clock, and a recording gateway stub
/// in place of the real gateway, so a test shapes the services' answers and checks what the portal asked of them.
/// </summary>
public sealed class PortalHost : IDisposable
{
    public const string Issuer = "http://issuer.test/";
    readonly WebApplicationFactory<Program> factory;

    public RecordingGateway Gateway { get; } = new();

    /// <summary>The gateway's answer to the window check for <paramref name="fingerprint"/>: a county-recommended
    /// industrial-brand application whose stored record matches.</summary>
    public void AnswerVerification(string fingerprint) => Gateway.Answer("GET", $"/api/applications/verification/{fingerprint}", $$"""
        {"applicationId":"6f1c2d3e-0000-4000-8000-000000000001","callId":"2022","callVersion":1,"track":"industrial-brand",
         "applicantName":"昆山示范企业有限公司","creditCode":"91320583MA1XXXXXX1","projectName":"品牌培育示范项目",
         "submittedAt":"2022-05-10T01:30:00Z","status":"RecommendedByCounty","fingerprint":"{{fingerprint}}","matches":true,"paperCopy":null}
        """);

    /// <param name="now">The instant the portal's <see cref="TimeProvider"/> reports; the system clock when null.</param>
    public PortalHost(DateTimeOffset? now = null)
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Identity:Issuer", Issuer);
            web.ConfigureTestServices(services =>
            {
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = Issuer,
                    AuthorizationEndpoint = Issuer + "connect/authorize",
                    TokenEndpoint = Issuer + "connect/token",
                    EndSessionEndpoint = Issuer + "connect/logout",
                });
                services.AddHttpClient<PlatformApi>().ConfigurePrimaryHttpMessageHandler(() => Gateway);
                if (now is { } instant) services.AddSingleton<TimeProvider>(new FixedClock(instant));
                // Keys of this host alone, in memory: the default ring in ~/.aspnet is shared with every other host and
                // process on the machine, and its keys' dates are the real clock's, not the fixed one's. A form's
                // antiforgery token was once refused (400) in a full run.
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
                // A signed-in person by header, standing in for the session cookie the OIDC sign-in sets.
                services.AddAuthentication(o => o.DefaultAuthenticateScheme = TestPerson.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestPerson>(TestPerson.SchemeName, null);
            });
        });
    }

    public void Dispose() => factory.Dispose();

    /// <summary>A browser without a person (cookies kept, redirects not followed).</summary>
    public HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A browser signed in as the person described; claims left null are not carried.</summary>
    public HttpClient SignedIn(string role, string? office = null, string? organisation = null, string name = "test")
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.Add(TestPerson.Header, TestPerson.Describe(role, office, organisation, name));
        return browser;
    }

    /// <summary>The page's text with its character references decoded, after checking it answered 200.</summary>
    public static async Task<string> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlAsync(response);
    }

    /// <summary>A response's text with its character references decoded.</summary>
    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The person named by the test's header (a query string of role, office, organisation and name), no tokens.</summary>
    sealed class TestPerson(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "test-person";
        public const string Header = "X-Test-Person";

        public static string Describe(string role, string? office, string? organisation, string name) =>
            string.Join('&', new[] { ("role", role), ("office", office), ("organisation", organisation), ("name", name) }
                .Where(p => p.Item2 is not null)
                .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers[Header].ToString();
            if (header.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
            var parts = System.Web.HttpUtility.ParseQueryString(header);
            var claims = new List<Claim> { new(PlatformClaims.Name, parts["name"]!), new(PlatformClaims.Role, parts["role"]!) };
            if (parts["office"] is { } office) claims.Add(new(PlatformClaims.Office, office));
            if (parts["organisation"] is { } organisation) claims.Add(new(PlatformClaims.Organisation, organisation));
            var identity = new ClaimsIdentity(claims, SchemeName, PlatformClaims.Name, PlatformClaims.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}

/// <summary>One request the portal sent to the gateway.</summary>
/// <param name="Query">The query string with its leading '?', or empty.</param>
/// <param name="Body">The request's body; empty when it had none.</param>
public sealed record GatewayRequest(string Method, string Path, string Query, string Body)
{
    public string PathAndQuery => Path + Query;
}

/// <summary>
/// The gateway as the portal's API client sees it: canned answers by method and path (the query ignored unless the
/// answer is shaped by it), anything else 404; every request kept in order with its query and body.
/// </summary>
public sealed class RecordingGateway : HttpMessageHandler
{
    readonly ConcurrentDictionary<(string Method, string Path), Func<string, HttpResponseMessage>> answers = new();

    public ConcurrentQueue<GatewayRequest> Requests { get; } = new();

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="body"/>. The media type is JSON,
    /// or a problem document for an error status, unless given; a file name makes it an attachment.
    /// </summary>
    public void Answer(string method, string path, string body, HttpStatusCode status = HttpStatusCode.OK,
        string? mediaType = null, string? fileName = null) =>
        answers[(method, path)] = _ =>
        {
            var content = new StringContent(body, Encoding.UTF8, mediaType ?? ((int)status >= 400 ? "application/problem+json" : "application/json"));
            if (fileName is not null) content.Headers.ContentDisposition = new("attachment") { FileNameStar = fileName };
            return new HttpResponseMessage(status) { Content = content };
        };

    /// <summary>Answers with a body made from the request's query string (a 204 carries no body).</summary>
    public void Answer(string method, string path, Func<string, string> byQuery, HttpStatusCode status = HttpStatusCode.OK) =>
        answers[(method, path)] = query =>
        {
            var body = byQuery(query);
            return new HttpResponseMessage(status)
            {
                Content = status == HttpStatusCode.NoContent ? null : new StringContent(body, Encoding.UTF8, "application/json"),
            };
        };

    /// <summary>The requests sent with this method to this path (any query).</summary>
    public IEnumerable<GatewayRequest> Sent(string method, string path) => Requests.Where(r => r.Method == method && r.Path == path);

    /// <summary>The body of the last request sent with this method to this path.</summary>
    public string Body(string method, string path) => Sent(method, path).Last().Body;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new GatewayRequest(request.Method.Method, uri.AbsolutePath, uri.Query, body));
        return answers.TryGetValue((request.Method.Method, uri.AbsolutePath), out var answer)
            ? answer(uri.Query)
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
