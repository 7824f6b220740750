using System.Net.Http.Json;

namespace IpPlatform.Portal.Api;

/// <summary>The offices' extras: many applications at once, the city's quota usage, the summary table's order.</summary>
public sealed partial class PlatformApi
{
    /// <summary>
    /// Recommends (or returns) each application with the same opinion (or reason) in one request. The result lists every
    /// item's outcome; a 400 for the request as a whole (no items, too many, repeated) comes back as the outcome.
    /// </summary>
    public async Task<(BulkResultView? Result, ApiOutcome Outcome)> BulkActAsync(bool recommend, IReadOnlyList<Guid> applicationIds, string? text, CancellationToken ct = default)
    {
        object body = recommend
            ? new { items = applicationIds.Select(id => new { applicationId = id, opinion = text }) }
            : new { items = applicationIds.Select(id => new { applicationId = id, reason = text }) };
        using var response = await http.PostAsJsonAsync(recommend ? "/api/routing/recommendations" : "/api/routing/returns", body, Json, ct);
        if (response.IsSuccessStatusCode)
            return (await response.Content.ReadFromJsonAsync<BulkResultView>(Json, ct), ApiOutcome.Success);
        return (null, await OutcomeOf(response, ct));
    }

    /// <summary>The city's recommendations per track of a call against its quota; null when Routing does not know the call.</summary>
    public Task<CityQuotaView?> CityQuotaAsync(string callId, string cityCode, CancellationToken ct = default) =>
        GetOrNullAsync<CityQuotaView>($"/api/routing/cities/{Uri.EscapeDataString(cityCode)}/summary?callId={Uri.EscapeDataString(callId)}", ct);

    /// <summary>Sets the order of a track's rows in the city's summary table (every forwarded application, once).</summary>
    public Task<ApiOutcome> OrderSummaryTableAsync(string callId, string cityCode, string trackId, IReadOnlyList<Guid> applicationIds, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put,
            $"/api/routing/summary-tables/{Uri.EscapeDataString(callId)}/{Uri.EscapeDataString(cityCode)}/{Uri.EscapeDataString(trackId)}/order",
            new { applicationIds }, ct);
}
