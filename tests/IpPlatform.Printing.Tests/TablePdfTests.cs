using UglyToad.PdfPig.Core;

namespace IpPlatform.Printing.Tests;

public class TablePdfTests
{
    [Fact]
    public void The_summary_table_is_a4_landscape_with_title_lines_groups_and_totals()
    {
        var summary = Samples.Summary();
        var pdf = Pdf.Table(summary);

        using var document = PdfText.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var page = document.GetPage(1);
        Assert.Equal(841.89, page.Width, 0.5);
        Assert.Equal(595.28, page.Height, 0.5);
        var text = PdfText.Compact(page.Text);
        Assert.StartsWith(PdfText.Compact(summary.Title), text);
        Assert.Contains("推荐单位：苏州市知识产权局", text);
        Assert.Contains("数字指纹（SHA-256）：" + FingerprintText.Grouped(summary.Fingerprint), page.Text);
        Assert.Contains("高价值专利培育示范中心推荐顺序申报单位", text);
        Assert.Contains("1苏州示范企业A001有限公司项目A001：专利导航与运营50同意推荐同意推荐", text);
        Assert.Contains("合计3家150", text);
        Assert.True(text.IndexOf("知识产权强企培育推荐顺序", StringComparison.Ordinal) > text.IndexOf("合计3家150", StringComparison.Ordinal));
        Assert.Contains(PdfText.Footer(summary.Fingerprint, 1, 1), text);
        Assert.Equal(summary.Title, document.Information.Title);
    }

    [Fact]
    public void Two_hundred_rows_span_pages_with_the_header_repeated_and_totals_after_the_last_row()
    {
        var summary = Samples.Summary(rowsPerGroup: 200);
        var pdf = Pdf.Table(summary);

        using var document = PdfText.Open(pdf);
        var pages = document.NumberOfPages;
        Assert.True(pages >= 16, $"{pages} pages");
        foreach (var page in document.GetPages())
        {
            var text = PdfText.Compact(page.Text);
            Assert.Contains("推荐顺序申报单位项目名称申请省级资金（万元）县级意见市级意见", text);
            Assert.Contains(PdfText.Footer(summary.Fingerprint, page.Number, pages), text);
            Assert.Equal(841.89, page.Width, 0.5);
            Assert.Empty(PdfText.Overflowing(page));
        }
        var body = PdfText.Body(pdf, summary.Fingerprint);
        Assert.All(Enumerable.Range(1, 200), i => Assert.Contains($"{i}苏州示范企业B{i:000}有限公司", body));
        Assert.Contains("200苏州示范企业A200有限公司项目A200：专利导航与运营50同意推荐同意推荐合计200家10000", body);
        Assert.EndsWith("合计200家10000", body);
    }

    [Fact]
    public void The_totals_row_and_the_header_are_bold_the_rows_are_not()
    {
        using var document = PdfText.Open(Pdf.Table(Samples.Summary()));
        var letters = document.GetPage(1).Letters;

        // PDFsharp sets bold by simulation: glyphs filled then stroked.
        Assert.All(letters.Where(letter => letter.Value is "合" or "计" or "县"), letter => Assert.Equal(TextRenderingMode.FillThenStroke, letter.RenderingMode));
        Assert.All(letters.Where(letter => letter.Value == "同"), letter => Assert.Equal(TextRenderingMode.Fill, letter.RenderingMode));
        Assert.Equal(12, letters.Count(letter => letter.Value == "同"));
    }

    [Fact]
    public void The_same_table_prints_the_same_document()
    {
        Assert.Equal(Pdf.Table(Samples.Summary(40)), Pdf.Table(Samples.Summary(40)));
    }

    [Fact]
    public void Totals_that_do_not_match_the_columns_are_refused()
    {
        var summary = Samples.Summary();
        var bad = summary with { Groups = [summary.Groups[0] with { Totals = ["合计", "3"] }] };

        Assert.Throws<ArgumentException>(() => Pdf.Table(bad));
    }
}
