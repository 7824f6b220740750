namespace IpPlatform.Portal.Api;

// The office's bulk acts, the city's quota usage and the summary table's order, as Routing's APIs write them (camelCase).

/// <summary>What one bulk request did (Routing's <c>BulkResult</c>): the counts, and each item's outcome in request order.</summary>
public sealed record BulkResultView(int Total, int Succeeded, int Failed, IReadOnlyList<BulkItemView> Items);

/// <param name="Status">What the single endpoint would have answered for the item (200, 400, 403, 404, 409).</param>
/// <param name="CaseStatus">The case's status after the act, when it was carried out.</param>
/// <param name="Problem">Why it was not carried out, when it failed.</param>
public sealed record BulkItemView(Guid ApplicationId, int Status, string? CaseStatus, ProblemDocument? Problem)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>The city's recommendations per track of a call against its quota (Routing's <c>CitySummaryView</c>).</summary>
public sealed record CityQuotaView(string CallId, string CityCode, IReadOnlyList<TrackQuotaView> Tracks);

/// <param name="Limit">Null when the track is unlimited, or when the limit is not known yet (<paramref name="LimitUnknownReason"/> says why).</param>
public sealed record TrackQuotaView(string TrackId, int Used, int? Limit, string? LimitUnknownReason)
{
    public bool Unlimited => Limit is null && LimitUnknownReason is null;

    /// <summary>Places left; null when unlimited or unknown. Never below zero (a quota lowered after recommendations).</summary>
    public int? Free => Limit is int limit ? Math.Max(0, limit - Used) : null;
}

/// <summary>Moving one row of a summary table's track up or down (the city office arranges, then saves the whole order).</summary>
public static class SummaryOrder
{
    /// <summary>
    /// The order after <paramref name="move"/> (<c>"3:up"</c>, <c>"0:down"</c>: a row's position and the direction);
    /// a move off either end, or one that cannot be read, leaves the order as it was.
    /// </summary>
    public static List<Guid> Move(IReadOnlyList<Guid> order, string? move)
    {
        var result = order.ToList();
        if (move?.Split(':') is not [var position, var direction] || !int.TryParse(position, out var index)) return result;
        var other = direction switch { "up" => index - 1, "down" => index + 1, _ => -1 };
        if (index < 0 || index >= result.Count || other < 0 || other >= result.Count) return result;
        (result[index], result[other]) = (result[other], result[index]);
        return result;
    }
}
