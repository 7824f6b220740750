using System.Text.RegularExpressions;

namespace IpPlatform.Portal.Components.Pages;

public partial class Window
{
    /// <summary>
    /// The fingerprints in what the clerk typed or a scanner "typed": the fingerprint itself (any case, grouped
    /// with spaces or dashes), the printed QR code's verification URL, or any text around one. Each as the stored
    /// lower-case hex, once; a run of more than 64 hex digits is no fingerprint (it is something else).
    /// </summary>
    public static IReadOnlyList<string> FingerprintsIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        // A link opened by a phone may arrive percent-encoded (e.g. %20 between groups); decoding is harmless otherwise.
        var decoded = Uri.UnescapeDataString(text);
        return HexRun().Matches(decoded)
            .Select(m => string.Concat(m.Value.Where(char.IsAsciiHexDigit)).ToLowerInvariant())
            .Distinct()
            .ToList();
    }

    // 64 hex digits, separators allowed between them, not glued to a further hex digit on either side.
    [GeneratedRegex(@"(?<![0-9a-f])[0-9a-f](?:[ \t\-]*[0-9a-f]){63}(?![0-9a-f])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HexRun();
}
