using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Review.Reviews;

/// <summary>One line of a track's ranking.</summary>
/// <param name="Rank">1 for the best result; equal results and priority share a rank.</param>
/// <param name="Priority">True when the panel gave bonus points (优先支持) on average.</param>
/// <param name="RunningApprovedCny">Approved amounts of this line and the lines above it.</param>
/// <param name="WithinLimits">False from the line whose approval would pass the track's budget or number.</param>
public sealed record RankingLine(
    int Rank, Guid ApplicationId, string? ApplicantName, string? RegionCode, string Status, decimal? Result, decimal? Spread, int ScoreCount,
    bool Priority, decimal? ApprovedAmountCny, decimal RunningApprovedCny, int RunningApprovals, bool WithinLimits);

/// <summary>
/// A track's ranked list for the collective decision (集体决策): cases whose panel closed, best result first, a
/// priority before a non-priority on equal results, with the running total of approvals against the call's
/// budget and number limits.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<RankingLine> Of(IEnumerable<ReviewCase> reviews, IReadOnlyDictionary<Guid, KnownApplicant> applicants, ReviewRules rules)
    {
        var ranked = reviews
            .Where(r => r.Status is ReviewStatus.PanelClosed or ReviewStatus.Decided)
            .Select(r => (Review: r, Panel: r.Result(rules), Priority: r.Scores.Count > 0 && r.Scores.Average(s => s.BonusPoints) > 0))
            .OrderByDescending(x => x.Panel.Result ?? decimal.MinValue).ThenByDescending(x => x.Priority).ThenBy(x => x.Review.ApplicationId)
            .ToList();
        var lines = new List<RankingLine>();
        decimal running = 0;
        var approvals = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            var (review, panel, priority) = ranked[i];
            var approved = review.Status == ReviewStatus.Decided && review.Decision == ProvincialDecision.Approved ? review.ApprovedAmountCny : null;
            if (approved is { } amount) { running += amount; approvals++; }
            var rank = i > 0 && lines[^1].Result == panel.Result && lines[^1].Priority == priority ? lines[^1].Rank : i + 1;
            var within = (rules.BudgetCny is not { } budget || running <= budget) && (rules.MaxApprovals is not { } max || approvals <= max);
            var applicant = applicants.GetValueOrDefault(review.ApplicationId);
            lines.Add(new RankingLine(rank, review.ApplicationId, applicant?.Name, applicant?.RegionCode, review.Status.ToString(), panel.Result, panel.Spread,
                panel.Count, priority, approved, running, approvals, within));
        }
        return lines;
    }
}
