namespace IpPlatform.Intake.Materials;

/// <summary>
/// The default store: a folder (by default <c>materials/</c> beside the service's SQLite database, see
/// <see cref="MaterialStoreRegistration"/>), each file at <c>ab/cd/&lt;sha256&gt;</c>. A put writes to a
/// temporary file inside the same folder, hashes while writing, flushes to disk and only then renames into
/// place, so a reader never sees a half-written file under a key.
/// </summary>
public sealed class FolderMaterialStore : IMaterialStore
{
    readonly string root;
    readonly string incoming;

    public FolderMaterialStore(string root)
    {
        this.root = Path.GetFullPath(root);
        // Same volume as the blobs, so that the final move is an atomic rename and not a copy.
        incoming = Path.Combine(this.root, ".incoming");
    }

    /// <summary>The folder the store keeps its files in.</summary>
    public string Root => root;

    public async Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken ct)
    {
        Directory.CreateDirectory(incoming);
        var temp = Path.Combine(incoming, $"{Guid.NewGuid():N}.part");
        try
        {
            StoredBlob blob;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                blob = await MaterialKeys.CopyHashingAsync(content, file, ct);
                file.Flush(flushToDisk: true);
            }
            if (expectedSha256 is not null && expectedSha256 != blob.Sha256)
                throw new MaterialStoreException($"The bytes stored hash to {blob.Sha256}, not to the expected {expectedSha256}; nothing was kept.");

            var target = PathOf(blob.Sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Overwriting is safe: the same key means the same bytes, and it heals a damaged earlier copy.
            File.Move(temp, target, overwrite: true);
            return blob;
        }
        catch (IOException e)
        {
            throw new MaterialStoreException($"The folder store could not keep the file: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path)) return Task.FromResult<Stream?>(null);
        return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous));
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(sha256)));

    /// <summary>Where the bytes of <paramref name="sha256"/> lie (whether or not they exist).</summary>
    public string PathOf(string sha256) => Path.Combine(root, MaterialKeys.Shard(sha256).Replace('/', Path.DirectorySeparatorChar));
}
