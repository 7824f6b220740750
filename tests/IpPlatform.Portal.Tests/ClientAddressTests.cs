using System.Collections.Concurrent;
using System.Net;
using IpPlatform.Portal.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The portal calls the gateway for all its users from one address; it names each person's own address in
/// <c>X-Forwarded-For</c> so the gateway's public rate limit (which trusts the portal) counts per person.
/// </summary>
public sealed class ClientAddressTests
{
    [Fact]
    public async Task The_api_client_forwards_the_address_the_gateway_named()
    {
        var sent = new ConcurrentQueue<string?>();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Identity:Issuer", "http://issuer.test/");
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new FromGatewayWithProbe());
                services.AddHttpClient<PlatformApi>().ConfigurePrimaryHttpMessageHandler(() => new Recorder(sent));
            });
        });
        using var browser = factory.CreateClient();

        // What the gateway sends the portal: the person's address, appended by YARP; a browser-written entry before it.
        using var request = new HttpRequestMessage(HttpMethod.Get, FromGatewayWithProbe.Path);
        request.Headers.Add("X-Forwarded-For", "198.51.100.66, 203.0.113.7");
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // Only the address the trusted gateway vouched for; never the entry the browser wrote itself.
        Assert.Equal("203.0.113.7", Assert.Single(sent));
    }

    [Fact]
    public async Task Without_a_request_nothing_is_forwarded()
    {
        var sent = new ConcurrentQueue<string?>();
        using var invoker = new HttpMessageInvoker(new ClientAddressHandler(new HttpContextAccessor()) { InnerHandler = new Recorder(sent) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://gateway.test/api/x");
        request.Headers.Add("X-Forwarded-For", "192.0.2.1");

        await invoker.SendAsync(request, CancellationToken.None);

        Assert.Null(Assert.Single(sent)); // a stale header is removed rather than passed on
    }

    /// <summary>The test server has no sockets: the peer is the gateway on loopback, and one path calls the API client.</summary>
    sealed class FromGatewayWithProbe : IStartupFilter
    {
        public const string Path = "/__client-address-probe";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                await nextMiddleware(context);
            });
            next(app);
            // After the portal's own pipeline has set up (forwarded headers run first in MapPortal).
            app.Map(Path, probe => probe.Run(async context =>
            {
                var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PlatformApi));
                using var _ = await client.GetAsync("/api/eligibility/calls");
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }));
        };
    }

    sealed class Recorder(ConcurrentQueue<string?> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request.Headers.TryGetValues("X-Forwarded-For", out var values) ? string.Join(",", values) : null);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]") });
        }
    }
}
