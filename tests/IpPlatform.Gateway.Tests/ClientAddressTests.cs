using System.Net;

namespace IpPlatform.Gateway.Tests;

/// <summary>
/// The public rate limit's bucket is the client's: the peer's address, or the one a trusted proxy (the portal, on
/// loopback by default) forwards. One permit a second and no burst, so a second request of the same client within the
/// second is refused.
/// </summary>
public sealed class ClientAddressTests
{
    const string Portal = "127.0.0.1";

    [Fact]
    public async Task Portal_users_at_different_addresses_have_their_own_buckets()
    {
        using var gateway = new GatewayHost();

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            first.Add(await gateway.PrecheckAsync(Portal, "203.0.113.10"));
        var second = await gateway.PrecheckAsync(Portal, "203.0.113.20");

        Assert.Equal(HttpStatusCode.OK, first[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, first); // the first person used up their bucket…
        Assert.Equal(HttpStatusCode.OK, second); // …and the second person's is untouched, although both came through the portal
        // The service is told the person's address, not the portal's.
        Assert.Equal("203.0.113.20", gateway.ForwardedFor.Last());
    }

    [Fact]
    public async Task A_client_that_forwards_for_itself_from_an_untrusted_address_stays_in_its_own_bucket()
    {
        using var gateway = new GatewayHost();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            answers.Add(await gateway.PrecheckAsync("198.51.100.7", $"203.0.113.{i + 1}")); // a new "client" each time

        // At most a refill's worth gets through; every request counted against 198.51.100.7.
        Assert.True(answers.Count(a => a == HttpStatusCode.TooManyRequests) >= 3, string.Join(", ", answers));
        Assert.DoesNotContain(gateway.ForwardedFor, f => f.Split(',')[^1].Trim() != "198.51.100.7");
    }

    [Fact]
    public async Task Configured_trusted_networks_replace_loopback()
    {
        using var gateway = new GatewayHost(settings: ("Gateway:TrustedNetworks:0", "10.0.0.0/8"));

        var behindProxy = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            behindProxy.Add(await gateway.PrecheckAsync("10.1.2.3", $"203.0.113.{i + 1}"));
        var fromLoopback = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            fromLoopback.Add(await gateway.PrecheckAsync("127.0.0.1", $"192.0.2.{i + 1}"));

        Assert.All(behindProxy, a => Assert.Equal(HttpStatusCode.OK, a)); // four people behind the trusted proxy
        Assert.True(fromLoopback.Count(a => a == HttpStatusCode.TooManyRequests) >= 3, string.Join(", ", fromLoopback)); // loopback is no longer trusted
    }

    [Fact]
    public async Task A_chain_of_trusted_proxies_is_followed_to_the_first_untrusted_address()
    {
        // A load balancer (10.0.0.5) in front of the portal (10.0.0.9): the portal appends the balancer's view.
        using var gateway = new GatewayHost(settings: ("Gateway:TrustedNetworks:0", "10.0.0.0/24"));

        var a = await gateway.PrecheckAsync("10.0.0.9", "203.0.113.50, 10.0.0.5");
        var b = await gateway.PrecheckAsync("10.0.0.9", "203.0.113.60, 10.0.0.5");
        var again = await gateway.PrecheckAsync("10.0.0.9", "203.0.113.60, 10.0.0.5");

        Assert.Equal(HttpStatusCode.OK, a);
        Assert.Equal(HttpStatusCode.OK, b);
        Assert.Equal(HttpStatusCode.TooManyRequests, again); // same person again within the second
    }
}
