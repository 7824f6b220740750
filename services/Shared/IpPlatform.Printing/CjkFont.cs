using PdfSharp.Fonts;

namespace IpPlatform.Printing;

/// <summary>
/// The CJK TrueType font every printed document is set in. PDFsharp's Core build has no system fonts on Linux, so a
/// resolver hands it the font file; PDFsharp embeds the subset of glyphs a document uses.
/// </summary>
public static class CjkFont
{
    /// <summary>Environment variable naming a TrueType (.ttf) file with CJK and Latin glyphs to use instead of the default.</summary>
    public const string EnvironmentVariable = "IPPLATFORM_CJK_FONT";

    /// <summary>The Debian package that installs the default font.</summary>
    public const string DebianPackage = "fonts-droid-fallback";

    /// <summary>Where Debian installs fonts with TrueType outlines that cover CJK and Latin, tried in order.</summary>
    public static readonly IReadOnlyList<string> KnownPaths =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    ];

    /// <summary>The family name the layout asks PDFsharp for; the resolver maps every family to the CJK face.</summary>
    internal const string Family = "IpPlatform CJK";

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>
    /// The font file to embed: <see cref="EnvironmentVariable"/> when set (it must exist: a wrong setting is not
    /// silently replaced), otherwise the first of <see cref="KnownPaths"/> that exists.
    /// </summary>
    /// <exception cref="InvalidOperationException">No font found; the message names the package to install.</exception>
    public static string Locate() => Locate(Environment.GetEnvironmentVariable, File.Exists);

    internal static string Locate(Func<string, string?> environment, Func<string, bool> exists)
    {
        var configured = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return exists(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"{EnvironmentVariable} names '{configured}', which does not exist. Point it at a TrueType (.ttf) font with CJK glyphs, " +
                    $"or unset it and install the Debian package {DebianPackage} (apt-get install {DebianPackage}).");
        }
        return KnownPaths.FirstOrDefault(exists)
            ?? throw new InvalidOperationException(
                $"No CJK font for printing: install the Debian package {DebianPackage} (apt-get install {DebianPackage}, " +
                $"scripts/ensure-prerequisites.sh does it) or set {EnvironmentVariable} to a TrueType (.ttf) font with CJK glyphs. " +
                $"Looked in: {string.Join(", ", KnownPaths)}.");
    }

    /// <summary>
    /// Gives PDFsharp the font resolver once per process. A resolver the host set itself is left alone
    /// (PDFsharp refuses to change it once fonts were used).
    /// </summary>
    internal static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered) return;
            GlobalFontSettings.FontResolver ??= new Resolver(File.ReadAllBytes(Locate()));
            registered = true;
        }
    }

    /// <summary>One face for every family: the documents use nothing else; bold is simulated by PDFsharp.</summary>
    private sealed class Resolver(byte[] font) : IFontResolver
    {
        private const string Face = "IpPlatformCjk";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(Face, isBold, isItalic);

        public byte[]? GetFont(string faceName) => faceName == Face ? font : null;
    }
}
