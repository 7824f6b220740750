using System.Collections;
using System.Security.Cryptography;
using System.Text;
using IpPlatform.Printing.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace IpPlatform.Printing;

/// <summary>Renders the print models as PDF bytes (PDFsharp 6.2.4, an embedded CJK TrueType font).</summary>
public static class Pdf
{
    private const double Millimetre = 72 / 25.4;
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(0xE8, 0xE8, 0xE8));

    /// <summary>An A4 portrait form: cover with fingerprint and QR code, sections, page x/y and the short fingerprint on every page.</summary>
    /// <exception cref="ArgumentException">The fingerprint is not 64 hex digits, or a table's rows or widths do not match its headers.</exception>
    /// <exception cref="InvalidOperationException">A font is not installed (see <see cref="PrintFonts"/>).</exception>
    public static byte[] Form(PrintedForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var shortFingerprint = FingerprintText.Short(form.Fingerprint);
        var qrCode = QrModules(form.VerificationUrl);
        foreach (var section in form.Sections)
            foreach (var table in section.Blocks.OfType<PrintedTable>()) Check(table, null);
        PrintFonts.EnsureRegistered();

        var styles = new Styles();
        using var document = NewDocument(form.Title, form.Subtitle, form.PrintedAt, form.Fingerprint);
        using (var layout = new PageLayout(document, landscape: false))
        {
            layout.NewPage();
            Cover(layout, form, qrCode, styles);
            // The cover stands alone; the sections flow on from the next page.
            if (form.Sections.Count > 0) layout.NewPage();
            foreach (var section in form.Sections) Section(layout, section, styles);
            layout.Finish($"数字指纹 {shortFingerprint}", styles.Footer);
        }
        return Save(document, form.Fingerprint);
    }

    /// <summary>An A4 landscape table document: title, lines, the whole fingerprint grouped, then the groups; page x/y and the short fingerprint on every page.</summary>
    /// <exception cref="ArgumentException">The fingerprint is not 64 hex digits, or a group's rows, totals or widths do not match its headers.</exception>
    /// <exception cref="InvalidOperationException">A font is not installed (see <see cref="PrintFonts"/>).</exception>
    public static byte[] Table(PrintedTableDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var shortFingerprint = FingerprintText.Short(document.Fingerprint);
        foreach (var group in document.Groups) Check(group.Table, group.Totals);
        PrintFonts.EnsureRegistered();

        var styles = new Styles();
        using var pdf = NewDocument(document.Title, null, document.PrintedAt, document.Fingerprint);
        using (var layout = new PageLayout(pdf, landscape: true))
        {
            layout.NewPage();
            layout.Paragraph(document.Title, styles.Title, Align.Center);
            layout.Space(4);
            foreach (var line in document.Lines) layout.Paragraph(line, styles.Body);
            layout.Paragraph($"数字指纹（SHA-256）：{FingerprintText.Grouped(document.Fingerprint)}", styles.Body);
            foreach (var group in document.Groups)
            {
                layout.Space(10);
                // A heading is never left alone at the bottom of a page.
                layout.KeepTogether(styles.GroupHeading.LineHeight + styles.CellBold.LineHeight * 2 + styles.Cell.LineHeight + 12);
                layout.Paragraph(group.Heading, styles.GroupHeading);
                layout.Space(2);
                Grid(layout, group.Table, group.Totals, styles);
            }
            layout.Finish($"数字指纹 {shortFingerprint}", styles.Footer);
        }
        return Save(pdf, document.Fingerprint);
    }

    private static void Cover(PageLayout layout, PrintedForm form, List<BitArray> qrCode, Styles styles)
    {
        layout.MoveTo(layout.Top + 25 * Millimetre);
        layout.Paragraph(form.Title, styles.Title, Align.Center);
        if (!string.IsNullOrWhiteSpace(form.Subtitle))
        {
            layout.Space(4);
            layout.Paragraph(form.Subtitle, styles.Subtitle, Align.Center);
        }
        layout.Space(14 * Millimetre);
        if (form.Cover.Count > 0)
        {
            Fields(layout, form.Cover, styles.CoverLabel, styles.CoverValue);
            layout.Space(10 * Millimetre);
        }

        // The fingerprint in two lines of eight groups, big enough to read aloud at the window.
        var groups = FingerprintText.GroupsOf(form.Fingerprint);
        var qrSize = 36 * Millimetre;
        layout.KeepTogether(styles.Label.LineHeight + 2 * styles.Fingerprint.LineHeight + 6 + qrSize + 4 * styles.Small.LineHeight);
        layout.Paragraph("数字指纹（SHA-256，四位一组）", styles.Label, Align.Center);
        layout.Paragraph(string.Join(' ', groups.Take(8)), styles.Fingerprint, Align.Center);
        layout.Paragraph(string.Join(' ', groups.Skip(8)), styles.Fingerprint, Align.Center);
        layout.Space(6);

        layout.KeepTogether(qrSize + 3 * styles.Small.LineHeight);
        layout.DrawQrCode(qrCode, layout.Left + (layout.Width - qrSize) / 2, layout.Y, qrSize);
        layout.MoveTo(layout.Y + qrSize + 2);
        layout.Paragraph("扫描二维码或输入数字指纹核验纸质申报书与网上提交的一致", styles.Small, Align.Center);
        layout.Paragraph(form.VerificationUrl, styles.Small, Align.Center);
    }

    private static void Section(PageLayout layout, PrintedSection section, Styles styles)
    {
        layout.Space(8);
        layout.KeepTogether(styles.Heading.LineHeight + 3 * styles.Body.LineHeight);
        layout.Paragraph(section.Heading, styles.Heading);
        layout.Space(3);
        foreach (var block in section.Blocks)
        {
            switch (block)
            {
                case PrintedParagraph paragraph:
                    layout.Paragraph(paragraph.Text, styles.Body);
                    break;
                case PrintedFields fields:
                    Fields(layout, fields.Fields, styles.CellBold, styles.Cell);
                    break;
                case PrintedTable table:
                    Grid(layout, table, null, styles);
                    break;
                default:
                    throw new ArgumentException($"No layout for {block.GetType().Name}.", nameof(section));
            }
            layout.Space(5);
        }
    }

    /// <summary>Label–value lines as a two-column grid, the labels shaded.</summary>
    private static void Fields(PageLayout layout, IReadOnlyList<PrintedField> fields, TextStyle label, TextStyle value)
    {
        var columns = layout.Columns(2, [3, 7]);
        foreach (var field in fields)
        {
            var cells = layout.TableCells([field.Label, field.Value], columns, value, Shade);
            cells[0] = cells[0] with { Style = label, Lines = layout.Wrap(field.Label, label, columns[0] - 6) };
            cells[1] = cells[1] with { Fill = null, Align = Align.Left };
            layout.Row(cells, borders: true);
        }
    }

    /// <summary>A table: header row shaded and repeated after every page break, then the rows, then a bold totals row.</summary>
    private static void Grid(PageLayout layout, PrintedTable table, IReadOnlyList<string>? totals, Styles styles)
    {
        var columns = layout.Columns(table.Headers.Count, table.RelativeWidths);
        var header = layout.TableCells(table.Headers, columns, styles.CellBold, Shade, header: true);
        var headerHeight = header.Max(cell => cell.Lines.Count) * styles.CellBold.LineHeight + 6;
        void Header() => layout.Row(header, borders: true);

        layout.KeepTogether(headerHeight + styles.Cell.LineHeight + 6);
        Header();
        foreach (var row in table.Rows)
            layout.Row(layout.TableCells(row, columns, styles.Cell), borders: true, afterBreak: Header, afterBreakHeight: headerHeight);
        if (totals is not null)
            layout.Row(layout.TableCells(totals, columns, styles.CellBold, Shade), borders: true, afterBreak: Header, afterBreakHeight: headerHeight);
    }

    private static void Check(PrintedTable table, IReadOnlyList<string>? totals)
    {
        if (table.Headers.Count == 0) throw new ArgumentException("A printed table needs at least one column.", nameof(table));
        for (var i = 0; i < table.Rows.Count; i++)
            if (table.Rows[i].Count != table.Headers.Count)
                throw new ArgumentException($"Row {i + 1} has {table.Rows[i].Count} cells; the table has {table.Headers.Count} columns.", nameof(table));
        if (totals is not null && totals.Count != table.Headers.Count)
            throw new ArgumentException($"The totals row has {totals.Count} cells; the table has {table.Headers.Count} columns.", nameof(totals));
        if (table.RelativeWidths is { } widths && (widths.Count != table.Headers.Count || widths.Any(w => !(w > 0) || double.IsInfinity(w))))
            throw new ArgumentException($"A table with {table.Headers.Count} columns needs as many positive relative widths.", nameof(table));
    }

    private static List<BitArray> QrModules(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url, nameof(PrintedForm.VerificationUrl));
        try
        {
            // ECC level M survives a crease or a stamp on the paper; the matrix includes the quiet zone.
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            return data.ModuleMatrix;
        }
        catch (QRCoder.Exceptions.DataTooLongException e)
        {
            throw new ArgumentException($"The verification URL ({url.Length} characters) is too long for a QR code.", nameof(PrintedForm.VerificationUrl), e);
        }
    }

    private static PdfDocument NewDocument(string title, string? subject, DateTimeOffset printedAt, string fingerprint)
    {
        var document = new PdfDocument();
        document.Info.Title = title;
        if (!string.IsNullOrWhiteSpace(subject)) document.Info.Subject = subject;
        document.Info.Creator = "IpPlatform";
        document.Info.CreationDate = printedAt.UtcDateTime;
        document.Info.ModificationDate = printedAt.UtcDateTime;
        // The file identifier comes from the record, not a random GUID, so the same record prints the same file.
        // (PDFsharp holds the 16 raw bytes as a string of chars 0-255.)
        var id = new string(SHA256.HashData(Encoding.UTF8.GetBytes($"{fingerprint}|{printedAt:O}")).Take(16).Select(b => (char)b).ToArray());
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        document.Options.CompressContentStreams = true;
        return document;
    }

    private static byte[] Save(PdfDocument document, string fingerprint)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return Deterministic.Bytes(stream.ToArray(), fingerprint);
    }

    /// <summary>The type sizes of every printed document.</summary>
    private sealed class Styles
    {
        public TextStyle Title { get; } = TextStyle.Of(20, bold: true, leading: 1.4);
        public TextStyle Subtitle { get; } = TextStyle.Of(14, leading: 1.4);
        public TextStyle Heading { get; } = TextStyle.Of(14, bold: true, leading: 1.6);
        public TextStyle GroupHeading { get; } = TextStyle.Of(13, bold: true, leading: 1.6);
        public TextStyle Body { get; } = TextStyle.Of(10.5, leading: 1.6);
        public TextStyle Label { get; } = TextStyle.Of(11, bold: true);
        public TextStyle CoverLabel { get; } = TextStyle.Of(12, bold: true);
        public TextStyle CoverValue { get; } = TextStyle.Of(12);
        public TextStyle Fingerprint { get; } = TextStyle.Of(14, leading: 1.5);
        public TextStyle Cell { get; } = TextStyle.Of(9.5, leading: 1.45);
        public TextStyle CellBold { get; } = TextStyle.Of(9.5, bold: true, leading: 1.45);
        public TextStyle Small { get; } = TextStyle.Of(8.5, leading: 1.5);
        public TextStyle Footer { get; } = TextStyle.Of(8, leading: 1.4);
    }
}
