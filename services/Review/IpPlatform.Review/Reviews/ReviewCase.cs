using IpPlatform.Contracts.Events;

namespace IpPlatform.Review.Reviews;

/// <summary>Where a provincial review stands.</summary>
public enum ReviewStatus
{
    /// <summary>Recommended by the city office; experts score it, then the province decides.</summary>
    InReview,
    /// <summary>The province decided; final.</summary>
    Decided,
    /// <summary>Returned to the applicant before a decision; it can be neither scored nor decided.</summary>
    Closed,
}

/// <summary>
/// An application in the provincial review (spec §5): experts score it once each, then the province
/// decides collectively on the scores it has, once.
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
    public static Dictionary<string, string[]> ValidateScore(string? expert, decimal? score)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(expert)) errors["expert"] = ["The expert's name or id is required."];
        if (score is not (>= 0 and <= 100)) errors["score"] = ["A score from 0 to 100 is required."];
        return errors;
    }

    /// <summary>Records an expert's score. Each expert scores once; a score is never replaced.</summary>
    public ExpertScoreRecorded RecordScore(string expert, decimal score, string? comment, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateScore(expert, score));
        EnsureUndecided();
        expert = expert.Trim();
        if (Scores.Any(s => s.Expert == expert))
            throw new BusinessRuleException("already-scored", $"Expert {expert} has already scored application {ApplicationId}; a score is not replaced.");
        Scores.Add(new ExpertScore(ApplicationId, expert, score, comment?.Trim(), now.UtcDateTime));
        return new ExpertScoreRecorded(ApplicationId, expert, score, now);
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
    /// The province's decision, once, on at least one expert score. For <c>protection-zone</c> an approval
    /// must not nest with another approved unit of the same call and track (<see cref="ProtectionZoneRule"/>).
    /// </summary>
    /// <param name="applicant">Who applied; null when the submission has not reached the review service.</param>
    /// <param name="otherApprovedInSameCallTrack">Applicants already approved on the same call and track.</param>
    public ApplicationDecided Decide(
        ProvincialDecision decision, decimal? approvedAmountCny, string? reason, ApplicantSummary? applicant,
        IReadOnlyCollection<ApplicantSummary> otherApprovedInSameCallTrack, DateTimeOffset now)
    {
        ThrowIfInvalid(ValidateDecision(decision, approvedAmountCny, reason));
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
        return new ApplicationDecided(ApplicationId, CallId, TrackId, decision, ApprovedAmountCny, AverageScore, DecisionReason, applicant, now);
    }

    /// <summary>An office returned the application: an open review ends without a decision. A decision stands.</summary>
    public void Close(ApplicationReturned returned)
    {
        if (Status != ReviewStatus.InReview) return;
        Status = ReviewStatus.Closed;
        ClosedReason = $"{returned.Level} {returned.OfficeRegionCode}: {returned.Reason}";
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
