using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;

namespace IpPlatform.Intake.Applications;

/// <summary>The frozen record of a submission, as the fingerprint covers it.</summary>
/// <param name="SubmittedAtUtc">Used to the millisecond: what a database keeps of finer ticks does not count.</param>
public sealed record FingerprintedRecord(
    Guid ApplicationId, string CallId, int? CallVersion, string TrackId, string ApplicantCreditCode,
    ApplicationDocument Document, DateTime SubmittedAtUtc, IReadOnlyList<FingerprintedMaterial> Materials);

/// <summary>A file of the record: the material it is, its name, size and content hash.</summary>
public sealed record FingerprintedMaterial(string MaterialId, string FileName, long SizeBytes, string Sha256);

/// <summary>
/// The fingerprint printed on the paper copy: SHA-256, lower-case hex, over a canonical serialisation of the
/// frozen record. Canonical means one byte sequence per record: fixed member order, the document re-serialised
/// with <see cref="DocumentJson.Options"/> (its members in declaration order, whatever order the client sent),
/// the instant as UTC ISO 8601 to the millisecond, materials sorted by (material id, SHA-256) ordinally.
/// </summary>
public static class Fingerprint
{
    /// <summary>Length of a fingerprint in hex characters.</summary>
    public const int Length = 64;

    /// <summary>The fingerprint of <paramref name="record"/>.</summary>
    public static string Compute(FingerprintedRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Canonical(record)));

    /// <summary>The bytes the fingerprint is taken over (UTF-8 JSON).</summary>
    public static byte[] Canonical(FingerprintedRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("applicationId", record.ApplicationId.ToString("D"));
            json.WriteString("callId", record.CallId);
            if (record.CallVersion is { } version) json.WriteNumber("callVersion", version);
            else json.WriteNull("callVersion");
            json.WriteString("track", record.TrackId);
            json.WriteString("applicantCreditCode", record.ApplicantCreditCode);
            json.WriteString("submittedAt", DateTime.SpecifyKind(record.SubmittedAtUtc, DateTimeKind.Utc)
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WritePropertyName("document");
            JsonSerializer.Serialize(json, record.Document, DocumentJson.Options);
            json.WriteStartArray("materials");
            foreach (var file in record.Materials.OrderBy(m => m.MaterialId, StringComparer.Ordinal).ThenBy(m => m.Sha256, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("materialId", file.MaterialId);
                json.WriteString("fileName", file.FileName);
                json.WriteNumber("sizeBytes", file.SizeBytes);
                json.WriteString("sha256", file.Sha256.ToLowerInvariant());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A fingerprint as a person types or reads it (any case, grouped with spaces or dashes) as the stored
    /// lower-case hex; false when it is not 64 hex digits.
    /// </summary>
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        var hex = new StringBuilder(Length);
        foreach (var c in text ?? "")
        {
            if (c is ' ' or '-' or '\t') continue;
            if (!char.IsAsciiHexDigit(c)) { fingerprint = ""; return false; }
            hex.Append(char.ToLowerInvariant(c));
        }
        fingerprint = hex.ToString();
        return fingerprint.Length == Length;
    }
}
