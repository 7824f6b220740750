using System.Security.Cryptography;

namespace IpPlatform.Intake.Materials;

/// <summary>
/// Where the bytes of application materials live: content-addressed, each file under the lower-case hex
/// SHA-256 of its bytes. Equal files are stored once; a key never names other bytes. A blob whose database
/// row was never written (a failure between the two) is harmless: nothing refers to it and the same bytes
/// uploaded again land on it.
/// </summary>
public interface IMaterialStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) and returns its key. When <paramref name="expectedSha256"/>
    /// is given, bytes that hash otherwise are refused with <see cref="MaterialStoreException"/> and nothing is kept.
    /// </summary>
    Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken ct);

    /// <summary>The bytes under <paramref name="sha256"/>, or null when the store has none; the caller disposes the stream.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken ct);

    /// <summary>Whether the store holds bytes under <paramref name="sha256"/>.</summary>
    Task<bool> ExistsAsync(string sha256, CancellationToken ct);
}

/// <summary>What a put stored: the key (SHA-256, lower-case hex) and the size in bytes.</summary>
public sealed record StoredBlob(string Sha256, long SizeBytes);

/// <summary>The store could not keep or verify bytes; nothing was recorded for them.</summary>
public sealed class MaterialStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Keys of the content-addressed store.</summary>
public static class MaterialKeys
{
    /// <summary>A key is exactly 64 lower-case hex digits; anything else (e.g. <c>../</c>) never reaches a path or an object name.</summary>
    public static bool IsValid(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>The sharded relative name <c>ab/cd/abcd…</c>: two levels of 256 folders keep each folder small.</summary>
    public static string Shard(string sha256)
    {
        Require(sha256);
        return $"{sha256[..2]}/{sha256[2..4]}/{sha256}";
    }

    public static void Require(string sha256)
    {
        if (!IsValid(sha256)) throw new ArgumentException($"'{sha256}' is not a SHA-256 key (64 lower-case hex digits).", nameof(sha256));
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, hashing on the way; returns key and size.</summary>
    public static async Task<StoredBlob> CopyHashingAsync(Stream source, Stream target, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }
        return new StoredBlob(Hex(hash.GetHashAndReset()), size);
    }
}
