using System.Text;

namespace IpPlatform.Documents;

/// <summary>
/// The one place names and region codes are normalised, for the rules that compare them and the loaders that
/// look them up: a GI typed 阳澄湖 大闸蟹 in one form and 阳澄湖大闸蟹 in a CSV is the same GI.
/// </summary>
public static class Normalization
{
    /// <summary>
    /// The comparison key of a name (GI, unit, school, discipline): compatibility-normalised (full-width letters and
    /// digits become ASCII), without any white space, upper-case; null when nothing is left.
    /// </summary>
    public static string? NameKey(string? name)
    {
        if (name is null) return null;
        var folded = name.Normalize(NormalizationForm.FormKC);
        var key = string.Concat(folded.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return key.Length == 0 ? null : key;
    }

    /// <summary>True when both names are present and have the same <see cref="NameKey"/>.</summary>
    public static bool SameName(string? a, string? b) => NameKey(a) is { } ka && ka == NameKey(b);

    /// <summary>A region code as stored: trimmed, full-width digits made ASCII; null when blank.</summary>
    public static string? RegionCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        return code.Normalize(NormalizationForm.FormKC).Trim();
    }
}
