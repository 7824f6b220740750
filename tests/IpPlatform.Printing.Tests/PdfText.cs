using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace IpPlatform.Printing.Tests;

/// <summary>Reads a printed PDF back with PdfPig.</summary>
internal static class PdfText
{
    const double Millimetre = 72 / 25.4;

    public static PdfDocument Open(byte[] pdf) => PdfDocument.Open(pdf);

    /// <summary>Text without white space: extraction may or may not put spaces between glyphs.</summary>
    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public static string Footer(string fingerprint, int page, int pages) =>
        $"数字指纹{FingerprintText.Short(fingerprint)}第{page}页/共{pages}页";

    public static List<string> Pages(byte[] pdf)
    {
        using var document = Open(pdf);
        return document.GetPages().Select(page => page.Text).ToList();
    }

    /// <summary>Every page's text, compacted, its footer removed, run together: what the body says across pages.</summary>
    public static string Body(byte[] pdf, string fingerprint)
    {
        using var document = Open(pdf);
        var pages = document.NumberOfPages;
        return string.Concat(document.GetPages().Select(page => Compact(page.Text).Replace(Footer(fingerprint, page.Number, pages), "")));
    }

    /// <summary>Pages that carry nothing but their footer.</summary>
    public static List<int> Empty(byte[] pdf, string fingerprint)
    {
        using var document = Open(pdf);
        var pages = document.NumberOfPages;
        return document.GetPages()
            .Where(page => Compact(page.Text).Replace(Footer(fingerprint, page.Number, pages), "").Length == 0)
            .Select(page => page.Number)
            .ToList();
    }

    /// <summary>Glyphs drawn outside the page's text area plus a little: overflow to the right or below the footer.</summary>
    public static List<string> Overflowing(Page page)
    {
        var limit = 12 * Millimetre;
        return page.Letters
            .Where(letter => !string.IsNullOrWhiteSpace(letter.Value))
            .Where(letter => letter.BoundingBox.Left < limit || letter.BoundingBox.Right > page.Width - limit
                          || letter.BoundingBox.Bottom < limit || letter.BoundingBox.Top > page.Height - limit)
            .Select(letter => $"'{letter.Value}' at {letter.BoundingBox}")
            .ToList();
    }
}
