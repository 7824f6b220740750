using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace IpPlatform.Gateway.Tests;

/// <summary>
/// The gateway in-process with its real routes, limiter and middleware; the services behind it are one stub that
/// answers 200 and keeps the <c>X-Forwarded-For</c> each proxied request carried. The test server has no sockets, so
/// the peer's address comes from the <see cref="PeerHeader"/> header, set before anything of the gateway runs.
/// </summary>
public sealed class GatewayHost : IDisposable
{
    public const string PeerHeader = "X-Test-Peer";
    readonly WebApplicationFactory<Program> factory;

    /// <summary>The <c>X-Forwarded-For</c> of each request that reached a service, in order.</summary>
    public ConcurrentQueue<string> ForwardedFor { get; } = new();

    public GatewayHost(int permitsPerSecond = 1, int burst = 1, params (string Key, string Value)[] settings)
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("RateLimits:Public:PermitsPerSecond", permitsPerSecond.ToString());
            web.UseSetting("RateLimits:Public:Burst", burst.ToString());
            web.UseSetting("services:eligibility:http:0", "http://127.0.0.1:9");
            web.UseSetting("services:identity:http:0", "http://127.0.0.1:9");
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new PeerFromHeader());
                services.AddSingleton<IForwarderHttpClientFactory>(new StubServices(ForwardedFor));
            });
        });
    }

    public void Dispose() => factory.Dispose();

    /// <summary>A client of the gateway that does not follow redirects.</summary>
    public HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>One precheck as <paramref name="peer"/> sends it, optionally naming a forwarded client.</summary>
    public async Task<HttpStatusCode> PrecheckAsync(string peer, string? forwardedFor = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/eligibility/precheck") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(PeerHeader, peer);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer))
                    context.Connection.RemoteIpAddress = peer;
                context.Request.Headers.Remove(PeerHeader);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    sealed class StubServices(ConcurrentQueue<string> forwardedFor) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(new Answer(forwardedFor));

        sealed class Answer(ConcurrentQueue<string> forwardedFor) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                forwardedFor.Enqueue(request.Headers.TryGetValues("X-Forwarded-For", out var values) ? string.Join(",", values) : "");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
            }
        }
    }
}
