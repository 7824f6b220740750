using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Delivery.Webhooks;

/// <summary>
/// How a receiver knows a delivery is ours and fresh: <c>IpPlatform-Timestamp</c> (Unix seconds) and
/// <c>IpPlatform-Signature</c> = <c>v1=</c> hex HMAC-SHA256 over <c>timestamp + "." + body</c> with the
/// subscription's secret (UTF-8), one <c>v1=</c> per valid secret, space-separated (two during a rotation).
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "IpPlatform-Timestamp";
    public const string SignatureHeader = "IpPlatform-Signature";
    public const string DeliveryHeader = "IpPlatform-Delivery";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string Header(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets) signatures.Add(Sign(secret, timestamp, body));
        return string.Join(' ', signatures);
    }

    /// <summary>What a receiver does: any of the header's signatures matches its secret (compared in constant time).</summary>
    public static bool Verify(string secret, string timestampHeader, string signatureHeader, ReadOnlySpan<byte> body)
    {
        if (!long.TryParse(timestampHeader, out var timestamp)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate))) return true;
        return false;
    }
}
