namespace IpPlatform.Printing.Tests;
public class DumpTests
{
    [Fact]
    public void Dump()
    {
        var form = Pdf.Form(Samples.Form());
        File.WriteAllBytes("/tmp/form.pdf", form);
        File.WriteAllBytes("/tmp/table.pdf", Pdf.Table(Samples.Summary(60)));
        using var d = PdfText.Open(form);
        File.WriteAllLines("/tmp/form.txt", d.GetPages().Select(p => $"[{p.Width}x{p.Height}] " + p.Text));
        Assert.True(form.Length > 0);
    }
}
