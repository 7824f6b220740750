using System.Text;

namespace IpPlatform.Printing.Tests;

public class FormPdfTests
{
    const double A4Width = 595.28, A4Height = 841.89;

    [Fact]
    public void The_form_is_a4_portrait_with_the_cover_then_the_sections()
    {
        var pdf = Pdf.Form(Samples.Form());

        using var document = PdfText.Open(pdf);
        Assert.Equal(2, document.NumberOfPages);
        Assert.All(document.GetPages(), page =>
        {
            Assert.Equal(A4Width, page.Width, 0.5);
            Assert.Equal(A4Height, page.Height, 0.5);
        });
        var cover = PdfText.Compact(document.GetPage(1).Text);
        Assert.Contains(Samples.Title, cover);
        Assert.Contains(Samples.Applicant, cover);
        Assert.Contains(Samples.Project, cover);
        Assert.Contains("申请省级资金50万元", cover);
        var sections = PdfText.Compact(document.GetPage(2).Text);
        Assert.Contains("一、项目基本情况", sections);
        Assert.Contains("SuzhouInstituteofNano-Tech合作", sections);
        Assert.Contains("2PCT国际专利申请提交PCT申请3件", sections);
        Assert.Contains(Samples.Hex("a")[..20], sections);
    }

    [Fact]
    public void The_cover_shows_the_fingerprint_grouped_for_reading_aloud()
    {
        var pdf = Pdf.Form(Samples.Form());

        using var document = PdfText.Open(pdf);
        var cover = document.GetPage(1).Text;
        var groups = FingerprintText.Grouped(Samples.Fingerprint).Split(' ');
        // Two lines of eight groups, spaces between the groups.
        Assert.Contains(string.Join(' ', groups[..8]), cover);
        Assert.Contains(string.Join(' ', groups[8..]), cover);
        Assert.Contains(Samples.Form().VerificationUrl, cover);
    }

    [Fact]
    public void Every_page_has_its_number_of_the_total_and_the_short_fingerprint()
    {
        var pdf = Pdf.Form(Samples.Form(LongSection()));

        using var document = PdfText.Open(pdf);
        var pages = document.NumberOfPages;
        Assert.True(pages >= 4, $"{pages} pages");
        foreach (var page in document.GetPages())
            Assert.Contains(PdfText.Footer(Samples.Fingerprint, page.Number, pages), PdfText.Compact(page.Text));
    }

    [Fact]
    public void A_five_thousand_character_paragraph_spans_pages_without_losing_or_overflowing_text()
    {
        var paragraph = LongParagraph();
        Assert.True(paragraph.Length >= 5000);

        var pdf = Pdf.Form(Samples.Form(new PrintedSection("五、详细说明", [new PrintedParagraph(paragraph)])));

        using var document = PdfText.Open(pdf);
        Assert.True(document.NumberOfPages >= 4, $"{document.NumberOfPages} pages");
        Assert.Contains(PdfText.Compact(paragraph), PdfText.Body(pdf, Samples.Fingerprint));
        Assert.All(document.GetPages(), page => Assert.Empty(PdfText.Overflowing(page)));
        Assert.Empty(PdfText.Empty(pdf, Samples.Fingerprint));
    }

    [Fact]
    public void A_table_of_200_rows_spans_pages_with_its_header_repeated_on_each()
    {
        var rows = Enumerable.Range(1, 200)
            .Select(i => (IReadOnlyList<string>)[$"R{i:000}", $"第{i}项任务：专利挖掘与布局", i % 10 == 0 ? LongParagraph()[..300] : "完成", $"{i}"])
            .ToList();
        var section = new PrintedSection("五、任务明细", [new PrintedTable(["编号", "任务内容", "完成情况", "数量"], rows, [1, 3, 4, 1])]);

        var pdf = Pdf.Form(Samples.Form(section));

        using var document = PdfText.Open(pdf);
        var tablePages = document.GetPages().Where(page => page.Number > 2).ToList();
        Assert.True(tablePages.Count >= 5, $"{tablePages.Count} pages of table");
        Assert.All(tablePages, page => Assert.StartsWith("编号任务内容完成情况数量", PdfText.Compact(page.Text)));
        var body = PdfText.Body(pdf, Samples.Fingerprint);
        Assert.All(Enumerable.Range(1, 200), i => Assert.Contains($"R{i:000}第{i}项任务", body));
        Assert.All(document.GetPages(), page => Assert.Empty(PdfText.Overflowing(page)));
        Assert.Empty(PdfText.Empty(pdf, Samples.Fingerprint));
    }

    [Fact]
    public void A_cell_longer_than_a_page_is_split_across_pages()
    {
        var markers = string.Concat(Enumerable.Range(1, 400).Select(i => $"证明材料第{i:0000}号；"));
        var section = new PrintedSection("五、证明材料", [new PrintedFields([new("清单", markers)])]);

        var pdf = Pdf.Form(Samples.Form(section));

        var body = PdfText.Body(pdf, Samples.Fingerprint);
        Assert.All(Enumerable.Range(1, 400), i => Assert.Contains($"证明材料第{i:0000}号", body));
        using var document = PdfText.Open(pdf);
        Assert.True(document.NumberOfPages >= 4, $"{document.NumberOfPages} pages");
        Assert.All(document.GetPages(), page => Assert.Empty(PdfText.Overflowing(page)));
        Assert.Empty(PdfText.Empty(pdf, Samples.Fingerprint));
    }

    [Fact]
    public void The_metadata_has_the_title_and_the_printing_date()
    {
        var pdf = Pdf.Form(Samples.Form());

        using var document = PdfText.Open(pdf);
        Assert.Equal(Samples.Title, document.Information.Title);
        Assert.Equal(Samples.PrintedAt, document.Information.GetCreatedDateTimeOffset());
    }

    [Fact]
    public void The_same_form_prints_the_same_document()
    {
        var first = Pdf.Form(Samples.Form(LongSection()));
        var second = Pdf.Form(Samples.Form(LongSection()));

        Assert.Equal(PdfText.Pages(first), PdfText.Pages(second));
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_fingerprint_prints_a_different_footer()
    {
        var other = Samples.Hex("application 43");
        var pdf = Pdf.Form(Samples.Form() with { Fingerprint = other });

        var pages = PdfText.Pages(pdf);
        Assert.All(pages.Select((text, i) => (text, i)), page => Assert.Contains(PdfText.Footer(other, page.i + 1, pages.Count), PdfText.Compact(page.text)));
        Assert.DoesNotContain(FingerprintText.Short(Samples.Fingerprint), string.Concat(pages));
    }

    [Fact]
    public void Bad_input_is_refused_before_anything_is_printed()
    {
        Assert.Throws<ArgumentException>(() => Pdf.Form(Samples.Form() with { Fingerprint = "not a fingerprint" }));
        var ragged = new PrintedSection("表", [new PrintedTable(["甲", "乙"], [["1", "2"], ["3"]])]);
        Assert.Contains("Row 2", Assert.Throws<ArgumentException>(() => Pdf.Form(Samples.Form(ragged))).Message);
        var widths = new PrintedSection("表", [new PrintedTable(["甲", "乙"], [["1", "2"]], [1])]);
        Assert.Throws<ArgumentException>(() => Pdf.Form(Samples.Form(widths)));
        Assert.Throws<ArgumentException>(() => Pdf.Form(Samples.Form() with { VerificationUrl = " " }));
        Assert.Throws<ArgumentException>(() => Pdf.Form(Samples.Form() with { VerificationUrl = "https://ip.example.gov.cn/" + new string('x', 5000) }));
    }

    internal static string LongParagraph()
    {
        var text = new StringBuilder();
        for (var i = 1; text.Length < 5000; i++)
            text.Append($"第{i}段：本项目围绕高价值专利培育开展专利导航、布局与运营工作，形成 patent portfolio report PN-{i:0000}，累计申请发明专利{i * 3}件。");
        return text.ToString();
    }

    static PrintedSection LongSection() => new("五、详细说明", [new PrintedParagraph(LongParagraph())]);
}
