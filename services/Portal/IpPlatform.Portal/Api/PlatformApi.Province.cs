using System.Net.Http.Json;

namespace IpPlatform.Portal.Api;

// The Review service's API as the province's pages call it (services/Review/IpPlatform.Review/Api/ReviewsApi.cs, DecisionsApi.cs).
public sealed partial class PlatformApi
{
    /// <summary>The reviews (applications forwarded to the province), optionally of one call and track.</summary>
    public async Task<IReadOnlyList<ProvinceReviewItem>> ProvinceReviewsAsync(string? callId, string? trackId, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<List<ProvinceReviewItem>>($"/api/reviews{ProvinceQuery(callId, trackId)}", Json, ct) ?? [];

    public Task<ProvinceReviewDetail?> ProvinceReviewAsync(Guid applicationId, CancellationToken ct = default) =>
        GetOrNullAsync<ProvinceReviewDetail>($"/api/reviews/{applicationId}", ct);

    /// <summary>
    /// The application (submission time, fingerprint, the document) as the review page adds it; null when intake does not
    /// answer it.
    /// </summary>
    public async Task<ReadApplication?> ProvinceApplicationAsync(Guid applicationId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/api/applications/{applicationId}", ct);
        // The review stands on its own: the page shows it without the application's facts rather than failing.
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReadApplication>(Json, ct) : null;
    }

    /// <summary>The files held for the application; null when intake does not answer them (the page shows none).</summary>
    public async Task<ExpertMaterials?> ProvinceMaterialsAsync(Guid applicationId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/api/applications/{applicationId}/materials", ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ExpertMaterials>(Json, ct) : null;
    }

    /// <summary>
    /// The track's division cancels an approval (取消立项资格); the applicant's credit record gets an entry of
    /// <paramref name="ground"/>, counting until <paramref name="expiresOn"/> (null: it does not expire).
    /// </summary>
    /// <param name="ground">A <c>CancellationGround</c> name; null or unknown lets the service name the field.</param>
    public Task<ProvinceResult<ProvinceReviewDetail>> CancelApprovalAsync(
        Guid applicationId, string? ground, string? reason, DateOnly? expiresOn, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceReviewDetail>($"/api/reviews/{applicationId}/cancellation", new { ground, reason, expiresOn }, ct);

    /// <summary>
    /// Each division's name by its code (Identity's public list, cached an hour by <see cref="RegionsAsync"/>); empty when
    /// Identity does not answer, so that a page shows codes rather than failing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RegionEntry>> RegionNamesAsync(CancellationToken ct = default)
    {
        try
        {
            return (await RegionsAsync(ct)).DistinctBy(r => r.Code).ToDictionary(r => r.Code);
        }
        catch (HttpRequestException)
        {
            return new Dictionary<string, RegionEntry>();
        }
    }

    public Task<ProvinceResult<ProvincePanelDraw>> DrawPanelAsync(Guid applicationId, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvincePanelDraw>($"/api/reviews/{applicationId}/panel", new { }, ct);

    public Task<ProvinceResult<ProvinceTrackDraw>> DrawTrackPanelsAsync(string callId, string trackId, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceTrackDraw>("/api/reviews/panels", new { callId, trackId }, ct);

    public Task<ProvinceResult<ProvinceReviewDetail>> ClosePanelAsync(Guid applicationId, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceReviewDetail>($"/api/reviews/{applicationId}/panel/close", new { }, ct);

    public Task<ProvinceResult<ProvinceReviewDetail>> ReturnFromReviewAsync(Guid applicationId, string? reason, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceReviewDetail>($"/api/reviews/{applicationId}/return", new { reason }, ct);

    /// <summary>One application decided alone: a collective decision of one (answered 202 with it), under publicity until finalised.</summary>
    /// <param name="decision"><c>Approved</c> or <c>Rejected</c>; null lets the service name the missing field.</param>
    public Task<ProvinceResult<ProvinceCollectiveDecision>> DecideAsync(Guid applicationId, string? decision, decimal? approvedAmountCny, string? reason, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceCollectiveDecision>($"/api/reviews/{applicationId}/decision", new { decision, approvedAmountCny, reason }, ct);

    /// <summary>A track's ranked list; null when the review service does not know the track.</summary>
    public Task<ProvinceTrackRanking?> RankingAsync(string callId, string trackId, CancellationToken ct = default) =>
        GetOrNullAsync<ProvinceTrackRanking>($"/api/reviews/ranking{ProvinceQuery(callId, trackId)}", ct);

    public Task<ProvinceResult<ProvinceCollectiveDecision>> RecordDecisionAsync(BatchDecisionRequest request, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceCollectiveDecision>("/api/reviews/decisions", request, ct);

    public async Task<IReadOnlyList<ProvinceCollectiveDecision>> DecisionsAsync(string? callId, string? trackId, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<List<ProvinceCollectiveDecision>>($"/api/reviews/decisions{ProvinceQuery(callId, trackId)}", Json, ct) ?? [];

    public Task<ProvinceCollectiveDecision?> DecisionAsync(Guid decisionId, CancellationToken ct = default) =>
        GetOrNullAsync<ProvinceCollectiveDecision>($"/api/reviews/decisions/{decisionId}", ct);

    public Task<ProvinceResult<ProvinceDecisionObjection>> RecordObjectionAsync(Guid decisionId, Guid? applicationId, string? objector, string? grounds, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceDecisionObjection>($"/api/reviews/decisions/{decisionId}/objections", new { applicationId, objector, grounds }, ct);

    /// <param name="outcome"><c>Upheld</c> or <c>Dismissed</c>.</param>
    public Task<ProvinceResult<ProvinceCollectiveDecision>> ResolveObjectionAsync(Guid decisionId, Guid objectionId, string? outcome, string? reason, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceCollectiveDecision>($"/api/reviews/decisions/{decisionId}/objections/{objectionId}/resolution", new { outcome, reason }, ct);

    public Task<ProvinceResult<ProvinceCollectiveDecision>> FinaliseDecisionAsync(Guid decisionId, CancellationToken ct = default) =>
        ProvinceSendAsync<ProvinceCollectiveDecision>($"/api/reviews/decisions/{decisionId}/finalisation", new { }, ct);

    static string ProvinceQuery(string? callId, string? trackId)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(callId)) parts.Add("callId=" + Uri.EscapeDataString(callId));
        if (!string.IsNullOrWhiteSpace(trackId)) parts.Add("trackId=" + Uri.EscapeDataString(trackId));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A POST whose answer the page shows (the draw, the decision); a refusal as its problem document.</summary>
    async Task<ProvinceResult<T>> ProvinceSendAsync<T>(string path, object body, CancellationToken ct) where T : class
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, ct);
        if (!response.IsSuccessStatusCode) return new(null, await OutcomeOf(response, ct));
        var value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
        return new(value, new ApiOutcome((int)response.StatusCode, null));
    }
}

/// <summary>A collective decision on a batch of one track (POST /api/reviews/decisions).</summary>
public sealed record BatchDecisionRequest(
    string? CallId, string? TrackId, DateOnly? MeetingDate, IReadOnlyList<string> Participants, IReadOnlyList<BatchApproval> Approved,
    IReadOnlyList<BatchRejection> Rejected);
public sealed record BatchApproval(Guid? ApplicationId, decimal? AmountCny, string? Remarks);
public sealed record BatchRejection(Guid? ApplicationId, string? Reason);
