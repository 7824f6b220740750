using System.Collections;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace IpPlatform.Printing.Layout;

/// <summary>A type size in its two faces (CJK and Latin, see <see cref="PrintFonts"/>) and the height of one line.</summary>
internal sealed record TextStyle(XFont Cjk, XFont Latin, double Size, double LineHeight)
{
    public static TextStyle Of(double size, bool bold = false, double leading = 1.5)
    {
        var style = bold ? XFontStyleEx.Bold : XFontStyleEx.Regular;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        return new(new XFont(PrintFonts.CjkFamily, size, style, options), new XFont(PrintFonts.LatinFamily, size, style, options), size, size * leading);
    }

    public XFont FontOf(bool cjk) => cjk ? Cjk : Latin;
}

internal enum Align { Left, Center, Right }

/// <summary>A cell of a row: where it sits, its wrapped lines and how they are set.</summary>
internal sealed record Cell(double X, double Width, IReadOnlyList<string> Lines, TextStyle Style, Align Align = Align.Left, XBrush? Fill = null);

/// <summary>
/// Flows content down A4 pages: a cursor, page breaks, wrapped text, rows that split across pages, and the
/// footers drawn on every page once the page count is known.
/// </summary>
internal sealed partial class PageLayout : IDisposable
{
    private const double Millimetre = 72 / 25.4;
    private static readonly XPen Rule = new(XColor.FromArgb(0x80, 0x80, 0x80), 0.5);
    private static readonly XPen CellBorder = new(XColor.FromArgb(0x60, 0x60, 0x60), 0.5);

    private readonly PdfDocument document;
    private readonly List<PdfPage> pages = [];
    private readonly Dictionary<(XFont Font, string Text), double> widths = [];
    // Measuring needs a graphics context; a measure-only one keeps it independent of the page being drawn.
    private readonly XGraphics measurer;
    private XGraphics? graphics;

    public PageLayout(PdfDocument document, bool landscape)
    {
        this.document = document;
        PageWidth = (landscape ? 297 : 210) * Millimetre;
        PageHeight = (landscape ? 210 : 297) * Millimetre;
        var side = (landscape ? 15 : 20) * Millimetre;
        Left = side;
        Right = PageWidth - side;
        Top = (landscape ? 15 : 20) * Millimetre;
        Bottom = PageHeight - 22 * Millimetre;
        measurer = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    public double PageWidth { get; }
    public double PageHeight { get; }
    public double Left { get; }
    public double Right { get; }
    public double Top { get; }
    /// <summary>The lowest point content may reach; the footer sits below it.</summary>
    public double Bottom { get; }
    public double Width => Right - Left;
    /// <summary>The cursor: where the next content starts.</summary>
    public double Y { get; private set; }
    public int PageCount => pages.Count;
    public bool AtTop => Y <= Top + 0.01;
    public double Remaining => Bottom - Y;
    private XGraphics Graphics => graphics ?? throw new InvalidOperationException("No page yet: call NewPage first.");

    public void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        pages.Add(page);
        graphics = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor (or the page is still empty).</summary>
    public void KeepTogether(double height)
    {
        if (height > Remaining && !AtTop) NewPage();
    }

    /// <summary>
    /// Vertical space; none at the top of a page. A gap reaching past the bottom stops there: whatever comes next
    /// breaks the page itself, so a gap after the last content never adds an empty page.
    /// </summary>
    public void Space(double height)
    {
        if (!AtTop) Y = Math.Min(Y + height, Bottom);
    }

    public void MoveTo(double y) => Y = Math.Min(y, Bottom);

    public double Measure(string text, TextStyle style)
    {
        var width = 0.0;
        foreach (var (run, cjk) in TextWrap.FontRuns(text)) width += Measure(run, style.FontOf(cjk));
        return width;
    }

    private double Measure(string run, XFont font)
    {
        if (!widths.TryGetValue((font, run), out var width))
            widths[(font, run)] = width = measurer.MeasureString(run, font).Width;
        return width;
    }

    public List<string> Wrap(string? text, TextStyle style, double width) =>
        TextWrap.Lines(text, width, part => Measure(part, style));

    /// <summary>Running text from the cursor, wrapped to <paramref name="width"/>, breaking pages between lines.</summary>
    public void Paragraph(string? text, TextStyle style, Align align = Align.Left, double indent = 0, double? width = null)
    {
        var lineWidth = width ?? Width - indent;
        foreach (var line in Wrap(text, style, lineWidth))
        {
            if (style.LineHeight > Remaining) NewPage();
            DrawLine(Graphics, line, style, Left + indent, Y, lineWidth, align);
            Y += style.LineHeight;
        }
    }

    /// <summary>
    /// A row of cells from the cursor. A row that does not fit goes to the next page whole if it fits there, and is
    /// otherwise split between lines; after every break <paramref name="afterBreak"/> runs (it repeats a table's
    /// header) and is expected to use <paramref name="afterBreakHeight"/> of the new page.
    /// </summary>
    public void Row(IReadOnlyList<Cell> cells, bool borders, double padding = 3, Action? afterBreak = null, double afterBreakHeight = 0)
    {
        var lineHeight = cells.Max(cell => cell.Style.LineHeight);
        var done = new int[cells.Count];
        var firstChunk = true;
        // Right after a break the row is drawn here come what may, so a header taller than announced cannot loop.
        var broke = false;
        while (true)
        {
            // An empty row still gets one line of height, once.
            var left = Math.Max(firstChunk ? 1 : 0, cells.Select((cell, i) => cell.Lines.Count - done[i]).Max());
            if (left == 0) return;
            var needed = left * lineHeight + 2 * padding;
            var freshPage = Bottom - Top - afterBreakHeight;
            int chunk;
            if (needed <= Remaining) chunk = left;
            else if (needed <= freshPage && !AtTop && !broke) { BreakPage(afterBreak); broke = true; continue; }
            else
            {
                chunk = (int)Math.Floor((Remaining - 2 * padding) / lineHeight);
                if (chunk < 1)
                {
                    if (!AtTop && !broke) { BreakPage(afterBreak); broke = true; continue; }
                    chunk = 1; // no room for even one line on a fresh page: overflow rather than loop
                }
            }
            DrawChunk(cells, done, chunk, lineHeight, padding, borders);
            firstChunk = false;
            broke = false;
            if (cells.Select((cell, i) => cell.Lines.Count - done[i]).Max() > 0) { BreakPage(afterBreak); broke = true; }
        }
    }

    private void BreakPage(Action? afterBreak)
    {
        NewPage();
        afterBreak?.Invoke();
    }

    private void DrawChunk(IReadOnlyList<Cell> cells, int[] done, int chunk, double lineHeight, double padding, bool borders)
    {
        var height = chunk * lineHeight + 2 * padding;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.Fill is not null) Graphics.DrawRectangle(cell.Fill, cell.X, Y, cell.Width, height);
            if (borders) Graphics.DrawRectangle(CellBorder, cell.X, Y, cell.Width, height);
            for (var k = 0; k < chunk && done[i] + k < cell.Lines.Count; k++)
                DrawLine(Graphics, cell.Lines[done[i] + k], cell.Style, cell.X + padding, Y + padding + k * lineHeight, cell.Width - 2 * padding, cell.Align, lineHeight);
            done[i] = Math.Min(cell.Lines.Count, done[i] + chunk);
        }
        Y += height;
    }

    /// <summary>Cells of a table row: columns from relative widths, numbers aligned right, text wrapped to the column.</summary>
    public List<Cell> TableCells(IReadOnlyList<string?> texts, IReadOnlyList<double> columnWidths, TextStyle style, XBrush? fill = null, bool header = false, double padding = 3)
    {
        var cells = new List<Cell>(texts.Count);
        var x = Left;
        for (var i = 0; i < texts.Count; i++)
        {
            var width = columnWidths[i];
            var align = header ? Align.Center : Numeric().IsMatch(texts[i] ?? "") ? Align.Right : Align.Left;
            cells.Add(new Cell(x, width, Wrap(texts[i], style, width - 2 * padding), style, align, fill));
            x += width;
        }
        return cells;
    }

    /// <summary>Column widths in points from relative widths (equal when absent), filling the text width.</summary>
    public IReadOnlyList<double> Columns(int count, IReadOnlyList<double>? relative)
    {
        if (relative is null) return Enumerable.Repeat(Width / count, count).ToArray();
        if (relative.Count != count)
            throw new ArgumentException($"A table with {count} columns was given {relative.Count} relative widths.", nameof(relative));
        if (relative.Any(w => !(w > 0) || double.IsInfinity(w)))
            throw new ArgumentException("Relative column widths must be positive numbers.", nameof(relative));
        var total = relative.Sum();
        return relative.Select(w => Width * w / total).ToArray();
    }

    public void DrawQrCode(IReadOnlyList<BitArray> modules, double x, double y, double size)
    {
        var module = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            var bits = modules[row];
            // One rectangle per run of dark modules keeps the content stream small.
            for (var column = 0; column < bits.Length;)
            {
                if (!bits[column]) { column++; continue; }
                var start = column;
                while (column < bits.Length && bits[column]) column++;
                Graphics.DrawRectangle(XBrushes.Black, x + start * module, y + row * module, (column - start) * module, module);
            }
        }
    }

    /// <summary>Closes the last page and draws every page's footer: <paramref name="left"/> and "第 x 页 / 共 y 页".</summary>
    public void Finish(string left, TextStyle style)
    {
        graphics?.Dispose();
        graphics = null;
        var ruleY = PageHeight - 17 * Millimetre;
        for (var i = 0; i < pages.Count; i++)
        {
            using var footer = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
            footer.DrawLine(Rule, Left, ruleY, Right, ruleY);
            var y = ruleY + 2;
            DrawLine(footer, left, style, Left, y, Width / 2, Align.Left);
            DrawLine(footer, $"第 {i + 1} 页 / 共 {pages.Count} 页", style, Left + Width / 2, y, Width / 2, Align.Right);
        }
    }

    private void DrawLine(XGraphics target, string text, TextStyle style, double x, double y, double width, Align align, double? lineHeight = null)
    {
        if (text.Length == 0) return;
        var textWidth = align == Align.Left ? 0 : Measure(text, style);
        var left = align switch
        {
            Align.Center => x + Math.Max(0, (width - textWidth) / 2),
            Align.Right => x + Math.Max(0, width - textWidth),
            _ => x,
        };
        // One baseline for both faces: the ideographic em box centred in the line box, its baseline 0.88 em down.
        var baseline = y + ((lineHeight ?? style.LineHeight) - style.Size) / 2 + style.Size * 0.88;
        foreach (var (run, cjk) in TextWrap.FontRuns(text))
        {
            var font = style.FontOf(cjk);
            target.DrawString(run, font, XBrushes.Black, left, baseline, XStringFormats.BaseLineLeft);
            left += Measure(run, font);
        }
    }

    public void Dispose()
    {
        graphics?.Dispose();
        measurer.Dispose();
    }

    [GeneratedRegex(@"^\s*[-+]?[¥￥]?\s*[\d,]+(\.\d+)?\s*%?\s*$")]
    private static partial Regex Numeric();
}
