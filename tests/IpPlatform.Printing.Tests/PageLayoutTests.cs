using IpPlatform.Printing.Layout;
using PdfSharp.Pdf;

namespace IpPlatform.Printing.Tests;

public class PageLayoutTests
{
    static PageLayout NewLayout(PdfDocument document)
    {
        PrintFonts.EnsureRegistered();
        var layout = new PageLayout(document, landscape: false);
        layout.NewPage();
        return layout;
    }

    [Fact]
    public void A_gap_at_the_foot_of_a_page_adds_no_page()
    {
        using var document = new PdfDocument();
        using var layout = NewLayout(document);

        layout.MoveTo(layout.Bottom - 2);
        layout.Space(5);

        Assert.Equal(1, layout.PageCount);
        Assert.Equal(layout.Bottom, layout.Y);
    }

    [Fact]
    public void A_row_that_fits_a_fresh_page_moves_there_whole_and_the_header_follows()
    {
        using var document = new PdfDocument();
        using var layout = NewLayout(document);
        var style = TextStyle.Of(10);
        var breaks = 0;
        layout.MoveTo(layout.Bottom - 3 * style.LineHeight);

        layout.Row([new Cell(layout.Left, layout.Width, Enumerable.Repeat("行", 5).ToList(), style)], borders: true, afterBreak: () => breaks++);

        Assert.Equal(2, layout.PageCount);
        Assert.Equal(1, breaks);
        Assert.Equal(layout.Top + 5 * style.LineHeight + 6, layout.Y, 0.01);
    }

    [Fact]
    public void A_row_taller_than_a_page_is_split_and_uses_every_page_it_starts()
    {
        using var document = new PdfDocument();
        using var layout = NewLayout(document);
        var style = TextStyle.Of(10);
        var perPage = (int)((layout.Bottom - layout.Top - 6) / style.LineHeight);
        var breaks = 0;

        layout.Row([new Cell(layout.Left, layout.Width, Enumerable.Repeat("行", perPage * 2 + 1).ToList(), style)], borders: true, afterBreak: () => breaks++);

        Assert.Equal(3, layout.PageCount);
        Assert.Equal(2, breaks);
        Assert.Equal(layout.Top + style.LineHeight + 6, layout.Y, 0.01);
    }

    [Fact]
    public void Keep_together_breaks_the_page_only_when_the_block_does_not_fit()
    {
        using var document = new PdfDocument();
        using var layout = NewLayout(document);

        layout.KeepTogether(layout.Bottom - layout.Top + 50);
        Assert.Equal(1, layout.PageCount); // an empty page takes what comes, however tall
        layout.MoveTo(layout.Bottom - 40);
        layout.KeepTogether(30);
        Assert.Equal(1, layout.PageCount);
        layout.KeepTogether(50);
        Assert.Equal(2, layout.PageCount);
    }
}
