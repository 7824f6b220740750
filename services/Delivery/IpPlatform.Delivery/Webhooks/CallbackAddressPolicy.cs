using System.Net;
using System.Net.Sockets;

namespace IpPlatform.Delivery.Webhooks;

/// <summary>
/// Which callback URLs and addresses the platform will call: https to public addresses only, so a subscription
/// cannot make the platform probe its own network. Plain http to loopback is allowed in Development (a local
/// receiver). The addresses are checked again when connecting, so a name re-pointed later gains nothing.
/// </summary>
public sealed class CallbackAddressPolicy(bool allowLoopback)
{
    public bool AllowLoopback => allowLoopback;

    /// <summary>Problems with <paramref name="url"/>, empty when it may be subscribed.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(string? url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return ["An absolute http(s) URL is required."];
        if (!string.IsNullOrEmpty(uri.UserInfo)) return ["A callback URL carries no credentials."];
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, ct);
        }
        catch (SocketException)
        {
            return [$"The host {uri.Host} does not resolve."];
        }
        if (addresses.Length == 0) return [$"The host {uri.Host} does not resolve."];
        var refused = addresses.Where(a => !IsAllowed(a)).ToList();
        if (refused.Count > 0) return [$"The host resolves to an address the platform does not call: {string.Join(", ", refused)}."];
        if (uri.Scheme == "http" && !addresses.All(IPAddress.IsLoopback))
            return ["https is required (plain http only to a local receiver in Development)."];
        return [];
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xC0) == 64) || b[0] >= 224);
        }
        var v6 = address.GetAddressBytes();
        return !((v6[0] & 0xFE) == 0xFC || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast);
    }
}
