namespace IpPlatform.Intake.Materials;

/// <summary>
/// One file of an application's materials (申报材料): which of the call's materials it is, what the applicant
/// named it, the type sniffed from its bytes, its size and its SHA-256, under which the bytes lie in the
/// content-addressed store. Frozen with the application at submission.
/// </summary>
public sealed class ApplicationMaterial
{
    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>The call's material id, e.g. <c>commitment-letter</c>.</summary>
    public string MaterialId { get; private set; } = "";
    public string FileName { get; private set; } = "";
    /// <summary>Sniffed from the bytes, never taken from the client.</summary>
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    /// <summary>SHA-256 of the bytes, lower-case hex: the key in the store and a part of the fingerprint.</summary>
    public string Sha256 { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
    public string UploadedBy { get; private set; } = "";

    ApplicationMaterial() { }

    internal ApplicationMaterial(Guid applicationId, string materialId, string fileName, string contentType, long sizeBytes,
        string sha256, DateTime uploadedAtUtc, string uploadedBy)
    {
        Id = Guid.CreateVersion7();
        ApplicationId = applicationId;
        MaterialId = materialId;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        UploadedAtUtc = uploadedAtUtc;
        UploadedBy = uploadedBy;
    }

    /// <summary>Puts other bytes in this file's place (the applicant replaced it); it keeps its id and its material.</summary>
    internal void ReplaceContent(string fileName, string contentType, long sizeBytes, string sha256, DateTime uploadedAtUtc, string uploadedBy)
    {
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        UploadedAtUtc = uploadedAtUtc;
        UploadedBy = uploadedBy;
    }
}
