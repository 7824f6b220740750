using System.Net.Http.Json;

namespace IpPlatform.Portal.Api;

/// <summary>The expert's calls to the review service (and to intake for what the expert reads of an application).</summary>
public sealed partial class PlatformApi
{
    /// <summary>The applications the signed-in expert was drawn for (the review service filters by the expert).</summary>
    public async Task<IReadOnlyList<ExpertReviewItem>> ExpertReviewsAsync(CancellationToken ct = default) =>
        await http.GetFromJsonAsync<List<ExpertReviewItem>>("/api/reviews", Json, ct) ?? [];

    /// <summary>The review as the service shows it to this expert; null when the expert was not drawn for it.</summary>
    public Task<ExpertReview?> ExpertReviewAsync(Guid applicationId, CancellationToken ct = default) =>
        GetOrNullAsync<ExpertReview>($"/api/reviews/{applicationId}", ct);

    public Task<ExpertMaterials?> ExpertMaterialsAsync(Guid applicationId, CancellationToken ct = default) =>
        GetOrNullAsync<ExpertMaterials>($"/api/applications/{applicationId}/materials", ct);

    /// <summary>One material file, as the service answers it (the caller streams it on or passes the status).</summary>
    public Task<HttpResponseMessage> MaterialFileAsync(Guid applicationId, Guid fileId, CancellationToken ct = default) =>
        http.GetAsync($"/api/applications/{applicationId}/materials/{fileId}/content", HttpCompletionOption.ResponseHeadersRead, ct);

    /// <summary>Records or revises the expert's points on the track's sheet.</summary>
    public Task<ApiOutcome> ExpertScoreAsync(Guid applicationId, IReadOnlyDictionary<string, decimal> points, string? comment, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/reviews/{applicationId}/scores", new { points, comment }, ct);

    public Task<ApiOutcome> ExpertDeclineAsync(Guid applicationId, string? reason, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/api/reviews/{applicationId}/panel/decline", new { reason }, ct);
}
