using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using IpPlatform.Portal.Texts;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Memory;

namespace IpPlatform.Portal.Api;

/// <summary>
/// The services' APIs as the signed-in person may call them: through the gateway (the platform's public address),
/// with that person's access token. The portal has no other way into any service's data.
/// Every problem document read from an answer (a refusal, or a bulk item's reason) comes in the person's language
/// (<see cref="ProblemDocument.In"/>): <paramref name="texts"/> is the scoped words of the request or circuit that
/// asked for this client.
/// </summary>
public sealed partial class PlatformApi(HttpClient http, IMemoryCache cache, PortalTexts texts)
{
    /// <summary>The answers' JSON options, in the person's language (one set per language, built once).</summary>
    JsonSerializerOptions Json => OptionsByLanguage.GetValue(texts, ProblemsIn);

    static readonly ConditionalWeakTable<PortalTexts, JsonSerializerOptions> OptionsByLanguage = new();

    static JsonSerializerOptions ProblemsIn(PortalTexts language) =>
        new(JsonSerializerDefaults.Web) { Converters = { new ProblemConverter(language) } };

    /// <summary>
    /// Reads a problem document wherever one appears in an answer (the body of a refusal, an item of a bulk result)
    /// and puts it in the person's language, so no page or model has to.
    /// </summary>
    sealed class ProblemConverter(PortalTexts language) : JsonConverter<ProblemDocument>
    {
        // Without this converter: the document as the service wrote it.
        static readonly JsonSerializerOptions AsWritten = new(JsonSerializerDefaults.Web);

        public override ProblemDocument? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<ProblemDocument>(ref reader, AsWritten)?.In(language);

        public override void Write(Utf8JsonWriter writer, ProblemDocument value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, AsWritten);
    }

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

    async Task<ApiOutcome> OutcomeOf(HttpResponseMessage response, CancellationToken ct)
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

/// <summary>
/// A service's problem document (RFC 9457). Read through <see cref="PlatformApi"/>, <see cref="Detail"/> and
/// <see cref="Title"/> are in the person's language when the portal has words for the refusal's <see cref="Code"/>
/// (<c>problem.&lt;code&gt;</c>) and its status (<c>problem.status.&lt;status&gt;</c>); otherwise they are the service's.
/// </summary>
/// <param name="Code">The refusal's stable code (the <c>code</c> member, else the last segment of the platform's problem <c>type</c>).</param>
public sealed record ProblemDocument(string? Type, string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors, string? Code = null)
{
    /// <summary>The platform's problem types end in the code: <c>https://ipplatform.jiangsu.example/problems/&lt;code&gt;</c>.</summary>
    public const string TypeBase = "https://ipplatform.jiangsu.example/problems/";

    /// <summary>The detail as the service wrote it (English, often naming ids and figures), whatever <see cref="Detail"/> shows.</summary>
    public string? ServiceDetail { get; init; }

    /// <summary>The title as the service wrote it.</summary>
    public string? ServiceTitle { get; init; }

    /// <summary>The code, from the <c>code</c> member or else the platform's problem type; null for other problems (e.g. validation).</summary>
    public string? RefusalCode => Code is { Length: > 0 } code ? code
        : Type is { } type && type.StartsWith(TypeBase, StringComparison.Ordinal) && type.Length > TypeBase.Length ? type[TypeBase.Length..]
        : null;

    /// <summary>
    /// This problem in <paramref name="texts"/>' language: the code's words as the detail and the status's words as the
    /// title, each only where there are words (else the service's text stays); the service's texts kept beside them.
    /// </summary>
    public ProblemDocument In(PortalTexts texts)
    {
        // Already translated: the service's texts are kept once, never overwritten by a translation.
        if (ServiceDetail is not null || ServiceTitle is not null) return this;
        return this with
        {
            Detail = WordsFor(texts, RefusalCode is { } code ? "problem." + code : null) ?? Detail,
            Title = WordsFor(texts, Status is { } status ? "problem.status." + status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null) ?? Title,
            ServiceDetail = Detail,
            ServiceTitle = Title,
        };
    }

    // PortalTexts answers a missing key with the key itself.
    static string? WordsFor(PortalTexts texts, string? key) => key is not null && texts[key] is var text && text != key ? text : null;
}

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

/// <summary>
/// Names the person's own address (as the portal received it, after the gateway's <c>X-Forwarded-For</c>) on every call
/// the portal makes for them. The portal calls the gateway for all its users from one address; the gateway trusts this
/// header from the portal (a trusted proxy) and so limits each person's prechecks and sign-ins in their own bucket.
/// Without a request (a background call) the header is left out and the portal's own address counts.
/// </summary>
public sealed class ClientAddressHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    public const string HeaderName = "X-Forwarded-For";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(HeaderName); // one address, the person's; never a chain a browser wrote
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
            request.Headers.TryAddWithoutValidation(HeaderName, address.ToString());
        return base.SendAsync(request, cancellationToken);
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
        builder.Services.AddTransient<ClientAddressHandler>();
        builder.Services.AddHttpClient<PlatformApi>(client =>
            {
                client.BaseAddress = new Uri(gateway);
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<AccessTokenHandler>()
            .AddHttpMessageHandler<ClientAddressHandler>();
        // Material uploads: the defaults' resilience handler removed (see MaterialUploads), the token added by the caller.
#pragma warning disable EXTEXP0001 // the only way to take back the handler ServiceDefaults adds to every client
        builder.Services.AddHttpClient<MaterialUploads>(client =>
            {
                client.BaseAddress = new Uri(gateway);
                client.Timeout = MaterialUploads.Timeout;
            })
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<ClientAddressHandler>();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<IpPlatform.Portal.Applicant.TokenRelay>();
        // Sign-in's code exchange and the token refresh go to the gateway's public token endpoint as well.
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IHttpContextAccessor>((o, accessor) =>
                o.BackchannelHttpHandler ??= new ClientAddressHandler(accessor) { InnerHandler = new HttpClientHandler() });
    }
}
