using IpPlatform.Documents;

namespace IpPlatform.Review.Reviews;

/// <summary>Why a candidate expert was not drawn for an application.</summary>
public static class Exclusions
{
    public const string SameEmployerAsApplicant = "same-employer-as-applicant";
    public const string SameEmployerAsPartner = "same-employer-as-partner";
    public const string OrganisationAppliesOnTrack = "organisation-applies-on-track";
    public const string SameCity = "same-city";
    public const string DeclaredConflict = "declared-conflict";
    /// <summary>Already on the panel, or declined it: never drawn twice for one application.</summary>
    public const string AlreadyDrawn = "already-drawn";
}

/// <summary>A candidate left out of a draw, with every reason that applies.</summary>
public sealed record DrawExclusion(string Expert, IReadOnlyList<string> Reasons);

/// <summary>
/// One draw for one application: the seed, the candidates (active experts whose fields cover the track), who
/// was excluded and why, the eligible, and who was drawn. Drawing again with the same inputs and seed gives
/// the same experts.
/// </summary>
public sealed record PanelDrawResult(
    Guid ApplicationId, int Round, int Seed, int Wanted, IReadOnlyList<string> Candidates, IReadOnlyList<DrawExclusion> Excluded,
    IReadOnlyList<string> Eligible, IReadOnlyList<string> Drawn)
{
    /// <summary>Seats the draw could not fill: too few eligible experts.</summary>
    public int Shortfall => Wanted - Drawn.Count;
}

/// <summary>
/// Draws experts for an application at random among those without a conflict of interest (spec: 专家评审,
/// 回避制度): the applicant's or a partner's employees, experts whose own organisation applies on the same track,
/// experts of the applicant's city where the call says so, and declared conflicts are excluded.
/// </summary>
public static class PanelDraw
{
    /// <param name="organisationsOnTrack">Credit codes of every organisation applying on the application's call and track.</param>
    /// <param name="alreadyDrawn">Experts seated on, or declined from, this application's panel.</param>
    public static PanelDrawResult Draw(
        ReviewCase review, KnownApplicant applicant, IEnumerable<ExpertProfile> pool, bool excludeSameCity,
        IReadOnlySet<string> organisationsOnTrack, IReadOnlySet<string> alreadyDrawn, int wanted, int round, int seed)
    {
        // Ordinal order first, so that the seed alone decides the draw whatever order the database returns.
        var candidates = pool.Where(e => e.Active && e.Tracks.Contains(review.TrackId))
            .OrderBy(e => e.AccountName, StringComparer.Ordinal).ToList();
        var applicantCity = Regions.CityOf(applicant.RegionCode);
        var excluded = new List<DrawExclusion>();
        var eligible = new List<string>();
        foreach (var expert in candidates)
        {
            var reasons = new List<string>();
            if (alreadyDrawn.Contains(expert.AccountName)) reasons.Add(Exclusions.AlreadyDrawn);
            if (expert.EmployerCreditCode == applicant.CreditCode) reasons.Add(Exclusions.SameEmployerAsApplicant);
            if (applicant.PartnerCreditCodes.Contains(expert.EmployerCreditCode)) reasons.Add(Exclusions.SameEmployerAsPartner);
            if (expert.EmployerCreditCode != applicant.CreditCode && organisationsOnTrack.Contains(expert.EmployerCreditCode))
                reasons.Add(Exclusions.OrganisationAppliesOnTrack);
            if (excludeSameCity && expert.CityCode == applicantCity) reasons.Add(Exclusions.SameCity);
            if (expert.DeclaredConflicts.Contains(applicant.CreditCode) || expert.DeclaredConflicts.Intersect(applicant.PartnerCreditCodes).Any())
                reasons.Add(Exclusions.DeclaredConflict);
            if (reasons.Count > 0) excluded.Add(new DrawExclusion(expert.AccountName, reasons));
            else eligible.Add(expert.AccountName);
        }

        // Fisher–Yates with a seeded generator: the stored seed reproduces the draw.
        var order = eligible.ToArray();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return new PanelDrawResult(review.ApplicationId, round, seed, wanted, candidates.Select(c => c.AccountName).ToList(), excluded, eligible,
            order.Take(Math.Max(wanted, 0)).ToList());
    }
}

/// <summary>The panel's result under the call's aggregate rule, with the spread of the scores.</summary>
/// <param name="Result">The aggregate, to two places; null before the first score.</param>
/// <param name="Trimmed">True when the highest and the lowest score were dropped.</param>
public sealed record PanelResult(decimal? Result, int Count, decimal? Lowest, decimal? Highest, decimal? Spread, bool Trimmed)
{
    public static PanelResult Of(IReadOnlyCollection<decimal> scores, Contracts.Calls.ReviewRules rules)
    {
        if (scores.Count == 0) return new PanelResult(null, 0, null, null, null, false);
        var ordered = scores.Order().ToList();
        var trim = rules.Aggregate == Contracts.Calls.ScoreAggregate.TrimmedMean && ordered.Count >= Math.Max(rules.TrimmedMeanMinimumScores, 3);
        var counted = trim ? ordered[1..^1] : ordered;
        return new PanelResult(Math.Round(counted.Average(), 2, MidpointRounding.AwayFromZero), ordered.Count, ordered[0], ordered[^1],
            ordered[^1] - ordered[0], trim);
    }
}
