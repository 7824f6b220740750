using System.Net;
using System.Text;
using IpPlatform.Portal.Api;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The portal's own host over HTTP, with the identity service's configuration given (no network) and the gateway
/// replaced by a stub answering the API paths the test names.
/// </summary>
public sealed class PortalHostTests : IDisposable
{
    const string Issuer = "http://issuer.test/";
    readonly StubGateway gateway = new();
    readonly WebApplicationFactory<Program> factory;

    public PortalHostTests()
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
                services.AddHttpClient<PlatformApi>().ConfigurePrimaryHttpMessageHandler(() => gateway);
            });
        });
    }

    public void Dispose() => factory.Dispose();

    HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task An_applicants_page_sends_an_anonymous_visitor_to_the_identity_service_with_a_code_request_and_PKCE()
    {
        var response = await Browser().GetAsync("/applications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Issuer + "connect/authorize?", location.AbsoluteUri);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(("ipplatform-portal", "code", "query", "S256"),
            (query["client_id"], query["response_type"], query["response_mode"] ?? "query", query["code_challenge_method"]));
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(["api", "offline_access", "openid", "profile"], query["scope"]!.Split(' ').Order());
        Assert.EndsWith("/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public async Task The_calls_page_shows_each_track_with_its_deadlines_to_the_minute_and_its_contacts()
    {
        gateway.Answer("/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);
        gateway.Answer("/api/eligibility/calls/2022", """
            {"id":"2022","titleZh":"2022年度专项资金申报","timeZone":"Asia/Shanghai",
             "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","divisionZh":"保护处","onlineDeadline":"2022-05-20",
                        "onlineDeadlineAt":"2022-05-20T17:00","paperDeadlineAt":"2022-05-27T17:00","contacts":[{"name":"张三","phone":"025-12345678"}]}]}
            """);

        var html = WebUtility.HtmlDecode(await Browser().GetStringAsync("/calls"));

        Assert.Contains("工业品牌培育", html);
        Assert.Contains("2022-05-20 17:00", html);
        Assert.Contains("2022-05-27 17:00", html);
        Assert.Contains("张三 025-12345678", html);
    }

    [Fact]
    public async Task A_fault_shows_the_error_page_with_a_reference_and_nothing_of_the_fault()
    {
        gateway.Fail("/api/eligibility/calls", "secret-internal-detail");

        var response = await Browser().GetAsync("/calls");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("出错了", html);
        Assert.DoesNotContain("secret-internal-detail", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("PlatformApi", html);
    }

    [Fact]
    public async Task An_unknown_path_shows_the_portals_not_found_page()
    {
        var response = await Browser().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The gateway as the portal's API client sees it: fixed answers by path; anything else 404.</summary>
    sealed class StubGateway : HttpMessageHandler
    {
        readonly Dictionary<string, (HttpStatusCode Status, string Body)> answers = [];

        public void Answer(string path, string json) => answers[path] = (HttpStatusCode.OK, json);

        /// <summary>A fault the resilience pipeline does not retry (a 400), carrying text the page must not show.</summary>
        public void Fail(string path, string detail) => answers[path] = (HttpStatusCode.BadRequest, $$"""{"title":"{{detail}}"}""");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers.TryGetValue(request.RequestUri!.AbsolutePath, out var answer)
                ? new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
