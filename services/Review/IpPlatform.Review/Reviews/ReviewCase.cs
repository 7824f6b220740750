using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Security;

namespace IpPlatform.Review.Reviews;

/// <summary>Where a provincial review stands.</summary>
public enum ReviewStatus
{
    /// <summary>Recommended by the city office; a panel is drawn and its experts score it.</summary>
    InReview,
    /// <summary>The province closed the panel: the scores stand and the province decides on them.</summary>
    PanelClosed,
    /// <summary>In a collective decision under publicity (公示): decided by the batch, not final until its final approval.</summary>
    InPublicity,
    /// <summary>The province decided; final, except that an approval can be cancelled.</summary>
    Decided,
    /// <summary>The approval was cancelled (取消立项资格), e.g. for falsified material.</summary>
    ApprovalCancelled,
    /// <summary>Returned to the applicant by the province before a decision; it can be neither scored nor decided.</summary>
    Closed,
}

/// <summary>
/// An application in the provincial review (spec §5): the province draws a panel of experts without conflicts of
/// interest, each seated expert scores it on the track's sheet (and may revise until the panel closes), then the
/// province decides collectively on the panel's result, once — through the division responsible for its track.
/// </summary>
public sealed class ReviewCase
{
    public Guid ApplicationId { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string CityOfficeRegionCode { get; private set; } = "";
    public string CityOpinion { get; private set; } = "";
    public DateTime OpenedAtUtc { get; private set; }
    public ReviewStatus Status { get; private set; }
    public ProvincialDecision? Decision { get; private set; }
    public decimal? ApprovedAmountCny { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    /// <summary>The province account that decided.</summary>
    public string? DecidedBy { get; private set; }
    public string? ClosedReason { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }
    public string? CancellationReason { get; private set; }
    /// <summary>The province account that cancelled the approval.</summary>
    public string? CancelledBy { get; private set; }
    public List<ExpertScore> Scores { get; private set; } = [];
    /// <summary>The experts drawn for the panel, including those who declined.</summary>
    public List<PanelSeat> Seats { get; private set; } = [];
    public DateTime? PanelClosedAtUtc { get; private set; }
    /// <summary>The collective decision the case is in (under publicity) or was decided by.</summary>
    public Guid? DecisionId { get; private set; }

    ReviewCase() { }

    /// <summary>Only a city office's recommendation sends an application to the province.</summary>
    public static bool StartsReview(ApplicationRecommended recommended) => recommended.Level == OfficeLevel.City;

    public static ReviewCase Open(ApplicationRecommended recommended)
    {
        if (!StartsReview(recommended))
            throw new ArgumentException($"A {recommended.Level} recommendation does not reach the province.", nameof(recommended));
        return new ReviewCase
        {
            ApplicationId = recommended.ApplicationId, CallId = recommended.CallId, TrackId = recommended.TrackId,
            CityOfficeRegionCode = recommended.OfficeRegionCode, CityOpinion = recommended.Opinion,
            OpenedAtUtc = recommended.RecommendedAt.UtcDateTime, Status = ReviewStatus.InReview,
        };
    }

    /// <summary>Mean of the experts' scores, to two places; null before the first.</summary>
    public decimal? AverageScore => Scores.Count == 0 ? null : Math.Round(Scores.Average(s => s.Score), 2);

    /// <summary>The panel's result under the call's rule (e.g. trimmed mean from five scores), with the spread.</summary>
    public PanelResult Result(ReviewRules rules) => PanelResult.Of(Scores.Select(s => s.Score).ToList(), rules);

    /// <summary>The experts seated now (drawn and not declined).</summary>
    public IEnumerable<PanelSeat> ActiveSeats => Seats.Where(s => s.Status == SeatStatus.Seated);

    /// <summary>The draws so far (rounds 1, 2, …): a replacement after a decline is a new round.</summary>
    public int DrawRounds => Seats.Count == 0 ? 0 : Seats.Max(s => s.Round);

    /// <summary>Seats the panel still needs to reach <paramref name="panelSize"/>.</summary>
    public int OpenSeats(int panelSize) => Math.Max(panelSize - ActiveSeats.Count(), 0);

    /// <summary>Everyone drawn for this application so far, seated or declined: nobody is drawn twice.</summary>
    public IReadOnlySet<string> AlreadyDrawn => Seats.Select(s => s.Expert).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The province's division draws the experts still missing from the panel: <paramref name="draw"/> must be a
    /// draw for this application, of the next round. Nothing is seated when the draw found nobody.
    /// </summary>
    public void Seat(Decider decider, string? responsibleDivision, PanelDrawResult draw, DateTimeOffset now)
    {
        EnsureDecidableBy(decider, responsibleDivision);
        SeatDrawn(draw, now);
    }

    void SeatDrawn(PanelDrawResult draw, DateTimeOffset now)
    {
        EnsureOpenForScores();
        if (draw.ApplicationId != ApplicationId || draw.Round != DrawRounds + 1)
            throw new ArgumentException($"The draw is not round {DrawRounds + 1} of application {ApplicationId}.", nameof(draw));
        if (draw.Drawn.Any(AlreadyDrawn.Contains))
            throw new ArgumentException("An expert already drawn for this application was drawn again.", nameof(draw));
        foreach (var expert in draw.Drawn) Seats.Add(new PanelSeat(ApplicationId, expert, draw.Round, draw.Seed, now.UtcDateTime));
    }

    /// <summary>
    /// The integration event telling who <paramref name="draw"/> seated (<paramref name="by"/> null when the platform
    /// drew, replacing a declining expert); null when the draw seated nobody.
    /// </summary>
    public ExpertsAssigned? Assigned(PanelDrawResult draw, Actor? by, DateTimeOffset now) =>
        draw.Drawn.Count == 0 ? null : new ExpertsAssigned(ApplicationId, CallId, TrackId, draw.Drawn.ToList(), draw.Round, now) { By = by };

    /// <summary>
    /// A seated expert declines (e.g. an undeclared conflict, no time) before scoring; <paramref name="replacement"/>
    /// is the replacement draw of the next round, made without the declining expert.
    /// </summary>
    public void Decline(Actor expert, string reason, Func<PanelDrawResult> replacement, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A decline needs its reason.", nameof(reason));
        var seat = SeatOf(expert);
        EnsureOpenForScores();
        if (Scores.Any(s => s.Expert == expert.Name))
            throw new BusinessRuleException("already-scored", $"Expert {expert.Name} has scored application {ApplicationId}; a scoring expert does not decline.");
        seat.Decline(reason.Trim(), now.UtcDateTime);
        SeatDrawn(replacement(), now);
    }

    /// <summary>Input errors of a score sheet's points, by field (<c>points.{criterion}</c>; empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateScore(IReadOnlyList<ScoreCriterion> sheet, IReadOnlyDictionary<string, decimal>? points)
    {
        var errors = new Dictionary<string, string[]>();
        if (points is null)
        {
            errors["points"] = [$"Points for each criterion of the sheet are required: {string.Join(", ", sheet.Select(c => c.Id))}."];
            return errors;
        }
        foreach (var criterion in sheet)
            if (!points.TryGetValue(criterion.Id, out var value) || value < 0 || value > criterion.Max)
                errors[$"points.{criterion.Id}"] = [$"{criterion.NameZh}: points from 0 to {criterion.Max} are required."];
        foreach (var unknown in points.Keys.Where(k => sheet.All(c => c.Id != k)))
            errors[$"points.{unknown}"] = ["Not a criterion of this track's score sheet."];
        return errors;
    }

    /// <summary>
    /// Records the acting expert's points on the track's sheet, under the expert's account name; the score is the
    /// weighted sum. Only an expert seated on the panel scores, and may revise the score until the panel closes.
    /// </summary>
    public ExpertScoreRecorded RecordScore(
        Actor expert, IReadOnlyList<ScoreCriterion> sheet, IReadOnlyDictionary<string, decimal> points, string? comment, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateScore(sheet, points));
        SeatOf(expert);
        EnsureOpenForScores();
        var total = sheet.Sum(c => points[c.Id] * c.Weight);
        var bonus = sheet.Where(c => c.Bonus).Sum(c => points[c.Id] * c.Weight);
        var kept = sheet.ToDictionary(c => c.Id, c => points[c.Id]);
        if (Scores.FirstOrDefault(s => s.Expert == expert.Name) is { } earlier) earlier.Revise(total, bonus, kept, comment?.Trim(), now.UtcDateTime);
        else Scores.Add(new ExpertScore(ApplicationId, expert.Name, total, bonus, kept, comment?.Trim(), now.UtcDateTime));
        return new ExpertScoreRecorded(ApplicationId, expert.Name, total, now) { By = expert };
    }

    /// <summary>True when <paramref name="expert"/> has scored: from then on the expert may see the panel's other scores.</summary>
    public bool HasScored(string expert) => Scores.Any(s => s.Expert == expert);

    /// <summary>True when <paramref name="expert"/> was drawn for this application (seated or declined).</summary>
    public bool WasDrawn(string expert) => Seats.Any(s => s.Expert == expert);

    /// <summary>The province's division closes the panel on the scores it has (at least one): no score changes after.</summary>
    public void ClosePanel(Decider decider, string? responsibleDivision, DateTimeOffset now)
    {
        EnsureDecidableBy(decider, responsibleDivision);
        EnsureOpenForScores();
        if (Scores.Count == 0)
            throw new BusinessRuleException("no-scores", $"Application {ApplicationId} has no expert score yet; the panel closes after expert review.");
        Status = ReviewStatus.PanelClosed;
        PanelClosedAtUtc = now.UtcDateTime;
    }

    PanelSeat SeatOf(Actor expert)
    {
        if (expert.Role != PlatformRoles.Expert)
            throw new ActRefusedException("not-an-expert", $"Only experts score; {expert.Name} is a {expert.Role} account.");
        return Seats.FirstOrDefault(s => s.Expert == expert.Name && s.Status == SeatStatus.Seated)
            ?? throw new ActRefusedException("not-on-panel", $"Expert {expert.Name} is not on the panel of application {ApplicationId}.");
    }

    void EnsureOpenForScores()
    {
        EnsureUndecided();
        if (Status == ReviewStatus.PanelClosed)
            throw new BusinessRuleException("panel-closed", $"The panel of application {ApplicationId} is closed; its scores stand.");
    }

    /// <summary>Input errors of a decision, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateDecision(ProvincialDecision? decision, decimal? approvedAmountCny, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        switch (decision)
        {
            case null:
                errors["decision"] = ["Approved or Rejected is required."];
                break;
            case ProvincialDecision.Approved when approvedAmountCny is not > 0:
                errors["approvedAmountCny"] = ["An approval grants an amount greater than 0."];
                break;
            case ProvincialDecision.Rejected when approvedAmountCny is not null:
                errors["approvedAmountCny"] = ["A rejection grants no amount."];
                break;
        }
        if (decision == ProvincialDecision.Rejected && string.IsNullOrWhiteSpace(reason))
            errors["reason"] = ["A rejection needs its reason."];
        return errors;
    }

    /// <summary>
    /// Why the case cannot enter a collective decision now (code and detail); null when it can: it must be undecided,
    /// in no other decision, scored by experts and its panel closed.
    /// </summary>
    public (string Code, string Detail)? DecisionObstacle()
    {
        if (UndecidedObstacle() is { } decided) return decided;
        if (Scores.Count == 0) return ("no-scores", $"Application {ApplicationId} has no expert score yet; the province decides after expert review.");
        if (Status != ReviewStatus.PanelClosed) return ("panel-open", $"The panel of application {ApplicationId} is still open; close it before deciding.");
        return null;
    }

    /// <summary>The case enters collective decision <paramref name="decisionId"/>, under publicity until its final approval.</summary>
    internal void EnterDecision(Guid decisionId)
    {
        if (DecisionObstacle() is { } obstacle) throw new BusinessRuleException(obstacle.Code, obstacle.Detail);
        Status = ReviewStatus.InPublicity;
        DecisionId = decisionId;
    }

    /// <summary>
    /// The final approval of collective decision <paramref name="decisionId"/> decides the case as the batch stands;
    /// the event carries the panel's result under the call's rule and the account that gave the final approval.
    /// </summary>
    internal ApplicationDecided Finalise(
        Guid decisionId, ProvincialDecision decision, decimal? approvedAmountCny, string? reason, Actor by, ApplicantSummary applicant,
        ReviewRules rules, DateTimeOffset now)
    {
        if (Status != ReviewStatus.InPublicity || DecisionId != decisionId)
            throw new InvalidOperationException($"Application {ApplicationId} is not under publicity in decision {decisionId}.");
        Status = ReviewStatus.Decided;
        Decision = decision;
        ApprovedAmountCny = decision == ProvincialDecision.Approved ? approvedAmountCny : null;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedAtUtc = now.UtcDateTime;
        DecidedBy = by.Name;
        return new ApplicationDecided(ApplicationId, CallId, TrackId, decision, ApprovedAmountCny, Result(rules).Result, DecisionReason, applicant, now)
        {
            By = by,
        };
    }

    /// <summary>Input errors of a return, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateReturn(string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["A return needs its reason."];
        return errors;
    }

    /// <summary>
    /// The province's division for the track returns the application from review before deciding it (e.g. the
    /// materials do not hold up): the review ends without a decision. Offices cannot return a case once the city
    /// forwarded it, so this is the only way a review closes.
    /// </summary>
    public ApplicationReturned Return(Decider decider, string? responsibleDivision, string reason, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateReturn(reason));
        EnsureDecidableBy(decider, responsibleDivision);
        EnsureUndecided(); // a closed panel may still be returned: the province has not decided
        Status = ReviewStatus.Closed;
        ClosedReason = $"{decider.Actor.Name}: {reason.Trim()}";
        return new ApplicationReturned(ApplicationId, OfficeLevel.Province, Regions.ProvinceCode, reason.Trim(), now) { By = decider.Actor };
    }

    /// <summary>Input errors of a cancellation, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateCancellation(CancellationGround? ground, string? reason, DateOnly? expiresOn, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (ground is null) errors["ground"] = [$"The ground is required: one of {string.Join(", ", Enum.GetNames<CancellationGround>())}."];
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["A cancellation needs its reason."];
        if (expiresOn is { } expires && expires <= today) errors["expiresOn"] = ["The credit entry expires after today, or never (omit it)."];
        return errors;
    }

    /// <summary>
    /// The track's division cancels an approval (取消立项资格); the applicant's credit record gets an entry of
    /// <paramref name="ground"/>, dated today in China Standard Time.
    /// </summary>
    public ApprovalCancelled CancelApproval(
        Decider decider, string? responsibleDivision, ApplicantSummary applicant, CancellationGround ground, string reason, DateOnly? expiresOn,
        DateTimeOffset now)
    {
        var today = ChinaDate(now);
        ThrowIfInvalid(ValidateCancellation(ground, reason, expiresOn, today));
        EnsureDecidableBy(decider, responsibleDivision);
        if (Status == ReviewStatus.ApprovalCancelled)
            throw new BusinessRuleException("already-cancelled", $"The approval of application {ApplicationId} was already cancelled ({CancellationReason}).");
        if (Status != ReviewStatus.Decided || Decision != ProvincialDecision.Approved)
            throw new BusinessRuleException("not-approved", $"Application {ApplicationId} is not approved; only an approval is cancelled.");
        Status = ReviewStatus.ApprovalCancelled;
        CancelledAtUtc = now.UtcDateTime;
        CancellationReason = $"{ground}: {reason.Trim()}";
        CancelledBy = decider.Actor.Name;
        return new ApprovalCancelled(ApplicationId, CallId, TrackId, applicant, ground, reason.Trim(), today, expiresOn, now) { By = decider.Actor };
    }

    /// <summary>The calendar date of <paramref name="now"/> where the province works (China Standard Time, no daylight saving).</summary>
    public static DateOnly ChinaDate(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);

    // Who the account is comes before the case's state: another division learns nothing about the case.
    void EnsureDecidableBy(Decider decider, string? responsibleDivision) => EnsureDivisionActs(decider, CallId, TrackId, responsibleDivision);

    /// <summary>Refuses anyone but a province account of the division responsible for the call's track.</summary>
    public static void EnsureDivisionActs(Decider decider, string callId, string trackId, string? responsibleDivision)
    {
        if (decider.Actor.Role != PlatformRoles.Province)
            throw new ActRefusedException("not-the-province", $"Only the provincial office decides; {decider.Actor.Name} is a {decider.Actor.Role} account.");
        if (string.IsNullOrWhiteSpace(responsibleDivision))
            throw new BusinessRuleException("call-unknown",
                $"The review service does not know which division is responsible for track '{trackId}' of call {callId} yet (no CallPublished naming it).");
        if (!decider.Divisions.Contains(responsibleDivision))
            throw new ActRefusedException("other-division",
                $"Track '{trackId}' of call {callId} is decided by {responsibleDivision}; {decider.Actor.Name} belongs to {string.Join("、", decider.Divisions)}.");
    }

    void EnsureUndecided()
    {
        if (UndecidedObstacle() is { } obstacle) throw new BusinessRuleException(obstacle.Code, obstacle.Detail);
    }

    (string Code, string Detail)? UndecidedObstacle() => Status switch
    {
        ReviewStatus.ApprovalCancelled => ("already-decided", $"Application {ApplicationId} was approved, then the approval was cancelled."),
        ReviewStatus.Closed => ("case-closed", $"Application {ApplicationId} was returned ({ClosedReason}); it cannot be reviewed or decided."),
        ReviewStatus.Decided => ("already-decided", $"Application {ApplicationId} was already {Decision}."),
        ReviewStatus.InPublicity => ("in-publicity", $"Application {ApplicationId} is in collective decision {DecisionId}, under publicity until its final approval."),
        _ => null,
    };

    // The API answers these as 400 before calling; reaching here is a programming error.
    static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)));
    }
}

/// <summary>A province account deciding: who it is, and the divisions (<c>divisionZh</c>) it decides for.</summary>
public sealed record Decider(Actor Actor, IReadOnlyCollection<string> Divisions);

/// <summary>
/// The provincial division responsible for one track of a call (the call's <c>divisionZh</c>) and the track's
/// review rules, as the last <see cref="CallPublished"/> of the call named them. Only that division's accounts decide the track's cases.
/// </summary>
public sealed class TrackDivision
{
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    /// <summary>Null when the call names no division for the track: then nobody may decide it yet.</summary>
    public string? Division { get; private set; }

    TrackDivision() { }

    public TrackDivision(string callId, TrackDefinition track, int callVersion = 1)
    {
        CallId = callId;
        TrackId = track.Id;
        Division = track.DivisionZh;
        Rules = track.Review;
        CallVersion = callVersion;
    }

    /// <summary>The call version the division and rules are of (<see cref="Contracts.Events.CallPublished.Version"/>).</summary>
    public int CallVersion { get; private set; } = 1;

    /// <summary>How the track's review runs (panel size, score sheet, aggregate), as the call says.</summary>
    public ReviewRules Rules { get; private set; } = new();

    /// <summary>
    /// Moves on with every collective decision recorded or finalised on the track (a concurrency token): two
    /// decisions racing on the same track cannot both count the same budget; the later save fails and writes nothing.
    /// </summary>
    public int LedgerVersion { get; private set; }

    /// <summary>A collective decision of the track was recorded or finalised.</summary>
    public void RecordDecision() => LedgerVersion++;

    /// <summary>
    /// A correction of the call (a later version) replaces its divisions and review rules; an older version arriving
    /// late does not.
    /// </summary>
    public void Replace(TrackDefinition track, int callVersion = 1)
    {
        if (callVersion < CallVersion) return;
        CallVersion = callVersion;
        Division = track.DivisionZh;
        Rules = track.Review;
    }
}

/// <summary>One expert's score of an application: the points per criterion of the sheet and their weighted sum.</summary>
public sealed class ExpertScore
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Expert { get; private set; } = "";
    /// <summary>The weighted sum of the points, bonus criteria included.</summary>
    public decimal Score { get; private set; }
    /// <summary>The part of <see cref="Score"/> from bonus criteria (优先支持): above 0 flags a priority.</summary>
    public decimal BonusPoints { get; private set; }
    /// <summary>Points per criterion id.</summary>
    public Dictionary<string, decimal> Points { get; private set; } = [];
    public string? Comment { get; private set; }
    /// <summary>When the score was last given or revised.</summary>
    public DateTime AtUtc { get; private set; }
    public int Revisions { get; private set; }

    ExpertScore() { }

    public ExpertScore(Guid applicationId, string expert, decimal score, decimal bonusPoints, Dictionary<string, decimal> points, string? comment, DateTime atUtc)
    {
        ApplicationId = applicationId;
        Expert = expert;
        Score = score;
        BonusPoints = bonusPoints;
        Points = points;
        Comment = comment;
        AtUtc = atUtc;
    }

    public void Revise(decimal score, decimal bonusPoints, Dictionary<string, decimal> points, string? comment, DateTime atUtc)
    {
        Score = score;
        BonusPoints = bonusPoints;
        Points = points;
        Comment = comment;
        AtUtc = atUtc;
        Revisions++;
    }
}

/// <summary>Whether a drawn expert sits on the panel.</summary>
public enum SeatStatus
{
    Seated,
    /// <summary>The expert declined (with a reason); a replacement was drawn.</summary>
    Declined,
}

/// <summary>An expert drawn for an application's panel, in which round and with which seed.</summary>
public sealed class PanelSeat(Guid applicationId, string expert, int round, int seed, DateTime drawnAtUtc)
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; } = applicationId;
    public string Expert { get; private set; } = expert;
    public int Round { get; private set; } = round;
    /// <summary>The seed of the round's draw: with the same pool it reproduces the draw.</summary>
    public int Seed { get; private set; } = seed;
    public DateTime DrawnAtUtc { get; private set; } = drawnAtUtc;
    public SeatStatus Status { get; private set; } = SeatStatus.Seated;
    public string? DeclineReason { get; private set; }
    public DateTime? DeclinedAtUtc { get; private set; }

    public void Decline(string reason, DateTime atUtc)
    {
        Status = SeatStatus.Declined;
        DeclineReason = reason;
        DeclinedAtUtc = atUtc;
    }
}

/// <summary>The review service's copy of who applied, from the submission; needed for decisions and the protection-zone rule.</summary>
public sealed class KnownApplicant
{
    public Guid ApplicationId { get; private set; }
    public string Name { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    /// <summary>Credit codes of the joint applicants (partners): their employees are not drawn as experts.</summary>
    public List<string> PartnerCreditCodes { get; private set; } = [];

    KnownApplicant() { }

    public static KnownApplicant From(ApplicationSubmitted submitted) => new()
    {
        ApplicationId = submitted.ApplicationId,
        CallId = submitted.CallId,
        TrackId = submitted.TrackId,
        PartnerCreditCodes = (submitted.Document.Partners ?? []).Select(p => p.CreditCode?.Trim().ToUpperInvariant()).OfType<string>()
            .Where(c => c.Length > 0).Distinct().ToList(),
        Name = submitted.Document.Applicant?.Name ?? "",
        CreditCode = submitted.Document.Applicant?.CreditCode ?? "",
        Kind = submitted.Document.Applicant?.Kind?.ToString() ?? "",
        RegionCode = submitted.Document.Applicant?.RegionCode ?? "",
        CallVersion = submitted.CallVersion,
        ProjectName = submitted.Document.Project?.Name?.Trim() is { Length: > 0 } project ? project : null,
        RequestedCny = submitted.Document.Budget?.ProvincialFundsCny,
    };

    /// <summary>The project's name (项目名称); null when the application gave none.</summary>
    public string? ProjectName { get; private set; }

    /// <summary>Provincial funds requested (申请省级财政资金), CNY; null when the application did not say.</summary>
    public decimal? RequestedCny { get; private set; }

    /// <summary>Version of the call the application was submitted under (<see cref="ApplicationSubmitted.CallVersion"/>); null when the submission did not say.</summary>
    public int? CallVersion { get; private set; }

    public ApplicantSummary Summary => new(Name, CreditCode, Kind, RegionCode);
}
