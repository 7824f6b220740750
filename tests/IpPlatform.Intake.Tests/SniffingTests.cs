using System.Text;
using IpPlatform.Intake.Materials;

namespace IpPlatform.Intake.Tests;

/// <summary>The type of a material comes from its bytes alone.</summary>
public sealed class SniffingTests
{
    public static TheoryData<string, string, string> Documents => new()
    {
        { "pdf", "pdf", "application/pdf" },
        { "png", "png", "image/png" },
        { "jpg", "jpg", "image/jpeg" },
        { "docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_real_file_of_each_known_type_is_recognised(string sample, string type, string mediaType)
    {
        var result = ContentSniffer.Sniff(Sample(sample));

        Assert.Equal(type, result.Type);
        Assert.Equal(mediaType, result.ContentType);
        Assert.Null(result.Refusal);
    }

    [Theory]
    [InlineData("windows")]
    [InlineData("linux")]
    [InlineData("script")]
    public void An_executable_is_refused_as_such_whatever_it_is_called(string sample)
    {
        var result = ContentSniffer.Sniff(Sample(sample));

        Assert.Equal("executable", result.Refusal);
        Assert.Null(result.Type);
    }

    [Fact]
    public void A_pdf_without_its_end_marker_is_refused_as_truncated()
    {
        var result = ContentSniffer.Sniff(MaterialsSamples.TruncatedPdf());

        Assert.Equal("truncated", result.Refusal);
        Assert.Null(result.Type);
    }

    [Fact]
    public void The_end_marker_counts_only_within_the_last_KiB()
    {
        // A marker early in the file, then more than a KiB of bytes: the file was cut after the marker.
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n" + new string('x', 1100));

        Assert.Equal("truncated", ContentSniffer.Sniff(bytes).Refusal);
    }

    [Fact]
    public void A_pdf_with_bytes_after_its_end_marker_within_the_last_KiB_is_whole()
    {
        var bytes = MaterialsSamples.Pdf().Concat(new byte[500]).ToArray(); // some writers pad after %%EOF

        Assert.Equal("pdf", ContentSniffer.Sniff(bytes).Type);
    }

    [Fact]
    public void A_zip_that_is_not_an_office_document_is_unknown()
    {
        var result = ContentSniffer.Sniff(MaterialsSamples.PlainZip());

        Assert.Null(result.Type);
        Assert.Null(result.Refusal);
    }

    [Fact]
    public void A_cut_zip_is_unknown_rather_than_an_error()
    {
        var docx = MaterialsSamples.Docx();

        Assert.Null(ContentSniffer.Sniff(docx[..(docx.Length - 30)]).Type); // the central directory is at the end
    }

    [Theory]
    [InlineData("hello, world")]
    [InlineData("<html><body>%PDF-</body></html>")]
    [InlineData("")]
    public void Anything_else_is_unknown(string text)
    {
        var result = ContentSniffer.Sniff(Encoding.UTF8.GetBytes(text));

        Assert.Null(result.Type);
        Assert.Null(result.Refusal);
    }

    static byte[] Sample(string name) => name switch
    {
        "pdf" => MaterialsSamples.Pdf(),
        "png" => MaterialsSamples.Png(),
        "jpg" => MaterialsSamples.Jpeg(),
        "docx" => MaterialsSamples.Docx(),
        "xlsx" => MaterialsSamples.Xlsx(),
        "windows" => MaterialsSamples.WindowsExecutable(),
        "linux" => MaterialsSamples.LinuxExecutable(),
        "script" => MaterialsSamples.Script(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
