using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IpPlatform.Intake.Materials;

/// <summary>
/// One file received from a <c>multipart/form-data</c> body's <c>file</c> part, spooled to a temporary file that
/// is deleted on dispose, with its SHA-256 and its sniffed type. Nothing of it is stored yet.
/// </summary>
public sealed class ReceivedFile(FileStream spool, string fileName, StoredBlob blob, SniffResult sniffed) : IAsyncDisposable
{
    /// <summary>The bytes, positioned at the start.</summary>
    public Stream Content { get { spool.Position = 0; return spool; } }
    public string FileName => fileName;
    public string Sha256 => blob.Sha256;
    public long SizeBytes => blob.SizeBytes;
    public SniffResult Sniffed => sniffed;

    public ValueTask DisposeAsync() => spool.DisposeAsync();
}

/// <summary>Why a body gave no file: the HTTP status and the problem's code and text.</summary>
public sealed record UploadRefusal(int Status, string Code, string Detail);

/// <summary>
/// Reads the <c>file</c> part of a multipart body by streaming, never more than the material's limit plus one
/// byte: an oversize file is refused as soon as it shows, before anything is stored.
/// </summary>
public static class MaterialUpload
{
    public const string FilePart = "file";

    public static async Task<(ReceivedFile? File, UploadRefusal? Refusal)> ReceiveAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            return (null, new UploadRefusal(StatusCodes.Status400BadRequest, "not-multipart",
                "The body must be multipart/form-data with a boundary and one part named 'file'."));

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            // Other parts are skipped but bounded like the file, so that no part can make the reader buffer without end.
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes + 2 };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FilePart, StringComparison.Ordinal))
                    continue;

                var (blob, tooLarge) = await CopyAtMostAsync(section.Body, spool, maxBytes, ct);
                if (tooLarge)
                {
                    await spool.DisposeAsync();
                    return (null, new UploadRefusal(StatusCodes.Status413PayloadTooLarge, "too-large",
                        $"The file is larger than the {maxBytes} bytes this material accepts."));
                }
                if (blob.SizeBytes == 0)
                {
                    await spool.DisposeAsync();
                    return (null, new UploadRefusal(StatusCodes.Status400BadRequest, "empty-file", "The file is empty."));
                }
                await spool.FlushAsync(ct);
                var sniffed = ContentSniffer.Sniff(spool);
                var name = FileNameOf(disposition);
                return (new ReceivedFile(spool, name, blob, sniffed), null);
            }
            await spool.DisposeAsync();
            return (null, new UploadRefusal(StatusCodes.Status400BadRequest, "no-file-part", "The body has no file part named 'file'."));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            await spool.DisposeAsync();
            // A body over the endpoint's request limit comes as Kestrel's 413; anything else is a broken body.
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return (null, new UploadRefusal(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is larger than this endpoint accepts."));
            return (null, new UploadRefusal(StatusCodes.Status400BadRequest, "broken-multipart", $"The multipart body cannot be read: {e.Message}"));
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    // Reads at most maxBytes + 1 bytes: one more than allowed is enough to know the file is too large.
    static async Task<(StoredBlob Blob, bool TooLarge)> CopyAtMostAsync(Stream source, Stream target, long maxBytes, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        while (true)
        {
            var want = (int)Math.Min(buffer.Length, maxBytes + 1 - total);
            var read = await source.ReadAsync(buffer.AsMemory(0, want), ct);
            if (read == 0) break;
            total += read;
            if (total > maxBytes) return (new StoredBlob("", total), true);
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return (new StoredBlob(MaterialKeys.Hex(hash.GetHashAndReset()), total), false);
    }

    /// <summary>The client's name for the file, reduced to a plain name: no folders, no control characters, at most 255 characters.</summary>
    public static string FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
        if (string.IsNullOrWhiteSpace(raw)) raw = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        var name = Path.GetFileName((raw ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length > 255) name = name[^255..];
        return name.Length == 0 ? "file" : name;
    }
}
