using PdfSharp.Fonts;

namespace IpPlatform.Printing;

/// <summary>
/// The fonts every printed document is set in, embedded as subsets. PDFsharp's Core build has no system fonts on
/// Linux, so a resolver hands it the files. Debian's CJK TrueType font (Droid Sans Fallback) has no Latin letters or
/// digits, so text is set in two faces: CJK characters (U+2E80 and up, full-width forms) in the CJK font,
/// everything else in a Latin one (DejaVu Sans).
/// </summary>
public static class PrintFonts
{
    /// <summary>Environment variable naming a TrueType (.ttf) file with CJK glyphs to use instead of the default.</summary>
    public const string CjkVariable = "IPPLATFORM_CJK_FONT";

    /// <summary>Environment variable naming a TrueType (.ttf) file with Latin glyphs to use instead of the default.</summary>
    public const string LatinVariable = "IPPLATFORM_LATIN_FONT";

    /// <summary>The CJK font: where Debian installs it, and the package that does.</summary>
    public static readonly FontSource Cjk = new(CjkVariable, "fonts-droid-fallback",
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    ]);

    /// <summary>The Latin font: where Debian installs it, and the package that does.</summary>
    public static readonly FontSource Latin = new(LatinVariable, "fonts-dejavu-core",
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ]);

    /// <summary>Family names the layout asks PDFsharp for.</summary>
    internal const string CjkFamily = "IpPlatform CJK";
    internal const string LatinFamily = "IpPlatform Latin";

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>
    /// Gives PDFsharp the font resolver once per process (reading both font files). A resolver the host set itself
    /// is left alone: PDFsharp refuses to change it once fonts were used.
    /// </summary>
    /// <exception cref="InvalidOperationException">A font is missing; the message names the package to install.</exception>
    internal static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered) return;
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new Resolver(File.ReadAllBytes(Cjk.Locate()), File.ReadAllBytes(Latin.Locate()));
            registered = true;
        }
    }

    /// <summary>Two faces; any family but the Latin one gets the CJK face. Bold is simulated by PDFsharp.</summary>
    private sealed class Resolver(byte[] cjk, byte[] latin) : IFontResolver
    {
        private const string CjkFace = "IpPlatformCjk";
        private const string LatinFace = "IpPlatformLatin";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(familyName == LatinFamily ? LatinFace : CjkFace, isBold, isItalic);

        public byte[]? GetFont(string faceName) => faceName switch
        {
            CjkFace => cjk,
            LatinFace => latin,
            _ => null,
        };
    }
}

/// <summary>Where a font file is found: an environment variable, else the first known path that exists.</summary>
/// <param name="Variable">Environment variable that overrides the known paths.</param>
/// <param name="DebianPackage">The Debian package that installs a font at one of <paramref name="KnownPaths"/>.</param>
/// <param name="KnownPaths">Paths tried in order.</param>
public sealed record FontSource(string Variable, string DebianPackage, IReadOnlyList<string> KnownPaths)
{
    /// <summary>
    /// The font file: the environment variable when set (it must exist: a wrong setting is not silently replaced),
    /// otherwise the first known path that exists.
    /// </summary>
    /// <exception cref="InvalidOperationException">No font found; the message names the package to install.</exception>
    public string Locate() => Locate(Environment.GetEnvironmentVariable, File.Exists);

    internal string Locate(Func<string, string?> environment, Func<string, bool> exists)
    {
        var configured = environment(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return exists(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"{Variable} names '{configured}', which does not exist. Point it at a TrueType (.ttf) font file, " +
                    $"or unset it and install the Debian package {DebianPackage} (apt-get install {DebianPackage}).");
        }
        return KnownPaths.FirstOrDefault(exists)
            ?? throw new InvalidOperationException(
                $"No font for printing: install the Debian package {DebianPackage} (apt-get install {DebianPackage}; " +
                $"scripts/ensure-prerequisites.sh does it) or set {Variable} to a TrueType (.ttf) font file. " +
                $"Looked in: {string.Join(", ", KnownPaths)}.");
    }
}
