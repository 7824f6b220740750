namespace IpPlatform.Contracts.Calls;

/// <summary>
/// How a track's applications are reviewed by experts (专家评审): the panel drawn for each application, the
/// score sheet, and how the panel's scores make one result. Every member has the default a call that says
/// nothing gets, so calls published before these existed keep working.
/// </summary>
public sealed record ReviewRules
{
    /// <summary>Experts drawn for each application.</summary>
    public int PanelSize { get; init; } = 5;
    /// <summary>True where the call excludes experts from the applicant's own city (设区市).</summary>
    public bool ExcludeSameCityExperts { get; init; }
    /// <summary>
    /// The score sheet: what each expert scores, with its maximum and weight. Empty means one criterion
    /// <c>overall</c> from 0 to 100.
    /// </summary>
    public IReadOnlyList<ScoreCriterion> Criteria { get; init; } = [];
    /// <summary>How the panel's scores make the panel result.</summary>
    public ScoreAggregate Aggregate { get; init; } = ScoreAggregate.TrimmedMean;
    /// <summary>For <see cref="ScoreAggregate.TrimmedMean"/>: the fewest scores at which the highest and lowest are dropped; below it, the plain mean.</summary>
    public int TrimmedMeanMinimumScores { get; init; } = 5;
    /// <summary>The track's budget for approvals, in CNY; null when the call sets none.</summary>
    public decimal? BudgetCny { get; init; }
    /// <summary>The most applications the track approves; null when the call sets no number.</summary>
    public int? MaxApprovals { get; init; }
    /// <summary>Days of the publicity period (公示) before a collective decision's approvals become final.</summary>
    public int PublicityDays { get; init; } = 5;

    /// <summary>The sheet's criteria, or the one overall criterion when the call names none.</summary>
    public IReadOnlyList<ScoreCriterion> SheetOrDefault => Criteria.Count > 0 ? Criteria : [ScoreCriterion.Overall];
}

/// <summary>One line of a score sheet.</summary>
/// <param name="Id">Stable id, e.g. <c>basis</c>, <c>plan</c>, <c>priority-brand</c>.</param>
/// <param name="NameZh">As printed on the sheet, in Chinese.</param>
/// <param name="Max">Highest points an expert may give (0 is the lowest).</param>
/// <param name="Weight">Multiplies the points in the expert's total.</param>
/// <param name="Bonus">
/// A priority of the notice (优先支持): points here are added on top and flag the application as a priority
/// in the ranking.
/// </param>
public sealed record ScoreCriterion(string Id, string NameZh, decimal Max, decimal Weight = 1m, bool Bonus = false)
{
    /// <summary>The sheet of a call that names no criteria: one overall score from 0 to 100.</summary>
    public static readonly ScoreCriterion Overall = new("overall", "综合评分", 100m);
}

/// <summary>How a panel's scores make its result.</summary>
public enum ScoreAggregate
{
    /// <summary>The plain mean of every score.</summary>
    Mean,
    /// <summary>
    /// The mean after dropping one highest and one lowest score, from <see cref="ReviewRules.TrimmedMeanMinimumScores"/>
    /// scores on; the plain mean below that.
    /// </summary>
    TrimmedMean,
}
