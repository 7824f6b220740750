using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;

namespace IpPlatform.Portal.Api;

/// <summary>The administrator's calls: identity's accounts, the calls' publication, routing's city figures, the history import, the audit checks.</summary>
public sealed partial class PlatformApi
{
    /// <summary>Each service that keeps an audit chain, by the gateway prefix under which it maps <c>audit/verify</c>.</summary>
    public static readonly IReadOnlyList<(string Service, string Prefix)> AuditedServices =
    [
        ("identity", "/api/identity"),
        ("intake", "/api/applications"),
        ("eligibility", "/api/eligibility"),
        ("routing", "/api/routing"),
        ("review", "/api/reviews"),
        ("funding", "/api/funding"),
        ("monitoring", "/api/monitoring"),
        ("delivery", "/api/webhooks"),
    ];

    /// <summary>The accounts, all or of one role, by user name.</summary>
    public async Task<IReadOnlyList<AdminAccount>> AccountsAsync(string? role, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<List<AdminAccount>>(
            role is { Length: > 0 } ? $"/api/identity/accounts?role={Uri.EscapeDataString(role)}" : "/api/identity/accounts", Json, ct) ?? [];

    public Task<ApiOutcome> CreateStaffAccountAsync(StaffAccountRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "/api/identity/accounts", request, ct);

    public Task<ApiOutcome> DeactivateAccountAsync(string userName, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/identity/accounts/{Uri.EscapeDataString(userName)}/deactivate", new { }, ct);

    public Task<ApiOutcome> ReactivateAccountAsync(string userName, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/identity/accounts/{Uri.EscapeDataString(userName)}/reactivate", new { }, ct);

    /// <summary>Jiangsu's divisions (public), for the office a staff account is bound to and the cities' figures.</summary>
    public async Task<IReadOnlyList<RegionEntry>> RegionsAsync(CancellationToken ct = default) =>
        await cache.GetOrCreateAsync("regions", async entry =>
        {
            // The divisions change with a new GB/T 2260 edition, not between page views.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
            return (IReadOnlyList<RegionEntry>)(await http.GetFromJsonAsync<List<RegionEntry>>("/api/identity/regions", Json, ct) ?? []);
        }) ?? [];

    /// <summary>Every version of a call, oldest first; empty when the call is unknown.</summary>
    public async Task<IReadOnlyList<CallVersionEntry>> CallVersionsAsync(string id, CancellationToken ct = default) =>
        await GetOrNullAsync<List<CallVersionEntry>>($"/api/eligibility/calls/{Uri.EscapeDataString(id)}/versions", ct) ?? [];

    public Task<CallVersionDocument?> CallVersionAsync(string id, int version, CancellationToken ct = default) =>
        GetOrNullAsync<CallVersionDocument>($"/api/eligibility/calls/{Uri.EscapeDataString(id)}/versions/{version}", ct);

    /// <summary>The differences between two calls named <c>id</c> or <c>id@version</c>; null with the outcome when refused or unknown.</summary>
    public async Task<(CallDiff? Diff, ApiOutcome Outcome)> CallDiffAsync(string from, string to, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/api/eligibility/calls/diff?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", ct);
        if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<CallDiff>(Json, ct), ApiOutcome.Success);
        // An unknown call is answered with a plain JSON string naming it, not a problem document.
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var detail = text.StartsWith('"') ? System.Text.Json.JsonSerializer.Deserialize<string>(text) : null;
            return (null, new ApiOutcome(404, new ProblemDocument(null, null, detail, 404, null)));
        }
        return (null, await OutcomeOf(response, ct));
    }

    /// <summary>Publishes a new call document as it is (201 a new call; 200 the same content was already published).</summary>
    public Task<(CallVersionEntry? Version, ApiOutcome Outcome)> PublishCallAsync(JsonNode call, CancellationToken ct = default) =>
        PostForVersionAsync("/api/eligibility/calls", call, ct);

    /// <summary>Publishes a correction of call <paramref name="id"/> as its next version, with the reason.</summary>
    public Task<(CallVersionEntry? Version, ApiOutcome Outcome)> CorrectCallAsync(string id, string? reason, JsonNode call, CancellationToken ct = default) =>
        PostForVersionAsync($"/api/eligibility/calls/{Uri.EscapeDataString(id)}/versions", new JsonObject { ["reason"] = reason, ["call"] = call.DeepClone() }, ct);

    async Task<(CallVersionEntry?, ApiOutcome)> PostForVersionAsync(string path, JsonNode body, CancellationToken ct)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content, ct);
        if (!response.IsSuccessStatusCode) return (null, await OutcomeOf(response, ct));
        // The published calls are cached; a new version shows on the next view of this portal instance at once.
        cache.Remove("published-calls");
        return (await response.Content.ReadFromJsonAsync<CallVersionEntry>(Json, ct), new ApiOutcome((int)response.StatusCode, null));
    }

    /// <summary>A city's quota use per track of a call; null when routing does not know the call.</summary>
    public Task<CityQuotas?> CityQuotasAsync(string cityCode, string callId, CancellationToken ct = default) =>
        GetOrNullAsync<CityQuotas>($"/api/routing/cities/{Uri.EscapeDataString(cityCode)}/summary?callId={Uri.EscapeDataString(callId)}", ct);

    public Task<ApiOutcome> PutCityFiguresAsync(string cityCode, string? callId, int? inventionGrantsLastYear, bool? incentiveRegion, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"/api/routing/cities/{Uri.EscapeDataString(cityCode)}/figures",
            new { callId, inventionGrantsLastYear, incentiveRegion }, ct);

    /// <summary>Imports pre-platform projects from CSV text (all rows or none); the refusal names each bad line.</summary>
    public async Task<(HistoryImportResult? Result, ApiOutcome Outcome)> ImportProjectsAsync(string csv, CancellationToken ct = default)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PostAsync("/api/eligibility/history/projects/import", content, ct);
        if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<HistoryImportResult>(Json, ct), ApiOutcome.Success);
        return (null, await OutcomeOf(response, ct));
    }

    /// <summary>Records an entry in a unit's credit record (kind as eligibility names it, e.g. <c>Falsification</c>).</summary>
    public Task<ApiOutcome> AddCreditEntryAsync(string? creditCode, string? kind, DateOnly? recordedOn, DateOnly? expiresOn, string? reason, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "/api/eligibility/history/credit-entries", new { creditCode, kind, recordedOn, expiresOn, reason }, ct);

    /// <summary>
    /// One service's audit verification. A service that cannot be reached or refuses is a result too (status 0 or its
    /// status), so one service down does not hide the others' answers.
    /// </summary>
    public async Task<AuditServiceResult> VerifyAuditAsync(string service, string prefix, CancellationToken ct = default)
    {
        try
        {
            using var response = await http.GetAsync($"{prefix}/audit/verify", ct);
            return response.IsSuccessStatusCode
                ? new AuditServiceResult(service, prefix, await response.Content.ReadFromJsonAsync<AuditCheck>(Json, ct), (int)response.StatusCode)
                : new AuditServiceResult(service, prefix, null, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return new AuditServiceResult(service, prefix, null, 0);
        }
    }

    /// <summary>Whether a status is a service that is not there (gateway: no route, or the service down).</summary>
    public static bool Unavailable(int status) => status is 0 or (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout;
}
