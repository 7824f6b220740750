using System.Net.Http.Json;

namespace IpPlatform.Portal.Api;

/// <summary>How offices and experts read applications: the filtered worklist, the application with its document, the call's names.</summary>
public sealed partial class PlatformApi
{
    /// <summary>One page of the office's worklist, filtered by intake (<see cref="WorklistFilter.Query"/>).</summary>
    public async Task<ApplicationPage> WorklistAsync(int page, int pageSize, string? status, string? track, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<ApplicationPage>(WorklistFilter.Query(page, pageSize, status, track), Json, ct)
        ?? new ApplicationPage([], page, pageSize, 0);

    /// <summary>The application with its document; null when it does not exist for this person.</summary>
    public Task<ReadApplication?> ReadApplicationAsync(Guid id, CancellationToken ct = default) =>
        GetOrNullAsync<ReadApplication>($"/api/applications/{id}", ct);

    /// <summary>
    /// The call an application was submitted under (its <paramref name="version"/>), else the current one, for the names of
    /// its tasks and the units of its targets; null when the eligibility service knows neither.
    /// </summary>
    public async Task<ContentCall?> ContentCallAsync(string callId, int? version, CancellationToken ct = default)
    {
        var id = Uri.EscapeDataString(callId);
        if (version is { } v && await GetOrNullAsync<ContentCallVersion>($"/api/eligibility/calls/{id}/versions/{v}", ct) is { } submitted)
            return submitted.Call;
        return await GetOrNullAsync<ContentCall>($"/api/eligibility/calls/{id}", ct);
    }
}
