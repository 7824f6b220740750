using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace IpPlatform.Portal.Api;

/// <summary>
/// The services' APIs as the signed-in person may call them: through the gateway (the platform's public address),
/// with that person's access token. The portal has no other way into any service's data.
/// </summary>
public sealed partial class PlatformApi(HttpClient http, IMemoryCache cache)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How long the published calls are reused. Nearly every page names tracks from them, and the gateway counts the
    /// public calls endpoint against one bucket per client address, which for the portal is all its users together; a
    /// call's correction shows within this time.
    /// </summary>
    public static readonly TimeSpan PublishedCallsFor = TimeSpan.FromSeconds(30);

    /// <summary>The published calls (public, the same for everyone), fetched at most once per <see cref="PublishedCallsFor"/>.</summary>
    public async Task<IReadOnlyList<CallSummary>> CallsAsync(CancellationToken ct = default) =>
        await cache.GetOrCreateAsync("published-calls", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PublishedCallsFor;
            return (IReadOnlyList<CallSummary>)(await http.GetFromJsonAsync<List<CallSummary>>("/api/eligibility/calls", Json, ct) ?? []);
        }) ?? [];

    /// <summary>Each published track's name (<c>programmeZh</c>) by <see cref="TrackKey"/>, for lists that carry only ids.</summary>
    public async Task<Dictionary<string, string>> TrackNamesAsync(CancellationToken ct = default) =>
        (await CallsAsync(ct)).SelectMany(c => c.Tracks.Select(t => (Key: TrackKey(c.Id, t.Id), t.ProgrammeZh)))
            .DistinctBy(t => t.Key).ToDictionary(t => t.Key, t => t.ProgrammeZh);

    public static string TrackKey(string callId, string trackId) => $"{callId}/{trackId}";

    /// <summary>A call's tracks with their deadlines to the minute and the notice's contacts.</summary>
    public Task<CallDetail?> CallAsync(string id, CancellationToken ct = default) =>
        GetOrNullAsync<CallDetail>($"/api/eligibility/calls/{Uri.EscapeDataString(id)}", ct);

    /// <summary>The first <paramref name="pageSize"/> applications the person may read (own, or in the office's jurisdiction).</summary>
    public async Task<ApplicationPage> ApplicationsAsync(int page = 1, int pageSize = 100, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<ApplicationPage>($"/api/applications?page={page}&pageSize={pageSize}", Json, ct)
        ?? new ApplicationPage([], page, pageSize, 0);

    /// <summary>Null when it does not exist for this person (another applicant's, outside the office's jurisdiction).</summary>
    public Task<ApplicationView?> ApplicationAsync(Guid id, CancellationToken ct = default) =>
        GetOrNullAsync<ApplicationView>($"/api/applications/{id}", ct);

    /// <summary>The routing case; null outside the office's jurisdiction.</summary>
    public Task<CaseView?> CaseAsync(Guid id, CancellationToken ct = default) =>
        GetOrNullAsync<CaseView>($"/api/routing/{id}", ct);

    public Task<ApiOutcome> RecommendAsync(Guid id, string? opinion, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/routing/{id}/recommend", new { opinion }, ct);

    public Task<ApiOutcome> ReturnAsync(Guid id, string? reason, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/routing/{id}/return", new { reason }, ct);

    /// <summary>The printed form, as the service answers it (the caller streams it on or shows the problem).</summary>
    public Task<HttpResponseMessage> FormPdfAsync(Guid id, CancellationToken ct = default) =>
        http.GetAsync($"/api/applications/{id}/form.pdf", HttpCompletionOption.ResponseHeadersRead, ct);

    /// <summary>
    /// The application a typed fingerprint identifies: the view, or null with the outcome (404 unknown or outside the
    /// jurisdiction, 400 malformed with the field's message).
    /// </summary>
    public async Task<(VerificationView? View, ApiOutcome Outcome)> VerifyAsync(string fingerprint, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/api/applications/verification/{Uri.EscapeDataString(fingerprint)}", ct);
        if (response.IsSuccessStatusCode)
            return (await response.Content.ReadFromJsonAsync<VerificationView>(Json, ct), ApiOutcome.Success);
        return (null, await OutcomeOf(response, ct));
    }

    public Task<ApiOutcome> RecordPaperCopyAsync(Guid id, DateOnly? receivedOn, int? copies, bool? matches, string? reason, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/applications/{id}/paper-copy", new { receivedOn, copies, matches, reason }, ct);

    /// <summary>The city's summary table of a call; null when routing does not know the call.</summary>
    public Task<SummaryTableView?> SummaryTableAsync(string callId, string cityCode, CancellationToken ct = default) =>
        GetOrNullAsync<SummaryTableView>($"/api/routing/summary-tables/{Uri.EscapeDataString(callId)}/{Uri.EscapeDataString(cityCode)}", ct);

    /// <summary>The summary table as <paramref name="extension"/> (<c>xlsx</c> or <c>pdf</c>), as the service answers it.</summary>
    public Task<HttpResponseMessage> SummaryTableFileAsync(string callId, string cityCode, string extension, CancellationToken ct = default) =>
        http.GetAsync($"/api/routing/summary-tables/{Uri.EscapeDataString(callId)}/{Uri.EscapeDataString(cityCode)}.{extension}",
            HttpCompletionOption.ResponseHeadersRead, ct);

    public Task<ApiOutcome> DeliverSummaryTableAsync(string callId, string cityCode, string trackId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post,
            $"/api/routing/summary-tables/{Uri.EscapeDataString(callId)}/{Uri.EscapeDataString(cityCode)}/{Uri.EscapeDataString(trackId)}/delivery",
            new { }, ct);

    async Task<T?> GetOrNullAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var response = await http.GetAsync(path, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    async Task<ApiOutcome> SendAsync(HttpMethod method, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode ? ApiOutcome.Success : await OutcomeOf(response, ct);
    }

    static async Task<ApiOutcome> OutcomeOf(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json"
            ? await response.Content.ReadFromJsonAsync<ProblemDocument>(Json, ct)
            : null;
        return new ApiOutcome((int)response.StatusCode, problem);
    }
}

/// <summary>What a write answered: success, or the problem document (RFC 9457) with its field errors.</summary>
public sealed record ApiOutcome(int Status, ProblemDocument? Problem)
{
    public static readonly ApiOutcome Success = new(200, null);
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The messages for one field, by the problem document's field name.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Problem?.Errors is { } errors && errors.TryGetValue(field, out var messages) ? messages : [];
}

public sealed record ProblemDocument(string? Type, string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);

/// <summary>Adds the signed-in person's access token (kept in the session cookie) to every call.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync("access_token") is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}

public static class PlatformApiRegistration
{
    /// <summary>
    /// The gateway's address: <c>Portal:GatewayUrl</c>, else the issuer (which is the gateway's public address).
    /// </summary>
    public static void AddPlatformApi(this IHostApplicationBuilder builder)
    {
        var gateway = builder.Configuration["Portal:GatewayUrl"] is { Length: > 0 } url ? url
            : builder.Configuration[PlatformAuthentication.IssuerKey] is { Length: > 0 } issuer ? issuer : PlatformAuthentication.DefaultIssuer;
        builder.Services.AddMemoryCache();
        builder.Services.AddTransient<AccessTokenHandler>();
        builder.Services.AddHttpClient<PlatformApi>(client =>
            {
                client.BaseAddress = new Uri(gateway);
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<AccessTokenHandler>();
    }
}
