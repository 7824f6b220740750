namespace IpPlatform.Printing;

/// <summary>Renders the print models as PDF bytes (PDFsharp 6.2.4, an embedded CJK TrueType font).</summary>
public static class Pdf
{
    /// <summary>An A4 portrait form: cover with fingerprint and QR code, sections, page x/y and the short fingerprint on every page.</summary>
    public static byte[] Form(PrintedForm form) => throw new NotImplementedException();

    /// <summary>An A4 landscape table document with page x/y and the short fingerprint on every page.</summary>
    public static byte[] Table(PrintedTableDocument document) => throw new NotImplementedException();
}

/// <summary>How a fingerprint is shown to people.</summary>
public static class FingerprintText
{
    /// <summary>Groups of four characters separated by spaces, upper-case, for reading aloud at a window.</summary>
    public static string Grouped(string hex) => throw new NotImplementedException();

    /// <summary>The first 12 characters in three groups (e.g. <c>3F2A-91C0-7B4E</c>), printed in every footer.</summary>
    public static string Short(string hex) => throw new NotImplementedException();
}
