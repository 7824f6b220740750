using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace IpPlatform.Printing.Layout;

/// <summary>
/// PDFsharp writes two random things into every file: a six-letter tag naming each embedded font subset
/// (ABCDEF+FontName, as the PDF format asks) and the XMP metadata's document and instance UUIDs. That alone would
/// make two prints of the same record differ. Both are replaced, byte for byte, by values derived from the document's
/// own identity, so offsets in the file stay valid and the same record prints the same file.
/// </summary>
internal static partial class Deterministic
{
    public static byte[] Bytes(byte[] pdf, string seed)
    {
        // Latin-1 maps every byte to one char and back, so binary streams survive the round trip unchanged.
        var text = new StringBuilder(Encoding.Latin1.GetString(pdf));
        var original = text.ToString();
        Replace(text, FontNameTag().Matches(original), "tag", index => Tag($"{seed}|font|{index}"), value => $"/{value}+");
        Replace(text, XmpUuid().Matches(original), "uuid", index => Uuid($"{seed}|xmp|{index}"), value => $"uuid:{value}");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private static void Replace(StringBuilder text, MatchCollection matches, string group, Func<int, string> replacement, Func<string, string> frame)
    {
        var values = matches.Select(match => match.Groups[group].Value).Distinct().ToList();
        for (var i = 0; i < values.Count; i++)
            text.Replace(frame(values[i]), frame(replacement(i)));
    }

    private static byte[] Hash(string seed) => SHA256.HashData(Encoding.UTF8.GetBytes(seed));

    private static string Tag(string seed) => new(Hash(seed).Take(6).Select(b => (char)('A' + b % 26)).ToArray());

    private static string Uuid(string seed) => new Guid(Hash(seed).AsSpan(0, 16)).ToString("D");

    [GeneratedRegex(@"/FontName\s*/(?<tag>[A-Z]{6})\+")]
    private static partial Regex FontNameTag();

    [GeneratedRegex(@"<xmpMM:(?:DocumentID|InstanceID)>uuid:(?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})<")]
    private static partial Regex XmpUuid();
}
