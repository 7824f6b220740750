using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Review.Reviews;

/// <summary>One line of a track's ranking.</summary>
/// <param name="Rank">1 for the best result; equal results and priority share a rank.</param>
/// <param name="Priority">True when the panel gave bonus points (优先支持) on average.</param>
/// <param name="ApprovedAmountCny">The amount approved: finally, or in a decision under publicity (<paramref name="Provisional"/>).</param>
/// <param name="RunningApprovedCny">Approved amounts of this line and the lines above it.</param>
/// <param name="WithinLimits">False from the line whose approval would pass the track's budget or number.</param>
/// <param name="ProjectName">The project's name, from the application.</param>
/// <param name="RequestedCny">Provincial funds the application requested; null when it did not say.</param>
/// <param name="RunningRequestedCny">Requested amounts of this line and the lines above it (a line that requested nothing counts 0).</param>
/// <param name="RunningRequested">Lines counted so far, this one included: the number approved if every line down to here were.</param>
/// <param name="RequestedWithinLimits">
/// False from the line where granting every request down to it would pass the track's budget or number: where the
/// money or the number runs out.
/// </param>
/// <param name="Provisional">True while the approval or rejection is in a collective decision under publicity.</param>
/// <param name="DecisionId">The collective decision the application is in or was decided by.</param>
public sealed record RankingLine(
    int Rank, Guid ApplicationId, string? ApplicantName, string? RegionCode, string Status, decimal? Result, decimal? Spread, int ScoreCount,
    bool Priority, decimal? ApprovedAmountCny, decimal RunningApprovedCny, int RunningApprovals, bool WithinLimits,
    string? ProjectName = null, decimal? RequestedCny = null, decimal RunningRequestedCny = 0, int RunningRequested = 0,
    bool RequestedWithinLimits = true, bool Provisional = false, Guid? DecisionId = null);

/// <summary>
/// A track's ranked list for the collective decision (集体决策): cases whose panel closed, best result first, a
/// priority before a non-priority on equal results, with the running totals of approvals and of requested amounts
/// against the call's budget and number limits.
/// </summary>
public static class Ranking
{
    /// <param name="pending">The lines of collective decisions under publicity, by application.</param>
    public static IReadOnlyList<RankingLine> Of(
        IEnumerable<ReviewCase> reviews, IReadOnlyDictionary<Guid, KnownApplicant> applicants, ReviewRules rules,
        IReadOnlyDictionary<Guid, DecisionItem>? pending = null)
    {
        var ranked = reviews
            .Where(r => r.Status is ReviewStatus.PanelClosed or ReviewStatus.InPublicity or ReviewStatus.Decided)
            .Select(r => (Review: r, Panel: r.Result(rules), Priority: r.Scores.Count > 0 && r.Scores.Average(s => s.BonusPoints) > 0))
            .OrderByDescending(x => x.Panel.Result ?? decimal.MinValue).ThenByDescending(x => x.Priority).ThenBy(x => x.Review.ApplicationId)
            .ToList();
        var lines = new List<RankingLine>();
        decimal running = 0, requestedRunning = 0;
        var approvals = 0;
        bool Within(decimal amount, int count) =>
            (rules.BudgetCny is not { } budget || amount <= budget) && (rules.MaxApprovals is not { } max || count <= max);
        for (var i = 0; i < ranked.Count; i++)
        {
            var (review, panel, priority) = ranked[i];
            var item = review.Status == ReviewStatus.InPublicity ? pending?.GetValueOrDefault(review.ApplicationId) : null;
            var approved = review.Status == ReviewStatus.Decided && review.Decision == ProvincialDecision.Approved ? review.ApprovedAmountCny
                : item is { Outcome: ProvincialDecision.Approved } ? item.AmountCny : null;
            if (approved is { } amount) { running += amount; approvals++; }
            var rank = i > 0 && lines[^1].Result == panel.Result && lines[^1].Priority == priority ? lines[^1].Rank : i + 1;
            var applicant = applicants.GetValueOrDefault(review.ApplicationId);
            requestedRunning += applicant?.RequestedCny ?? 0;
            lines.Add(new RankingLine(rank, review.ApplicationId, applicant?.Name, applicant?.RegionCode, review.Status.ToString(), panel.Result, panel.Spread,
                panel.Count, priority, approved, running, approvals, Within(running, approvals),
                applicant?.ProjectName, applicant?.RequestedCny, requestedRunning, i + 1, Within(requestedRunning, i + 1),
                review.Status == ReviewStatus.InPublicity, review.DecisionId));
        }
        return lines;
    }
}
