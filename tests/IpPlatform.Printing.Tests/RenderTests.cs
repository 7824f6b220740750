using System.ComponentModel;
using System.Diagnostics;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace IpPlatform.Printing.Tests;

// Text extraction proves the characters are there; rendering proves they have glyphs that draw.
public class RenderTests
{
    [Fact]
    public void The_cover_renders_with_title_fingerprint_and_qr_code_inside_the_margins()
    {
        var image = RenderFirstPage(Pdf.Form(Samples.Form()), 50);

        // A4 at 50 dpi.
        Assert.InRange(image.Width, 410, 416);
        Assert.InRange(image.Height, 582, 588);
        Assert.True(image.Dark(0, 0, image.Width, image.Height) > 3000, $"{image.Dark(0, 0, image.Width, image.Height)} dark pixels");
        // The title in the upper fifth, the QR code (36 mm ≈ 71 px, centred) in the middle of the page.
        Assert.True(image.Dark(0, 0, image.Width, image.Height / 5) > 300);
        var qr = image.Dark(image.Width / 2 - 30, image.Height / 2 - 40, 60, 140);
        Assert.True(qr > 1000, $"{qr} dark pixels where the QR code is");
        // Nothing in the side margins (20 mm ≈ 39 px).
        Assert.Equal(0, image.Dark(0, 0, 30, image.Height));
        Assert.Equal(0, image.Dark(image.Width - 30, 0, 30, image.Height));
    }

    [Fact]
    public void The_summary_table_renders_in_landscape()
    {
        var image = RenderFirstPage(Pdf.Table(Samples.Summary(30)), 50);

        Assert.True(image.Width > image.Height);
        Assert.True(image.Dark(0, 0, image.Width, image.Height) > 5000);
    }

    [Fact]
    public void The_qr_code_on_the_cover_reads_back_as_the_verification_url()
    {
        var form = Samples.Form();
        var image = RenderFirstPage(Pdf.Form(form), 150);

        var source = new RGBLuminanceSource(image.Pixels[image.Offset..], image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));

        Assert.NotNull(result);
        Assert.Equal(form.VerificationUrl, result.Text);
    }

    static Gray RenderFirstPage(byte[] pdf, int dpi)
    {
        var folder = Directory.CreateTempSubdirectory("printing-render-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-gray", "-r", $"{dpi}", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(folder.FullName, "page") })
                start.ArgumentList.Add(argument);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception e)
            {
                // A missing tool is a broken machine, not a reason to skip: scripts/ensure-prerequisites.sh installs it.
                throw new InvalidOperationException("pdftoppm is missing: install Debian's poppler-utils (scripts/ensure-prerequisites.sh).", e);
            }
            using (process)
            {
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
            }
            return Gray.Read(File.ReadAllBytes(Path.Combine(folder.FullName, "page.pgm")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A binary PGM (P5, 8-bit) image: header "P5 width height maxval" then one byte per pixel.</summary>
    sealed record Gray(int Width, int Height, byte[] Pixels, int Offset)
    {
        public static Gray Read(byte[] file)
        {
            var position = 0;
            string Token()
            {
                while (char.IsWhiteSpace((char)file[position]) || file[position] == '#')
                {
                    if (file[position] == '#') while (file[position] != '\n') position++;
                    position++;
                }
                var start = position;
                while (!char.IsWhiteSpace((char)file[position])) position++;
                return System.Text.Encoding.ASCII.GetString(file, start, position - start);
            }
            Assert.Equal("P5", Token());
            var width = int.Parse(Token());
            var height = int.Parse(Token());
            Assert.Equal("255", Token());
            var offset = position + 1; // one white-space byte ends the header
            Assert.Equal(width * height, file.Length - offset);
            return new Gray(width, height, file, offset);
        }

        public int Dark(int x, int y, int width, int height)
        {
            var count = 0;
            for (var row = y; row < y + height && row < Height; row++)
                for (var column = x; column < x + width && column < Width; column++)
                    if (Pixels[Offset + row * Width + column] < 128) count++;
            return count;
        }
    }
}
