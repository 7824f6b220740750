using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace IpPlatform.Intake.Materials;

/// <summary>Settings of the S3-compatible store (<c>Materials:S3:*</c>).</summary>
public sealed record S3StoreSettings
{
    /// <summary>Endpoint, e.g. <c>http://minio:9000</c>; empty means AWS itself in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; init; }
    public string Bucket { get; init; } = "";
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string Region { get; init; } = "us-east-1";
    /// <summary>Bucket in the path (<c>host/bucket/key</c>) rather than the host name: what MinIO-likes need.</summary>
    public bool ForcePathStyle { get; init; } = true;
    /// <summary>Prepended to every key, e.g. <c>materials/</c>, when the bucket is shared.</summary>
    public string Prefix { get; init; } = "";
}

/// <summary>
/// Application materials in an S3-compatible object store, under <c>{prefix}ab/cd/&lt;sha256&gt;</c>. The key
/// is computed before the upload, and the signed request carries the bytes' SHA-256, which the store checks
/// against what it receives (a mismatch is refused there, not stored).
/// </summary>
public sealed class S3MaterialStore(IAmazonS3 s3, S3StoreSettings settings) : IMaterialStore
{
    public static IAmazonS3 CreateClient(S3StoreSettings settings)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // S3-compatible stores do not all know the newer checksum trailers; send checksums only where S3 requires them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(settings.ServiceUrl))
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }
        return string.IsNullOrWhiteSpace(settings.AccessKey)
            ? new AmazonS3Client(config) // the SDK's own credential chain (environment, instance role)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    public async Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken ct)
    {
        // The key is the hash, so the bytes are read twice: once to hash, once to send. A forward-only stream is spooled first.
        Stream? spool = null;
        try
        {
            var source = content;
            if (!content.CanSeek)
            {
                spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await content.CopyToAsync(spool, ct);
                source = spool;
            }
            source.Position = 0;
            var hash = await SHA256.HashDataAsync(source, ct);
            var blob = new StoredBlob(MaterialKeys.Hex(hash), source.Length);
            if (expectedSha256 is not null && expectedSha256 != blob.Sha256)
                throw new MaterialStoreException($"The bytes hash to {blob.Sha256}, not to the expected {expectedSha256}; nothing was sent.");
            source.Position = 0;
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = settings.Bucket,
                Key = KeyOf(blob.Sha256),
                InputStream = source,
                AutoCloseStream = false,
                ContentType = "application/octet-stream",
                // A plain body with its SHA-256 signed in x-amz-content-sha256: verified by the store, understood by MinIO-likes.
                UseChunkEncoding = false,
                ChecksumSHA256 = Convert.ToBase64String(hash),
            }, ct);
            return blob;
        }
        catch (AmazonServiceException e)
        {
            throw new MaterialStoreException($"The object store refused the file: {e.Message}", e);
        }
        finally
        {
            if (spool is not null) await spool.DisposeAsync();
        }
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken ct)
    {
        try
        {
            var response = await s3.GetObjectAsync(settings.Bucket, KeyOf(sha256), ct);
            return new OwningStream(response.ResponseStream, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct)
    {
        try
        {
            await s3.GetObjectMetadataAsync(settings.Bucket, KeyOf(sha256), ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The object name of <paramref name="sha256"/>.</summary>
    public string KeyOf(string sha256) => settings.Prefix + MaterialKeys.Shard(sha256);

    /// <summary>The response body that also releases the response (and its connection) when disposed.</summary>
    sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
