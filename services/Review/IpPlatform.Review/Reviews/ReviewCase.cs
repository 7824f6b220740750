using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Security;

namespace IpPlatform.Review.Reviews;

/// <summary>Where a provincial review stands.</summary>
public enum ReviewStatus
{
    /// <summary>Recommended by the city office; experts score it, then the province decides.</summary>
    InReview,
    /// <summary>The province decided; final.</summary>
    Decided,
    /// <summary>Returned to the applicant by the province before a decision; it can be neither scored nor decided.</summary>
    Closed,
}

/// <summary>
/// An application in the provincial review (spec §5): experts score it once each, then the province
/// decides collectively on the scores it has, once — through the division responsible for its track.
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
    public List<ExpertScore> Scores { get; private set; } = [];

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

    /// <summary>Input errors of a score, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> ValidateScore(decimal? score)
    {
        var errors = new Dictionary<string, string[]>();
        if (score is not (>= 0 and <= 100)) errors["score"] = ["A score from 0 to 100 is required."];
        return errors;
    }

    /// <summary>
    /// Records the acting expert's score, under the expert's account name. Each expert scores once; a score is
    /// never replaced.
    /// </summary>
    public ExpertScoreRecorded RecordScore(Actor expert, decimal score, string? comment, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateScore(score));
        if (expert.Role != PlatformRoles.Expert)
            throw new ActRefusedException("not-an-expert", $"Only experts score; {expert.Name} is a {expert.Role} account.");
        EnsureUndecided();
        if (Scores.Any(s => s.Expert == expert.Name))
            throw new BusinessRuleException("already-scored", $"Expert {expert.Name} has already scored application {ApplicationId}; a score is not replaced.");
        Scores.Add(new ExpertScore(ApplicationId, expert.Name, score, comment?.Trim(), now.UtcDateTime));
        return new ExpertScoreRecorded(ApplicationId, expert.Name, score, now) { By = expert };
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
    /// The province's decision, once, on at least one expert score, by an account of the division responsible
    /// for the track. For <c>protection-zone</c> an approval must not nest with another approved unit of the
    /// same call and track (<see cref="ProtectionZoneRule"/>).
    /// </summary>
    /// <param name="decider">The deciding province account and the divisions it belongs to.</param>
    /// <param name="responsibleDivision">The track's division as the call names it; null while the call is unknown here.</param>
    /// <param name="applicant">Who applied; null when the submission has not reached the review service.</param>
    /// <param name="otherApprovedInSameCallTrack">Applicants already approved on the same call and track.</param>
    public ApplicationDecided Decide(
        Decider decider, string? responsibleDivision, ProvincialDecision decision, decimal? approvedAmountCny, string? reason,
        ApplicantSummary? applicant, IReadOnlyCollection<ApplicantSummary> otherApprovedInSameCallTrack, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateDecision(decision, approvedAmountCny, reason));
        EnsureDecidableBy(decider, responsibleDivision);
        EnsureUndecided();
        if (Scores.Count == 0)
            throw new BusinessRuleException("no-scores", $"Application {ApplicationId} has no expert score yet; the province decides after expert review.");
        if (applicant is null)
            throw new BusinessRuleException("applicant-unknown", $"The submission of application {ApplicationId} has not reached the review service yet.");
        if (decision == ProvincialDecision.Approved && TrackId == ProtectionZoneRule.TrackId
            && ProtectionZoneRule.FindConflict(applicant, otherApprovedInSameCallTrack) is { } conflict)
            throw new BusinessRuleException("hierarchy-conflict",
                $"{conflict.Name} ({conflict.Kind} {conflict.RegionCode}) is already approved and nests with {applicant.Name} " +
                $"({applicant.Kind} {applicant.RegionCode}); a city, a county in it and a park in that county are not approved together.");

        Status = ReviewStatus.Decided;
        Decision = decision;
        ApprovedAmountCny = decision == ProvincialDecision.Approved ? approvedAmountCny : null;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedAtUtc = now.UtcDateTime;
        DecidedBy = decider.Actor.Name;
        return new ApplicationDecided(ApplicationId, CallId, TrackId, decision, ApprovedAmountCny, AverageScore, DecisionReason, applicant, now)
        {
            By = decider.Actor,
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
        EnsureUndecided();
        Status = ReviewStatus.Closed;
        ClosedReason = $"{decider.Actor.Name}: {reason.Trim()}";
        return new ApplicationReturned(ApplicationId, OfficeLevel.Province, Regions.ProvinceCode, reason.Trim(), now) { By = decider.Actor };
    }

    // Who the account is comes before the case's state: another division learns nothing about the case.
    void EnsureDecidableBy(Decider decider, string? responsibleDivision)
    {
        if (decider.Actor.Role != PlatformRoles.Province)
            throw new ActRefusedException("not-the-province", $"Only the provincial office decides; {decider.Actor.Name} is a {decider.Actor.Role} account.");
        if (string.IsNullOrWhiteSpace(responsibleDivision))
            throw new BusinessRuleException("call-unknown",
                $"The review service does not know which division is responsible for track '{TrackId}' of call {CallId} yet (no CallPublished naming it).");
        if (!decider.Divisions.Contains(responsibleDivision))
            throw new ActRefusedException("other-division",
                $"Track '{TrackId}' of call {CallId} is decided by {responsibleDivision}; {decider.Actor.Name} belongs to {string.Join("、", decider.Divisions)}.");
    }

    void EnsureUndecided()
    {
        if (Status == ReviewStatus.Closed)
            throw new BusinessRuleException("case-closed", $"Application {ApplicationId} was returned ({ClosedReason}); it cannot be reviewed or decided.");
        if (Status == ReviewStatus.Decided)
            throw new BusinessRuleException("already-decided", $"Application {ApplicationId} was already {Decision}.");
    }

    // The API answers these as 400 before calling; reaching here is a programming error.
    static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)));
    }
}

/// <summary>A province account deciding: who it is, and the divisions (<c>divisionZh</c>) it decides for.</summary>
public sealed record Decider(Actor Actor, IReadOnlyCollection<string> Divisions);

/// <summary>
/// The provincial division responsible for one track of a call (the call's <c>divisionZh</c>), as the last
/// <see cref="CallPublished"/> of the call named it. Only that division's accounts decide the track's cases.
/// </summary>
public sealed class TrackDivision
{
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    /// <summary>Null when the call names no division for the track: then nobody may decide it yet.</summary>
    public string? Division { get; private set; }

    TrackDivision() { }

    public TrackDivision(string callId, TrackDefinition track)
    {
        CallId = callId;
        TrackId = track.Id;
        Division = track.DivisionZh;
    }

    /// <summary>Publishing a call again replaces its divisions.</summary>
    public void Replace(TrackDefinition track) => Division = track.DivisionZh;
}

/// <summary>One expert's score of an application.</summary>
public sealed class ExpertScore(Guid applicationId, string expert, decimal score, string? comment, DateTime atUtc)
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; } = applicationId;
    public string Expert { get; private set; } = expert;
    public decimal Score { get; private set; } = score;
    public string? Comment { get; private set; } = comment;
    public DateTime AtUtc { get; private set; } = atUtc;
}

/// <summary>The review service's copy of who applied, from the submission; needed for decisions and the protection-zone rule.</summary>
public sealed class KnownApplicant
{
    public Guid ApplicationId { get; private set; }
    public string Name { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";

    KnownApplicant() { }

    public static KnownApplicant From(ApplicationSubmitted submitted) => new()
    {
        ApplicationId = submitted.ApplicationId,
        Name = submitted.Document.Applicant?.Name ?? "",
        CreditCode = submitted.Document.Applicant?.CreditCode ?? "",
        Kind = submitted.Document.Applicant?.Kind?.ToString() ?? "",
        RegionCode = submitted.Document.Applicant?.RegionCode ?? "",
    };

    public ApplicantSummary Summary => new(Name, CreditCode, Kind, RegionCode);
}
