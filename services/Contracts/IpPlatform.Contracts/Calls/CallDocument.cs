using IpPlatform.Contracts.Applications;

namespace IpPlatform.Contracts.Calls;

/// <summary>
/// A yearly call (年度申报通知) as data: everything that changes from one year to the next lives here,
/// so a new call is published, not coded. Owned by the eligibility service, which publishes it in
/// <see cref="Events.CallPublished"/>; the other services keep the parts they need.
/// </summary>
public sealed record CallDocument
{
    /// <summary>Stable id, e.g. <c>2022</c> or <c>2022-rehearsal</c>.</summary>
    public required string Id { get; init; }
    /// <summary>Title as printed, in Chinese.</summary>
    public required string TitleZh { get; init; }
    /// <summary>Document number of the notice, e.g. 苏知发〔2021〕140号.</summary>
    public string? NoticeNumber { get; init; }
    /// <summary>Date the notice was issued.</summary>
    public required DateOnly IssuedOn { get; init; }
    /// <summary>
    /// Date against which time-based conditions ("more than 3 years", "last year") are measured
    /// [interp: the issue date, not the submission date].
    /// </summary>
    public required DateOnly ReferenceDate { get; init; }
    /// <summary>The year whose figures count as "last year" (2021 for the 2022 call).</summary>
    public required int LastYear { get; init; }
    /// <summary>Time zone in which deadlines are read; the province works in China Standard Time.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";
    /// <summary>True for a rehearsal copy of a call used to exercise the platform; never funded.</summary>
    public bool Rehearsal { get; init; }
    /// <summary>The tracks an application can target.</summary>
    public required IReadOnlyList<TrackDefinition> Tracks { get; init; }

    /// <summary>The track with the given id, or null.</summary>
    public TrackDefinition? FindTrack(string? trackId) => Tracks.FirstOrDefault(t => t.Id == trackId);
}

/// <summary>One track of a call: who may apply, until when, how it is routed, funded and evaluated.</summary>
public sealed record TrackDefinition
{
    /// <summary>Track id, e.g. <c>industrial-brand</c>.</summary>
    public required string Id { get; init; }
    /// <summary>Programme name in Chinese, e.g. 商标品牌培育和保护（工业品牌）.</summary>
    public required string ProgrammeZh { get; init; }
    /// <summary>Programme name in English.</summary>
    public required string NameEn { get; init; }
    /// <summary>Applicant kinds the track admits.</summary>
    public required IReadOnlyList<ApplicantKind> AdmittedKinds { get; init; }
    /// <summary>Last day of online submission, inclusive, in the call's time zone.</summary>
    public required DateOnly OnlineDeadline { get; init; }
    /// <summary>The online deadline to the minute (inclusive), local; null means the end of <see cref="OnlineDeadline"/>.</summary>
    public LocalMinute? OnlineDeadlineAt { get; init; }
    /// <summary>Last minute (inclusive, local) at which an office records a paper copy as received; null when the call sets none.</summary>
    public LocalMinute? PaperDeadlineAt { get; init; }
    /// <summary>Last minute (inclusive, local) by which a city office delivers its summary table (申报汇总表); null when the call sets none.</summary>
    public LocalMinute? SummaryTableDeadlineAt { get; init; }
    /// <summary>Responsible provincial division, in Chinese.</summary>
    public string? DivisionZh { get; init; }
    /// <summary>Contacts printed in the notice.</summary>
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    /// <summary>Where the paper copy is delivered.</summary>
    public string? PaperAddressZh { get; init; }
    /// <summary>Implementation period in years; null for open-ended tracks (hvp-upgrade).</summary>
    public int? PeriodYears { get; init; }
    /// <summary>Months after the start at which the mid-term (or periodic) evaluation falls.</summary>
    public required int EvaluationAfterMonths { get; init; }
    /// <summary>How the funds are paid, in order.</summary>
    public required IReadOnlyList<TranchePlanItem> Tranches { get; init; }
    /// <summary>How many applications a city office may recommend on this track.</summary>
    public required QuotaRule Quota { get; init; }
    /// <summary>
    /// Eligibility thresholds and interpretation choices of this track, by parameter name
    /// (e.g. <c>rdShareOfSalesMin</c> = 0.03). Names are documented in the eligibility service.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; init; } = new Dictionary<string, decimal>();
    /// <summary>How the province's expert review runs on this track; the defaults of <see cref="ReviewRules"/> when the call says nothing.</summary>
    public ReviewRules Review { get; init; } = new();
    /// <summary>What an application of the track contains: tasks, targets, budget rule, materials.</summary>
    public ContentRules Content { get; init; } = new();
    /// <summary>How the track's applications are routed to the province.</summary>
    public RoutingRules Routing { get; init; } = new();

    /// <summary>The online deadline minute: <see cref="OnlineDeadlineAt"/>, or the last minute of <see cref="OnlineDeadline"/>.</summary>
    public LocalMinute EffectiveOnlineDeadline => OnlineDeadlineAt ?? LocalMinute.EndOf(OnlineDeadline);
}

/// <summary>A contact person printed in the notice.</summary>
public sealed record Contact(string Name, string Phone);

/// <summary>A tranche of funding in the plan of a track.</summary>
/// <param name="Name">Stable name, e.g. <c>start-up</c>, <c>after-mid-term</c>.</param>
/// <param name="Share">Share of the approved amount paid in this tranche, 0..1.</param>
/// <param name="Trigger">What releases it: <c>Approval</c>, <c>MidTermPassed</c>, <c>Acceptance</c>.</param>
public sealed record TranchePlanItem(string Name, decimal Share, string Trigger);

/// <summary>The per-city recommendation quota of a track.</summary>
public sealed record QuotaRule
{
    /// <summary><c>Unlimited</c>, <c>PerCity</c> (fixed), or <c>ByInventionGrants</c> (bands).</summary>
    public required QuotaKind Kind { get; init; }
    /// <summary>Fixed quota per city for <see cref="QuotaKind.PerCity"/>.</summary>
    public int? PerCity { get; init; }
    /// <summary>
    /// Bands for <see cref="QuotaKind.ByInventionGrants"/>: the first band whose lower bound is
    /// exceeded (strictly) by the city's invention-patent grants of the last year gives the quota.
    /// </summary>
    public IReadOnlyList<QuotaBand> Bands { get; init; } = [];
    /// <summary>Added for a city recognised as an incentive region.</summary>
    public int IncentiveBonus { get; init; }
}

/// <summary>Kinds of quota rule.</summary>
public enum QuotaKind
{
    /// <summary>No limit on recommendations.</summary>
    Unlimited,
    /// <summary>A fixed number per city (<see cref="QuotaRule.PerCity"/>).</summary>
    PerCity,
    /// <summary>Banded by the city's invention-patent grants of the last year (<see cref="QuotaRule.Bands"/>).</summary>
    ByInventionGrants,
}

/// <summary>A band: cities with more than <paramref name="GrantsAbove"/> grants get <paramref name="Quota"/>.</summary>
public sealed record QuotaBand(int GrantsAbove, int Quota);
