namespace IpPlatform.Printing;

/// <summary>How a fingerprint is shown to people.</summary>
public static class FingerprintText
{
    /// <summary>Hex digits in a SHA-256 fingerprint.</summary>
    public const int Length = 64;

    /// <summary>Groups of four characters separated by spaces, upper-case, for reading aloud at a window.</summary>
    /// <exception cref="ArgumentException">Not 64 hexadecimal digits.</exception>
    public static string Grouped(string hex) => string.Join(' ', Groups(Normalise(hex)));

    /// <summary>The first 12 characters in three groups (e.g. <c>3F2A-91C0-7B4E</c>), printed in every footer.</summary>
    /// <exception cref="ArgumentException">Not 64 hexadecimal digits.</exception>
    public static string Short(string hex) => string.Join('-', Groups(Normalise(hex)).Take(3));

    /// <summary>The groups of four, upper-case, for layouts that spread them over several lines.</summary>
    /// <exception cref="ArgumentException">Not 64 hexadecimal digits.</exception>
    public static IReadOnlyList<string> GroupsOf(string hex) => Groups(Normalise(hex)).ToArray();

    private static IEnumerable<string> Groups(string hex) => hex.Chunk(4).Select(group => new string(group));

    private static string Normalise(string hex)
    {
        // A fingerprint printed wrong is worse than none: anything but a whole SHA-256 hex string is a caller's bug.
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length)
            throw new ArgumentException($"A fingerprint is {Length} hexadecimal digits (SHA-256); got {hex.Length} characters.", nameof(hex));
        if (!hex.All(char.IsAsciiHexDigit))
            throw new ArgumentException("A fingerprint has only hexadecimal digits (0-9, a-f).", nameof(hex));
        return hex.ToUpperInvariant();
    }
}
