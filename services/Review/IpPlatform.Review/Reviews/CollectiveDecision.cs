using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Security;

namespace IpPlatform.Review.Reviews;

/// <summary>Where a collective decision stands.</summary>
public enum CollectiveDecisionStatus
{
    /// <summary>Recorded and under publicity (公示): objections may come in; nothing is final yet.</summary>
    InPublicity,
    /// <summary>Finally approved (立项): every application of the batch is decided.</summary>
    Final,
}

/// <summary>An approval in a batch: the application and the amount granted.</summary>
/// <param name="Remarks">Optional remarks carried as the decision's reason.</param>
public sealed record ApprovalLine(Guid? ApplicationId, decimal? AmountCny, string? Remarks = null);

/// <summary>A rejection in a batch: the application and why.</summary>
public sealed record RejectionLine(Guid? ApplicationId, string? Reason);

/// <summary>What the decision needs to know of one listed application.</summary>
/// <param name="Applicant">Who applied; null when the submission has not reached the review service.</param>
/// <param name="RequestedCny">Provincial funds requested (申请省级财政资金); null when the application did not say.</param>
/// <param name="CallVersion">Version of the call the application was submitted under.</param>
public sealed record DecisionCandidate(ReviewCase Review, ApplicantSummary? Applicant, decimal? RequestedCny, int? CallVersion);

/// <summary>An approval already standing on the track: finally approved, or approved in a decision still under publicity.</summary>
public sealed record Commitment(Guid ApplicationId, ApplicantSummary Applicant, decimal AmountCny);

/// <summary>Why one listed application cannot be decided in the batch.</summary>
public sealed record BatchProblem(Guid ApplicationId, string Code, string Detail);

/// <summary>
/// A collective decision (集体决策) of the track's division on a batch of one call's track: the meeting, its
/// participants, the applications approved with their amounts and the others rejected with their reasons. All or
/// nothing: the batch is recorded only when every listed application may be decided and the approvals, with those
/// already standing on the track, keep within the track's budget and number and the protection-zone rule. A
/// publicity period (公示) follows, during which objections are recorded and resolved; the final approval after it
/// decides every application of the batch.
/// </summary>
public sealed class CollectiveDecision
{
    public Guid Id { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    /// <summary>The call version whose review rules (budget, number, publicity days) the decision was checked against.</summary>
    public int CallVersion { get; private set; }
    public DateOnly MeetingDate { get; private set; }
    public List<string> Participants { get; private set; } = [];
    public DateTime RecordedAtUtc { get; private set; }
    /// <summary>The province account that recorded the decision.</summary>
    public string RecordedBy { get; private set; } = "";
    public int PublicityDays { get; private set; }
    /// <summary>The first instant after the publicity period: objections before it, the final approval from it.</summary>
    public DateTime PublicityEndsAtUtc { get; private set; }
    public CollectiveDecisionStatus Status { get; private set; }
    public DateTime? FinalisedAtUtc { get; private set; }
    public string? FinalisedBy { get; private set; }
    public List<DecisionItem> Items { get; private set; } = [];
    public List<Objection> Objections { get; private set; } = [];

    CollectiveDecision() { }

    /// <summary>The province works in China Standard Time (no daylight saving).</summary>
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// The end of the publicity period of a decision recorded at <paramref name="recordedAt"/>: <paramref name="days"/>
    /// calendar days in China Standard Time, counted from the day after the recording (the day of the meeting's
    /// minutes is not a full day of publicity), and ending at the end of the last day — so the instant returned is
    /// 00:00 of the following day, local. With 0 days there is no period: it ends when the decision is recorded.
    /// </summary>
    public static DateTimeOffset PublicityEnd(DateTimeOffset recordedAt, int days)
    {
        if (days <= 0) return recordedAt;
        var recordedOn = ReviewCase.ChinaDate(recordedAt);
        return new DateTimeOffset(recordedOn.AddDays(days + 1).ToDateTime(TimeOnly.MinValue), China);
    }

    /// <summary>Input errors of a batch, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> Validate(
        DateOnly? meetingDate, IReadOnlyList<string?>? participants, IReadOnlyList<ApprovalLine?>? approved, IReadOnlyList<RejectionLine?>? rejected,
        DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (meetingDate is null) errors["meetingDate"] = ["The date of the meeting that decided is required."];
        else if (meetingDate > today) errors["meetingDate"] = ["The meeting cannot be later than today (China Standard Time)."];
        if (participants is null || !participants.Any(p => !string.IsNullOrWhiteSpace(p)))
            errors["participants"] = ["The names of the meeting's participants are required."];
        approved ??= [];
        rejected ??= [];
        if (approved.Count + rejected.Count == 0) errors["approved"] = ["The batch lists at least one application, approved or rejected."];
        var seen = new HashSet<Guid>();
        void Listed(Guid? id, string field)
        {
            if (id is not { } value || value == Guid.Empty) errors[field] = ["The application is required."];
            else if (!seen.Add(value)) errors[field] = [$"Application {value} is listed twice in the batch."];
        }
        for (var i = 0; i < approved.Count; i++)
        {
            Listed(approved[i]?.ApplicationId, $"approved[{i}].applicationId");
            if (approved[i]?.AmountCny is not > 0) errors[$"approved[{i}].amountCny"] = ["An approval grants an amount greater than 0."];
        }
        for (var i = 0; i < rejected.Count; i++)
        {
            Listed(rejected[i]?.ApplicationId, $"rejected[{i}].applicationId");
            if (string.IsNullOrWhiteSpace(rejected[i]?.Reason)) errors[$"rejected[{i}].reason"] = ["A rejection needs its reason."];
        }
        return errors;
    }

    /// <summary>
    /// Every reason the batch cannot be recorded, naming the applications (empty when it can): each listed application
    /// must be a closed-panel, undecided review of the track, in no other pending decision, with its applicant known;
    /// an approval grants no more than requested; the approvals with <paramref name="standing"/> keep within the track's
    /// budget and number; on <c>protection-zone</c> no approval nests with another (<see cref="ProtectionZoneRule"/>).
    /// </summary>
    public static IReadOnlyList<BatchProblem> Check(
        TrackDivision track, IReadOnlyList<ApprovalLine> approved, IReadOnlyList<RejectionLine> rejected,
        IReadOnlyDictionary<Guid, DecisionCandidate> candidates, IReadOnlyCollection<Commitment> standing)
    {
        var problems = new List<BatchProblem>();
        foreach (var id in approved.Select(a => a.ApplicationId!.Value).Concat(rejected.Select(r => r.ApplicationId!.Value)))
        {
            if (!candidates.TryGetValue(id, out var candidate) || candidate.Review.CallId != track.CallId || candidate.Review.TrackId != track.TrackId)
                problems.Add(new(id, "not-on-track", $"Application {id} is not in review on track '{track.TrackId}' of call {track.CallId}."));
            else if (candidate.Review.DecisionObstacle() is { } obstacle)
                problems.Add(new(id, obstacle.Code, obstacle.Detail));
            else if (candidate.Applicant is null)
                problems.Add(new(id, "applicant-unknown", $"The submission of application {id} has not reached the review service yet."));
        }
        foreach (var line in approved)
            if (candidates.GetValueOrDefault(line.ApplicationId!.Value)?.RequestedCny is { } requested && line.AmountCny > requested)
                problems.Add(new(line.ApplicationId.Value, "over-requested",
                    $"Application {line.ApplicationId} requested {requested:0.##} CNY; {line.AmountCny:0.##} CNY cannot be granted."));

        var rules = track.Rules;
        var committed = standing.Sum(s => s.AmountCny) + approved.Sum(a => a.AmountCny!.Value);
        if (rules.BudgetCny is { } budget && committed > budget)
            problems.AddRange(approved.Select(a => new BatchProblem(a.ApplicationId!.Value, "over-budget",
                $"Track '{track.TrackId}' has a budget of {budget:0.##} CNY; {standing.Sum(s => s.AmountCny):0.##} CNY is approved already " +
                $"and this batch approves {approved.Sum(x => x.AmountCny!.Value):0.##} CNY more.")));
        if (rules.MaxApprovals is { } max && standing.Count + approved.Count > max)
            problems.AddRange(approved.Select(a => new BatchProblem(a.ApplicationId!.Value, "over-number",
                $"Track '{track.TrackId}' approves at most {max}; {standing.Count} are approved already and this batch approves {approved.Count} more.")));

        if (track.TrackId == ProtectionZoneRule.TrackId)
        {
            // Earlier approvals and the batch's own approvals above this one: whichever is listed first stands.
            var others = standing.Select(s => s.Applicant).ToList();
            foreach (var line in approved)
            {
                if (candidates.GetValueOrDefault(line.ApplicationId!.Value)?.Applicant is not { } applicant) continue;
                if (ProtectionZoneRule.FindConflict(applicant, others) is { } conflict)
                    problems.Add(new(line.ApplicationId.Value, "hierarchy-conflict",
                        $"{conflict.Name} ({conflict.Kind} {conflict.RegionCode}) is approved and nests with {applicant.Name} " +
                        $"({applicant.Kind} {applicant.RegionCode}); a city, a county in it and a park in that county are not approved together."));
                else others.Add(applicant);
            }
        }
        return problems;
    }

    /// <summary>The code a refusal of <paramref name="problems"/> answers with: theirs when they share one.</summary>
    public static string CodeOf(IReadOnlyList<BatchProblem> problems) =>
        problems.Select(p => p.Code).Distinct().Count() == 1 ? problems[0].Code : "batch-refused";

    /// <summary>
    /// The track's division records the batch (see <see cref="Check"/>): each listed review enters the decision and
    /// the track's ledger moves on, so that a concurrent decision on the same track fails instead of overspending.
    /// </summary>
    public static CollectiveDecision Record(
        Decider decider, TrackDivision track, DateOnly meetingDate, IReadOnlyList<string> participants,
        IReadOnlyList<ApprovalLine> approved, IReadOnlyList<RejectionLine> rejected,
        IReadOnlyDictionary<Guid, DecisionCandidate> candidates, IReadOnlyCollection<Commitment> standing, DateTimeOffset now)
    {
        var errors = Validate(meetingDate, participants, approved, rejected, ReviewCase.ChinaDate(now));
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)));
        ReviewCase.EnsureDivisionActs(decider, track.CallId, track.TrackId, track.Division);
        var problems = Check(track, approved, rejected, candidates, standing);
        if (problems.Count > 0) throw new BusinessRuleException(CodeOf(problems), string.Join(" ", problems.Select(p => p.Detail).Distinct()));

        var decision = new CollectiveDecision
        {
            Id = Guid.NewGuid(), CallId = track.CallId, TrackId = track.TrackId, CallVersion = track.CallVersion, MeetingDate = meetingDate,
            Participants = [.. participants.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim())],
            RecordedAtUtc = now.UtcDateTime, RecordedBy = decider.Actor.Name, PublicityDays = Math.Max(track.Rules.PublicityDays, 0),
            PublicityEndsAtUtc = PublicityEnd(now, track.Rules.PublicityDays).UtcDateTime, Status = CollectiveDecisionStatus.InPublicity,
        };
        foreach (var line in approved)
            decision.Items.Add(new DecisionItem(decision.Id, line.ApplicationId!.Value, ProvincialDecision.Approved, line.AmountCny, Trimmed(line.Remarks)));
        foreach (var line in rejected)
            decision.Items.Add(new DecisionItem(decision.Id, line.ApplicationId!.Value, ProvincialDecision.Rejected, null, Trimmed(line.Reason)));
        foreach (var item in decision.Items) candidates[item.ApplicationId].Review.EnterDecision(decision.Id);
        track.RecordDecision();
        return decision;
    }

    /// <summary>When the publicity period ends (see <see cref="PublicityEnd"/>).</summary>
    public DateTimeOffset PublicityEndsAt => new(DateTime.SpecifyKind(PublicityEndsAtUtc, DateTimeKind.Utc));

    /// <summary>The approvals of the batch still standing (not withdrawn on an objection).</summary>
    public IEnumerable<DecisionItem> Approvals => Items.Where(i => i.Outcome == ProvincialDecision.Approved);

    /// <summary>Input errors of an objection, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateObjection(Guid? applicationId, string? objector, string? grounds)
    {
        var errors = new Dictionary<string, string[]>();
        if (applicationId is null || applicationId == Guid.Empty) errors["applicationId"] = ["The application objected to is required."];
        if (string.IsNullOrWhiteSpace(objector)) errors["objector"] = ["Who objects is required."];
        if (string.IsNullOrWhiteSpace(grounds)) errors["grounds"] = ["The grounds of the objection are required."];
        return errors;
    }

    /// <summary>
    /// A province account records an objection (异议) to an approval of the batch, during the publicity period
    /// (from the recording until the period ends). Only an approval is objected to: the publicity lists approvals.
    /// </summary>
    public Objection Object(Actor by, Guid applicationId, string objector, string grounds, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateObjection(applicationId, objector, grounds));
        if (by.Role != PlatformRoles.Province)
            throw new ActRefusedException("not-the-province", $"Only the provincial office records objections; {by.Name} is a {by.Role} account.");
        EnsureInPublicity();
        if (now >= PublicityEndsAt)
            throw new BusinessRuleException("publicity-over", $"The publicity of decision {Id} ended at {PublicityEndsAt:yyyy-MM-dd HH:mm zzz}; no objection is recorded after it.");
        if (!Approvals.Any(i => i.ApplicationId == applicationId))
            throw new BusinessRuleException("not-approved-in-decision", $"Application {applicationId} is not an approval of decision {Id}; objections are to approvals.");
        var objection = new Objection(Id, applicationId, objector.Trim(), grounds.Trim(), by.Name, now.UtcDateTime);
        Objections.Add(objection);
        return objection;
    }

    /// <summary>Input errors of an objection's resolution, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateResolution(ObjectionOutcome? outcome, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (outcome is null or ObjectionOutcome.Open) errors["outcome"] = ["Upheld or Dismissed is required."];
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["A resolution needs its reason."];
        return errors;
    }

    /// <summary>
    /// The track's division resolves an objection: upheld, the approval is withdrawn and becomes a rejection on the
    /// objection's grounds; dismissed, the approval stands. Resolved once, before the final approval.
    /// </summary>
    public Objection Resolve(Decider decider, string? responsibleDivision, Guid objectionId, ObjectionOutcome outcome, string reason, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateResolution(outcome, reason));
        ReviewCase.EnsureDivisionActs(decider, CallId, TrackId, responsibleDivision);
        var objection = Objections.FirstOrDefault(o => o.Id == objectionId)
            ?? throw new KeyNotFoundException($"Decision {Id} has no objection {objectionId}.");
        EnsureInPublicity();
        if (objection.Outcome != ObjectionOutcome.Open)
            throw new BusinessRuleException("objection-resolved", $"Objection {objectionId} was already {objection.Outcome}.");
        objection.Resolve(outcome, reason.Trim(), decider.Actor.Name, now.UtcDateTime);
        if (outcome == ObjectionOutcome.Upheld)
            Items.Single(i => i.ApplicationId == objection.ApplicationId).Withdraw(objection.Grounds);
        return objection;
    }

    /// <summary>
    /// The track's division gives the final approval (立项) once the publicity period has ended and every objection
    /// is resolved: each application of the batch is decided as the batch now stands, one event each.
    /// </summary>
    /// <param name="candidates">The reviews of the batch with their applicants.</param>
    public IReadOnlyList<ApplicationDecided> Finalise(
        Decider decider, TrackDivision? track, IReadOnlyDictionary<Guid, DecisionCandidate> candidates, DateTimeOffset now)
    {
        ReviewCase.EnsureDivisionActs(decider, CallId, TrackId, track?.Division);
        EnsureInPublicity();
        if (now < PublicityEndsAt)
            throw new BusinessRuleException("publicity-running", $"The publicity of decision {Id} runs until {PublicityEndsAt.ToOffset(China):yyyy-MM-dd HH:mm zzz}; the final approval comes after it.");
        if (Objections.FirstOrDefault(o => o.Outcome == ObjectionOutcome.Open) is { } open)
            throw new BusinessRuleException("objection-open", $"Objection {open.Id} to application {open.ApplicationId} is not resolved yet.");

        var decided = Items.Select(item =>
        {
            var candidate = candidates[item.ApplicationId];
            return candidate.Review.Finalise(Id, item.Outcome, item.AmountCny, item.Reason, decider.Actor, candidate.Applicant!, track!.Rules, now)
                with { CallVersion = candidate.CallVersion };
        }).ToList();
        Status = CollectiveDecisionStatus.Final;
        FinalisedAtUtc = now.UtcDateTime;
        FinalisedBy = decider.Actor.Name;
        track!.RecordDecision();
        return decided;
    }

    void EnsureInPublicity()
    {
        if (Status == CollectiveDecisionStatus.Final)
            throw new BusinessRuleException("already-final", $"Decision {Id} was finally approved on {FinalisedAtUtc:yyyy-MM-dd}.");
    }

    static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // The API answers these as 400 before calling; reaching here is a programming error.
    static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)));
    }
}

/// <summary>One application of a collective decision and how the batch decides it.</summary>
public sealed class DecisionItem
{
    public long Id { get; private set; }
    public Guid DecisionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public ProvincialDecision Outcome { get; private set; }
    /// <summary>The amount granted; null for a rejection.</summary>
    public decimal? AmountCny { get; private set; }
    /// <summary>The rejection's reason, or an approval's remarks.</summary>
    public string? Reason { get; private set; }
    /// <summary>True when an upheld objection withdrew the approval: the line is now a rejection.</summary>
    public bool Withdrawn { get; private set; }

    DecisionItem() { }

    public DecisionItem(Guid decisionId, Guid applicationId, ProvincialDecision outcome, decimal? amountCny, string? reason)
    {
        DecisionId = decisionId;
        ApplicationId = applicationId;
        Outcome = outcome;
        AmountCny = amountCny;
        Reason = reason;
    }

    internal void Withdraw(string grounds)
    {
        if (Outcome != ProvincialDecision.Approved) return; // a second upheld objection changes nothing more
        Outcome = ProvincialDecision.Rejected;
        AmountCny = null;
        Reason = grounds;
        Withdrawn = true;
    }
}

/// <summary>Where an objection stands.</summary>
public enum ObjectionOutcome
{
    Open,
    /// <summary>The objection holds: the approval is withdrawn.</summary>
    Upheld,
    /// <summary>The objection does not hold: the approval stands.</summary>
    Dismissed,
}

/// <summary>An objection (异议) to an approval, raised during the publicity period.</summary>
public sealed class Objection
{
    public Guid Id { get; private set; }
    public Guid DecisionId { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>Who objects, as they named themselves (a unit, a person, anonymous).</summary>
    public string Objector { get; private set; } = "";
    public string Grounds { get; private set; } = "";
    /// <summary>The province account that recorded it.</summary>
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public ObjectionOutcome Outcome { get; private set; }
    public string? Resolution { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    Objection() { }

    public Objection(Guid decisionId, Guid applicationId, string objector, string grounds, string recordedBy, DateTime recordedAtUtc)
    {
        Id = Guid.NewGuid();
        DecisionId = decisionId;
        ApplicationId = applicationId;
        Objector = objector;
        Grounds = grounds;
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    internal void Resolve(ObjectionOutcome outcome, string reason, string by, DateTime atUtc)
    {
        Outcome = outcome;
        Resolution = reason;
        ResolvedBy = by;
        ResolvedAtUtc = atUtc;
    }
}
