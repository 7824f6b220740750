using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IpPlatform.Gateway;

/// <summary>
/// Who the client is, for the public rate limit and the traces. The gateway is the platform's edge, so the peer's
/// address is the client's — except when the peer is a trusted proxy (the web portal, which calls the APIs for all of
/// its users, or a load balancer in front): then the address it names in <c>X-Forwarded-For</c> is the client's.
/// Trusted proxies are <c>Gateway:TrustedProxies</c> (addresses) and <c>Gateway:TrustedNetworks</c> (CIDR); when
/// neither is configured, loopback only (ASP.NET Core's defaults). A header from any other peer is ignored.
/// </summary>
public static class ClientAddress
{
    public static void AddClientAddress(this IHostApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("Gateway:TrustedProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("Gateway:TrustedNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the address: the scheme and host of the public request are the gateway's own.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // One hop per trusted proxy in a chain (load balancer → portal → gateway), never more than the list allows.
            o.ForwardLimit = null;
            if (proxies.Length == 0 && networks.Length == 0)
                return; // loopback (127.0.0.0/8, ::1) as the framework knows it
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>
    /// Replaces the connection's remote address by the forwarded one when (and only as far as) the peers are trusted;
    /// first in the pipeline, so the rate limiter and the proxied request's own <c>X-Forwarded-For</c> see the client.
    /// </summary>
    public static void UseClientAddress(this WebApplication app) => app.UseForwardedHeaders();
}
