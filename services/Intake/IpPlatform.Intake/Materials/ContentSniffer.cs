using System.IO.Compression;
using System.Text;

namespace IpPlatform.Intake.Materials;

/// <summary>What the bytes of a file are, judged from the bytes alone.</summary>
/// <param name="Type">The call's type name (<c>pdf</c>, <c>png</c>, <c>jpg</c>, <c>docx</c>, <c>xlsx</c>), or null when unknown or refused.</param>
/// <param name="ContentType">The media type served on download, or null.</param>
/// <param name="Refusal">Why the file is refused whatever the call allows: <c>executable</c>, <c>truncated</c>; else null.</param>
public sealed record SniffResult(string? Type, string? ContentType, string? Refusal = null)
{
    public static readonly SniffResult Unknown = new(null, null);
    public static readonly SniffResult Executable = new(null, null, "executable");
}

/// <summary>
/// Sniffs a file's type from its bytes, never from the name or the header the client sent: a program renamed
/// <c>.pdf</c> stays a program. Recognises PDF (header and an end-of-file marker in the last KiB, otherwise it
/// was cut short), PNG, JPEG, and the Office Open XML documents DOCX and XLSX (ZIP packages whose directory lists
/// <c>[Content_Types].xml</c> and the <c>word/</c> resp. <c>xl/</c> parts); Windows, Linux and macOS executables
/// and scripts are refused outright.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "pdf", Png = "png", Jpg = "jpg", Docx = "docx", Xlsx = "xlsx";

    /// <summary>The media type of each type the sniffer knows.</summary>
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>
    {
        [Pdf] = "application/pdf",
        [Png] = "image/png",
        [Jpg] = "image/jpeg",
        [Docx] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [Xlsx] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    static readonly byte[] PdfHeader = "%PDF-"u8.ToArray();
    static readonly byte[] PdfEnd = "%%EOF"u8.ToArray();
    static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly byte[] JpegHeader = [0xFF, 0xD8, 0xFF];
    static readonly byte[] ZipHeader = [0x50, 0x4B, 0x03, 0x04];

    // Windows PE ("MZ"), ELF, Mach-O (both byte orders, 32/64-bit, fat) and scripts with an interpreter line.
    static readonly byte[][] ExecutableHeaders =
    [
        "MZ"u8.ToArray(), [0x7F, (byte)'E', (byte)'L', (byte)'F'], "#!"u8.ToArray(),
        [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE],
    ];

    /// <summary>Sniffs <paramref name="bytes"/>.</summary>
    public static SniffResult Sniff(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Sniff(stream);
    }

    /// <summary>Sniffs a seekable <paramref name="content"/>; its position is left unspecified.</summary>
    public static SniffResult Sniff(Stream content)
    {
        if (!content.CanSeek) throw new ArgumentException("Sniffing needs a seekable stream (the end of a PDF, a ZIP's directory).", nameof(content));
        var head = new byte[8];
        content.Position = 0;
        var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, headLength);

        foreach (var header in ExecutableHeaders)
            if (start.StartsWith(header)) return SniffResult.Executable;
        if (start.StartsWith(PdfHeader))
            return EndsWithinLastKiB(content, PdfEnd) ? Known(Pdf) : new SniffResult(null, null, "truncated");
        if (start.StartsWith(PngHeader)) return Known(Png);
        if (start.StartsWith(JpegHeader)) return Known(Jpg);
        if (start.StartsWith(ZipHeader)) return SniffPackage(content);
        return SniffResult.Unknown;
    }

    static SniffResult Known(string type) => new(type, MediaTypes[type]);

    static bool EndsWithinLastKiB(Stream content, byte[] marker)
    {
        var tailLength = (int)Math.Min(1024, content.Length);
        var tail = new byte[tailLength];
        content.Position = content.Length - tailLength;
        content.ReadExactly(tail);
        return tail.AsSpan().IndexOf(marker) >= 0;
    }

    // Reads only the ZIP's central directory (entry names), not the parts themselves.
    static SniffResult SniffPackage(Stream content)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
            if (!names.Contains("[Content_Types].xml")) return SniffResult.Unknown;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Known(Docx);
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Known(Xlsx);
            return SniffResult.Unknown;
        }
        catch (InvalidDataException)
        {
            return SniffResult.Unknown; // a broken or cut ZIP is no document
        }
    }
}
