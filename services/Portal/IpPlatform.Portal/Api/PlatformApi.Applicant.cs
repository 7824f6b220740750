using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;

namespace IpPlatform.Portal.Api;

// The applicant's screens: registration, the draft, its precheck, its materials and its submission.
public sealed partial class PlatformApi
{
    /// <summary>
    /// The person's access token for calls made from an interactive page: a circuit has no request whose session
    /// cookie the token handler could read, so the page carries the token over from its first (server) render.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>Jiangsu's divisions an applicant may be located in (public).</summary>
    public async Task<IReadOnlyList<RegionOption>> ApplicantRegionsAsync(CancellationToken ct = default) =>
        await cache.GetOrCreateAsync("applicant:regions", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1); // the GB/T 2260 table changes by decree, not by the hour
            return (IReadOnlyList<RegionOption>)(await http.GetFromJsonAsync<List<RegionOption>>("/api/identity/regions", Json, ct) ?? []);
        }) ?? [];

    /// <summary>A unit registers itself (public): success, or the problem with its field errors (or 409 already registered).</summary>
    public Task<ApiOutcome> RegisterApplicantAsync(ApplicantRegistration registration, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "/api/identity/applicants", registration, ct);

    /// <summary>The signed-in account; null when identity does not answer it (a form then starts blank).</summary>
    public async Task<ApplicantAccount?> ApplicantAccountAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync("/api/identity/me", ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ApplicantAccount>(Json, ct) : null;
    }

    /// <summary>A call's whole document (what each track asks for), public, reused for <see cref="PublishedCallsFor"/>; null when not published.</summary>
    public async Task<CallDocumentView?> CallForDraftAsync(string id, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync("applicant:call-document:" + id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PublishedCallsFor;
            return await GetOrNullAsync<CallDocumentView>($"/api/eligibility/calls/{Uri.EscapeDataString(id)}", ct);
        });

    /// <summary>Creates the draft (no id yet) or replaces its document; the saved draft, or the problem.</summary>
    public async Task<(DraftSaved? Saved, ApiOutcome Outcome)> SaveDraftAsync(Guid? id, JsonObject document, CancellationToken ct = default)
    {
        using var request = Authorized(id is null ? HttpMethod.Post : HttpMethod.Put,
            id is null ? "/api/applications" : $"/api/applications/{id}");
        request.Content = JsonContent.Create(document, options: Json);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) return (null, await OutcomeOf(response, ct));
        return (await response.Content.ReadFromJsonAsync<DraftSaved>(Json, ct), ApiOutcome.Success);
    }

    /// <summary>Eligibility's precheck of the document as it stands (public, stores nothing).</summary>
    public async Task<(PrecheckOutcome? View, ApiOutcome Outcome)> PrecheckAsync(JsonObject document, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("/api/eligibility/precheck", document, Json, ct);
        if (!response.IsSuccessStatusCode) return (null, await OutcomeOf(response, ct));
        return (await response.Content.ReadFromJsonAsync<PrecheckOutcome>(Json, ct), ApiOutcome.Success);
    }

    /// <summary>
    /// The person's own application with its document as intake stores it (a draft's current document): null when it
    /// is not theirs. A 401 (the token expired) is thrown as <see cref="HttpRequestException"/> with its status.
    /// </summary>
    public async Task<DraftView?> DraftAsync(Guid id, CancellationToken ct = default)
    {
        using var request = Authorized(HttpMethod.Get, $"/api/applications/{id}");
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DraftView>(Json, ct);
    }

    /// <summary>
    /// The applicant's own application for its detail page, read once: the view (status, decision, timeline) and the
    /// stored document as the shared content component shows it; null when it does not exist for this person.
    /// </summary>
    public async Task<(ApplicationView View, ContentDocument? Document)?> OwnApplicationAsync(Guid id, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/api/applications/{id}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var node = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
        if (node?.Deserialize<ApplicationView>(Json) is not { } view) return null;
        return (view, node["document"]?.Deserialize<ContentDocument>(Json));
    }

    /// <summary>The draft's materials and files; null when the application is not the person's.</summary>
    public async Task<DraftMaterials?> DraftMaterialsAsync(Guid id, CancellationToken ct = default)
    {
        using var request = Authorized(HttpMethod.Get, $"/api/applications/{id}/materials");
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DraftMaterials>(Json, ct);
    }

    /// <summary>
    /// Streams a file to one of the draft's materials (a new file, or in place of <paramref name="replacing"/>),
    /// reporting the bytes sent so far; the service's refusal (413, 415, 409, 400) as the outcome.
    /// </summary>
    /// <remarks>Sent through <paramref name="uploads"/>, the client without retries or a per-attempt timeout
    /// (<see cref="MaterialUploads"/>): a file's stream cannot be sent twice.</remarks>
    public async Task<ApiOutcome> UploadMaterialAsync(MaterialUploads uploads, Guid id, string materialId, Guid? replacing, Stream content, string fileName,
        long length, IProgress<long> sent, CancellationToken ct = default)
    {
        var path = $"/api/applications/{id}/materials/{Uri.EscapeDataString(materialId)}" + (replacing is { } fileId ? $"/{fileId}" : "");
        using var request = Authorized(replacing is null ? HttpMethod.Post : HttpMethod.Put, path);
        var file = new StreamContent(new ProgressStream(content, sent), 64 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); // intake sniffs the type from the bytes
        file.Headers.ContentLength = length;
        request.Content = new MultipartFormDataContent { { file, "file", fileName } };
        using var response = await uploads.Http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? ApiOutcome.Success : await OutcomeOf(response, ct);
    }

    public async Task<ApiOutcome> RemoveMaterialAsync(Guid id, string materialId, Guid fileId, CancellationToken ct = default)
    {
        using var request = Authorized(HttpMethod.Delete, $"/api/applications/{id}/materials/{Uri.EscapeDataString(materialId)}/{fileId}");
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? ApiOutcome.Success : await OutcomeOf(response, ct);
    }

    /// <summary>Submits the draft: success, or the problem (the incomplete fields, a refusal after the deadline).</summary>
    public async Task<ApiOutcome> SubmitDraftAsync(Guid id, CancellationToken ct = default)
    {
        using var request = Authorized(HttpMethod.Post, $"/api/applications/{id}/submit");
        request.Content = JsonContent.Create(new { }, options: Json);
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? ApiOutcome.Success : await OutcomeOf(response, ct);
    }

    HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (BearerToken is { Length: > 0 } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>A read-only stream that reports how many bytes have been read from it (i.e. sent on).</summary>
    sealed class ProgressStream(Stream inner, IProgress<long> sent) : Stream
    {
        long total;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        int Count(int read)
        {
            total += read;
            if (read > 0) sent.Report(total);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// The HTTP client material files are uploaded with (through the gateway): no standard resilience handler, so neither
/// its 10-second attempt timeout (a 60 MiB file on a slow link takes minutes) nor its retries (a file's stream is read
/// once; a second attempt would send nothing or half); one generous overall timeout instead.
/// </summary>
public sealed class MaterialUploads(HttpClient http)
{
    /// <summary>The longest one upload may take, end to end.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public HttpClient Http => http;
}
