using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace IpPlatform.Printing.Tests;

/// <summary>Reads a printed PDF back with PdfPig.</summary>
internal static class PdfText
{
    public static PdfDocument Open(byte[] pdf) => PdfDocument.Open(pdf);

    /// <summary>The page's text without white space: extraction puts spaces between CJK glyphs unpredictably.</summary>
    public static string Compact(Page page) => Compact(page.Text);

    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public static List<string> Pages(byte[] pdf)
    {
        using var document = Open(pdf);
        return document.GetPages().Select(page => page.Text).ToList();
    }
}
