using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// Small but real files of each type the sniffer knows, built here byte by byte (no fixtures to trust), and
/// the impostors it must refuse; and a call whose track lists materials.
/// </summary>
static class MaterialsSamples
{
    /// <summary>Materials of the sample track: a PDF-only form (64 KiB, one file), a letter as PDF or image (two files), optional proofs (1 MiB).</summary>
    public static readonly MaterialDefinition[] Materials =
    [
        new("application-form", "申报书") { AllowedTypes = ["pdf"], MaxBytes = 64 * 1024, MaxFiles = 1 },
        new("commitment-letter", "信用承诺书") { AllowedTypes = ["pdf", "jpg", "png"], MaxBytes = 64 * 1024, MaxFiles = 2 },
        new("proofs", "证明材料") { Required = false, AllowedTypes = ["pdf", "docx", "xlsx"], MaxBytes = 1024 * 1024, MaxFiles = 3 },
    ];

    /// <summary><see cref="Samples.Call"/> with <see cref="Materials"/> on its track.</summary>
    public static CallDocument Call(string id, DateOnly deadline)
    {
        var call = Samples.Call(id, deadline);
        return call with { Tracks = [call.Tracks[0] with { Content = new ContentRules { Materials = Materials } }] };
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A one-page PDF with a correct cross-reference table; <paramref name="text"/> makes each one different.</summary>
    public static byte[] Pdf(string text = "material")
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            StreamObject($"BT /F1 12 Tf 72 770 Td ({text}) Tj ET"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());

        static string StreamObject(string content) => $"<< /Length {content.Length} >>\nstream\n{content}\nendstream";
    }

    /// <summary>A PDF cut short in transfer: its header but not its end.</summary>
    public static byte[] TruncatedPdf()
    {
        var whole = Pdf(new string('x', 2000)); // long enough that the end marker is not within the first part's last KiB
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A 1×1 grey PNG: signature, IHDR, one zlib-compressed IDAT row, IEND, each chunk with its CRC.</summary>
    public static byte[] Png()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1, 8-bit greyscale
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write([0, 0x80]); // filter none, grey 128
            Chunk(png, "IDAT", pixels.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream target, string type, byte[] data)
        {
            var typeBytes = Encoding.ASCII.GetBytes(type);
            target.Write(BigEndian((uint)data.Length));
            target.Write(typeBytes);
            target.Write(data);
            target.Write(BigEndian(Crc32([.. typeBytes, .. data])));
        }
    }

    /// <summary>
    /// An 8×8 grey baseline JPEG: quantisation and Huffman tables of one code each, and one block whose DC
    /// difference and AC coefficients are all zero (one DC code, then end-of-block).
    /// </summary>
    public static byte[] Jpeg()
    {
        var jpeg = new List<byte> { 0xFF, 0xD8 }; // SOI
        jpeg.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        jpeg.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)1, 64)]); // DQT: table 0, all ones
        jpeg.AddRange([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]); // SOF0: 8×8, one component
        jpeg.AddRange(HuffmanTable(0x00)); // DC table 0: category 0
        jpeg.AddRange(HuffmanTable(0x10)); // AC table 0: end of block
        jpeg.AddRange([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]); // SOS
        jpeg.Add(0x3F); // bits 0 (DC, category 0) and 0 (EOB), padded with ones
        jpeg.AddRange([0xFF, 0xD9]); // EOI
        return [.. jpeg];

        static byte[] HuffmanTable(byte classAndId) =>
            [0xFF, 0xC4, 0x00, 0x14, classAndId, 0x01, .. new byte[15], 0x00]; // one code of length 1 for symbol 0
    }

    /// <summary>An Office Open XML package with the parts of a Word document (<c>word/</c>) or a workbook (<c>xl/</c>).</summary>
    public static byte[] Docx() => Package("word/document.xml",
        """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>证明</w:t></w:r></w:p></w:body></w:document>""",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");

    public static byte[] Xlsx() => Package("xl/workbook.xml",
        """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>""",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");

    /// <summary>A ZIP with no <c>[Content_Types].xml</c>: an archive, not a document.</summary>
    public static byte[] PlainZip() => Zip(("word/document.xml", "<x/>"));

    static byte[] Package(string mainPart, string mainXml, string mainType) => Zip(
        ("[Content_Types].xml",
            $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{mainPart}" ContentType="{mainType}"/></Types>"""),
        ("_rels/.rels",
            $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{mainPart}"/></Relationships>"""),
        (mainPart, mainXml));

    static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        return buffer.ToArray();
    }

    /// <summary>The start of a Windows program (DOS stub and PE header) — what a renamed <c>.exe</c> begins with.</summary>
    public static byte[] WindowsExecutable()
    {
        var exe = new byte[512];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        BitConverter.GetBytes(0x80).CopyTo(exe, 0x3C); // e_lfanew
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }

    public static byte[] LinuxExecutable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[56]];

    public static byte[] Script() => "#!/bin/sh\nrm -rf /\n"u8.ToArray();

    static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
