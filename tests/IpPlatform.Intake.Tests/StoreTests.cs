using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using IpPlatform.Intake.Materials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Intake.Tests;

/// <summary>The content-addressed folder store: keys, sharding, verification, atomic placement.</summary>
public sealed class FolderStoreTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), $"ipplatform-materials-{Guid.NewGuid():N}");
    readonly FolderMaterialStore store;
    readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public FolderStoreTests() => store = new FolderMaterialStore(root);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Bytes_are_kept_under_their_sha256_in_sharded_folders_and_read_back()
    {
        var bytes = MaterialsSamples.Pdf("folder");
        var sha = MaterialsSamples.Sha256(bytes);

        var blob = await store.PutAsync(new MemoryStream(bytes), expectedSha256: null, ct);

        Assert.Equal(new StoredBlob(sha, bytes.Length), blob);
        Assert.True(File.Exists(Path.Combine(root, sha[..2], sha[2..4], sha)));
        Assert.True(await store.ExistsAsync(sha, ct));
        await using var read = await store.OpenAsync(sha, ct);
        Assert.NotNull(read);
        Assert.Equal(bytes, await ReadAll(read));
    }

    [Fact]
    public async Task The_same_bytes_twice_are_one_file_and_no_temporary_file_is_left()
    {
        var bytes = MaterialsSamples.Png();

        await store.PutAsync(new MemoryStream(bytes), null, ct);
        await store.PutAsync(new MemoryStream(bytes), MaterialsSamples.Sha256(bytes), ct);

        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Assert.Equal([store.PathOf(MaterialsSamples.Sha256(bytes))], files);
    }

    [Fact]
    public async Task Bytes_that_do_not_hash_to_the_expected_key_are_refused_and_nothing_is_kept()
    {
        var bytes = MaterialsSamples.Jpeg();
        var other = MaterialsSamples.Sha256(MaterialsSamples.Png());

        await Assert.ThrowsAsync<MaterialStoreException>(() => store.PutAsync(new MemoryStream(bytes), other, ct));

        Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        Assert.False(await store.ExistsAsync(MaterialsSamples.Sha256(bytes), ct));
        Assert.False(await store.ExistsAsync(other, ct));
    }

    [Fact]
    public async Task An_unknown_key_is_absent()
    {
        var sha = MaterialsSamples.Sha256("never stored"u8.ToArray());

        Assert.Null(await store.OpenAsync(sha, ct));
        Assert.False(await store.ExistsAsync(sha, ct));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    public async Task Only_a_sha256_is_a_key_so_no_path_can_be_smuggled_in(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenAsync(key, ct));
    }

    [Fact]
    public void The_folder_is_configured_or_beside_the_state_or_the_database()
    {
        static string PathFor(params (string Key, string Value)[] settings) => MaterialStoreRegistration.FolderPath(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(), "intake-db");
        var state = Path.Combine(Path.GetTempPath(), "state");

        Assert.Equal(Path.GetFullPath("/srv/materials"), PathFor(("Materials:Path", "/srv/materials"), ("State:Directory", state)));
        Assert.Equal(Path.Combine(state, "materials"), PathFor(("State:Directory", state), ("ConnectionStrings:intake-db", "Data Source=/elsewhere/intake.db")));
        Assert.Equal(Path.Combine(state, "data", "materials"), PathFor(("ConnectionStrings:intake-db", $"Data Source={Path.Combine(state, "data", "intake.db")}")));
    }

    internal static async Task<byte[]> ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>
/// The S3-compatible store against a small S3 look-alike served by Kestrel in the test: path-style PUT, GET and
/// HEAD of objects, with the payload hash in <c>x-amz-content-sha256</c> checked as S3 checks it.
/// </summary>
public sealed class S3StoreTests : IAsyncLifetime
{
    readonly FakeS3 s3 = new();
    readonly CancellationToken ct = TestContext.Current.CancellationToken;
    S3MaterialStore store = null!;

    public async ValueTask InitializeAsync()
    {
        await s3.StartAsync();
        var settings = new S3StoreSettings
        {
            ServiceUrl = s3.Url, Bucket = "materials", AccessKey = "test-access", SecretKey = "test-secret", ForcePathStyle = true, Prefix = "intake/",
        };
        store = new S3MaterialStore(S3MaterialStore.CreateClient(settings), settings);
    }

    public async ValueTask DisposeAsync() => await s3.DisposeAsync();

    [Fact]
    public async Task Bytes_go_up_under_their_sharded_sha256_and_come_back_the_same()
    {
        var bytes = MaterialsSamples.Pdf("s3");
        var sha = MaterialsSamples.Sha256(bytes);

        var blob = await store.PutAsync(new MemoryStream(bytes), sha, ct);

        Assert.Equal(new StoredBlob(sha, bytes.Length), blob);
        var put = Assert.Single(s3.Puts);
        Assert.Equal($"/materials/intake/{sha[..2]}/{sha[2..4]}/{sha}", put.Path); // bucket in the path: ForcePathStyle
        Assert.Equal(bytes, put.Body);
        Assert.Equal(sha, put.ContentSha256); // the signed payload hash the store verifies
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=test-access/", put.Authorization);
        Assert.True(await store.ExistsAsync(sha, ct));
        await using var read = await store.OpenAsync(sha, ct);
        Assert.NotNull(read);
        Assert.Equal(bytes, await FolderStoreTests.ReadAll(read));
    }

    [Fact]
    public async Task A_forward_only_stream_is_hashed_before_it_is_sent()
    {
        var bytes = MaterialsSamples.Docx();

        var blob = await store.PutAsync(new ForwardOnly(bytes), null, ct);

        Assert.Equal(MaterialsSamples.Sha256(bytes), blob.Sha256);
        Assert.Equal(bytes, Assert.Single(s3.Puts).Body);
    }

    [Fact]
    public async Task An_unknown_key_is_absent()
    {
        var sha = MaterialsSamples.Sha256("not there"u8.ToArray());

        Assert.Null(await store.OpenAsync(sha, ct));
        Assert.False(await store.ExistsAsync(sha, ct));
    }

    [Fact]
    public async Task Bytes_that_do_not_hash_to_the_expected_key_are_not_sent()
    {
        var bytes = MaterialsSamples.Png();

        await Assert.ThrowsAsync<MaterialStoreException>(() =>
            store.PutAsync(new MemoryStream(bytes), MaterialsSamples.Sha256(MaterialsSamples.Jpeg()), ct));

        Assert.Empty(s3.Puts);
    }

    [Fact]
    public async Task A_store_that_refuses_the_upload_surfaces_as_a_store_failure()
    {
        s3.RefuseWrites = true;

        await Assert.ThrowsAsync<MaterialStoreException>(() => store.PutAsync(new MemoryStream(MaterialsSamples.Jpeg()), null, ct));
    }

    sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>Just enough of S3's REST interface (path-style, one region) to prove a client's requests and bytes.</summary>
sealed class FakeS3 : IAsyncDisposable
{
    public sealed record Put(string Path, byte[] Body, string? ContentSha256, string? Authorization);

    readonly ConcurrentDictionary<string, byte[]> objects = new();
    readonly ConcurrentQueue<Put> puts = new();
    WebApplication? app;

    public IReadOnlyList<Put> Puts => [.. puts];
    public bool RefuseWrites { get; set; }
    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapMethods("/{bucket}/{**key}", ["PUT"], (Delegate)PutObject);
        app.MapMethods("/{bucket}/{**key}", ["GET", "HEAD"], (Delegate)GetObject);
        await app.StartAsync();
        Url = app.Urls.First();
    }

    async Task<IResult> PutObject(HttpContext context)
    {
        if (RefuseWrites) return Error(StatusCodes.Status403Forbidden, "AccessDenied");
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var declared = context.Request.Headers["x-amz-content-sha256"].ToString();
        // As S3 does: a signed payload hash that does not match the bytes received is refused.
        if (declared.Length == 64 && declared != Convert.ToHexStringLower(SHA256.HashData(body)))
            return Error(StatusCodes.Status400BadRequest, "XAmzContentSHA256Mismatch");
        puts.Enqueue(new Put(context.Request.Path, body, declared, context.Request.Headers.Authorization));
        objects[context.Request.Path] = body;
        context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"";
        return Results.Ok();
    }

    IResult GetObject(HttpContext context)
    {
        if (!objects.TryGetValue(context.Request.Path, out var body))
            return HttpMethods.IsHead(context.Request.Method) ? Results.NotFound() : Error(StatusCodes.Status404NotFound, "NoSuchKey");
        context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentLength = body.Length;
            return Results.Empty;
        }
        return Results.Bytes(body, "application/octet-stream");
    }

    static IResult Error(int status, string code) => Results.Content(
        $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{code}</Message><RequestId>test</RequestId></Error>""",
        "application/xml", Encoding.UTF8, status);

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
