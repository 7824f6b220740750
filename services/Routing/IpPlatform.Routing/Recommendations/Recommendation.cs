using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using Kind = IpPlatform.Contracts.Applications.ApplicantKind;

namespace IpPlatform.Routing.Recommendations;

/// <summary>Where a recommendation case stands on its way up to the province.</summary>
public enum RecommendationStatus
{
    /// <summary>Eligibility arrived before the submission (events come in any order); no office can act yet.</summary>
    AwaitingSubmission,
    /// <summary>Waiting for the office at <see cref="Recommendation.CurrentLevel"/>.</summary>
    AtOffice,
    /// <summary>Recommended by the city office; the province reviews it. Closed for the offices.</summary>
    ForwardedToProvince,
    /// <summary>Returned to the applicant by an office. Closed.</summary>
    Returned,
}

/// <summary>
/// One application's way up the hierarchy (spec §3): county office → city office → province. Offices act
/// only at the case's current level and within their own jurisdiction; recommending needs an assessed,
/// not ineligible application and, at the city, room in the city's quota for the track.
/// </summary>
public sealed class Recommendation
{
    public Guid ApplicationId { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string ApplicantKind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public OfficeLevel CurrentLevel { get; private set; }
    public RecommendationStatus Status { get; private set; }
    public EligibilityOutcome? Eligibility { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? ForwardedAtUtc { get; private set; }
    /// <summary>
    /// The place this application takes in its city's quota for the track (1, 2, …), unique per call, track
    /// and city: two offices racing for the last place cannot both get it.
    /// </summary>
    public int? CityQuotaSlot { get; private set; }
    public List<RoutingStep> History { get; private set; } = [];

    Recommendation() { }

    /// <summary>Opens the case of a submitted application at its first office.</summary>
    public static Recommendation Open(ApplicationSubmitted submitted)
    {
        var recommendation = new Recommendation
        {
            ApplicationId = submitted.ApplicationId, CallId = submitted.CallId, TrackId = submitted.TrackId,
            Status = RecommendationStatus.AwaitingSubmission,
        };
        recommendation.AttachSubmission(submitted);
        return recommendation;
    }

    /// <summary>A placeholder holding an assessment that overtook its submission.</summary>
    public static Recommendation AwaitingSubmission(EligibilityAssessed assessed)
    {
        var recommendation = new Recommendation
        {
            ApplicationId = assessed.ApplicationId, CallId = assessed.CallId, TrackId = assessed.TrackId,
            Status = RecommendationStatus.AwaitingSubmission,
        };
        recommendation.RecordEligibility(assessed);
        return recommendation;
    }

    public bool IsSubmitted => Status != RecommendationStatus.AwaitingSubmission;

    /// <summary>Fills a placeholder with the submitted application and puts it before its first office.</summary>
    public void AttachSubmission(ApplicationSubmitted submitted)
    {
        if (IsSubmitted) throw new InvalidOperationException($"Case {ApplicationId} already has its submission.");
        var applicant = submitted.Document.Applicant ?? new Applicant();
        ApplicantName = applicant.Name ?? "";
        CreditCode = applicant.CreditCode ?? "";
        ApplicantKind = applicant.Kind?.ToString() ?? "";
        RegionCode = applicant.RegionCode ?? "";
        CityCode = Regions.CityOf(RegionCode);
        CurrentLevel = FirstLevel(submitted.TrackId, applicant, RegionCode);
        SubmittedAtUtc = submitted.SubmittedAt.UtcDateTime;
        Status = RecommendationStatus.AtOffice;
        Note(submitted.SubmittedAt.UtcDateTime, "Submitted", null, $"first office: {CurrentLevel} {OfficeOf(CurrentLevel)}");
    }

    /// <summary>Records (or replaces, on re-assessment) the eligibility outcome.</summary>
    public void RecordEligibility(EligibilityAssessed assessed)
    {
        Eligibility = assessed.Outcome;
        Note(assessed.AssessedAt.UtcDateTime, "EligibilityAssessed", null, assessed.Outcome.ToString());
    }

    /// <summary>
    /// The office recommends the application to the next level: a county recommendation moves it to the
    /// city office, a city recommendation forwards it to the province.
    /// </summary>
    /// <param name="cityQuota">Recommendations the city has made on this call and track; enforced at city level only.</param>
    public ApplicationRecommended Recommend(OfficeLevel level, string officeRegionCode, string opinion, QuotaUsage cityQuota, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opinion);
        EnsureActionableBy(level, officeRegionCode);
        switch (Eligibility)
        {
            case null:
                throw new BusinessRuleException("not-assessed", $"Application {ApplicationId} has not been assessed for eligibility yet.");
            case EligibilityOutcome.Ineligible:
                throw new BusinessRuleException("ineligible", $"Application {ApplicationId} was assessed ineligible and cannot be recommended.");
        }
        if (level == OfficeLevel.City) cityQuota.EnsureRoomForOneMore(TrackId, CityCode);

        // Facts the rules could not decide: the office vouches for them by recommending, which the audit keeps.
        var note = Eligibility == EligibilityOutcome.NeedsReview
            ? $"{opinion} [eligibility NeedsReview: recommended on the office's responsibility]"
            : opinion;
        if (level == OfficeLevel.County)
            CurrentLevel = OfficeLevel.City;
        else
        {
            Status = RecommendationStatus.ForwardedToProvince;
            ForwardedAtUtc = now.UtcDateTime;
            CityQuotaSlot = cityQuota.Used + 1;
        }
        Note(now.UtcDateTime, "Recommended", $"{level} {officeRegionCode}", note);
        return new ApplicationRecommended(ApplicationId, CallId, TrackId, level, officeRegionCode, opinion, now);
    }

    /// <summary>The office returns the application to the applicant; the case is closed.</summary>
    public ApplicationReturned Return(OfficeLevel level, string officeRegionCode, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsureActionableBy(level, officeRegionCode);
        Status = RecommendationStatus.Returned;
        Note(now.UtcDateTime, "Returned", $"{level} {officeRegionCode}", reason);
        return new ApplicationReturned(ApplicationId, level, officeRegionCode, reason, now);
    }

    /// <summary>The jurisdiction of the office at <paramref name="level"/> for this applicant.</summary>
    public string OfficeOf(OfficeLevel level) => level == OfficeLevel.County ? RegionCode : CityCode;

    void EnsureActionableBy(OfficeLevel level, string officeRegionCode)
    {
        switch (Status)
        {
            case RecommendationStatus.AwaitingSubmission:
                throw new BusinessRuleException("not-submitted", $"Application {ApplicationId} has not reached routing yet.");
            case RecommendationStatus.Returned:
                throw new BusinessRuleException("case-closed", $"Application {ApplicationId} was returned; no office can act on it any more.");
            case RecommendationStatus.ForwardedToProvince:
                throw new BusinessRuleException("case-closed", $"Application {ApplicationId} is with the province; no office can act on it any more.");
        }
        if (level != CurrentLevel)
            throw new BusinessRuleException("wrong-level", $"Application {ApplicationId} is with the {CurrentLevel} office, not the {level} office.");
        if (officeRegionCode != OfficeOf(level))
            throw new BusinessRuleException("outside-jurisdiction",
                $"Office {officeRegionCode} has no jurisdiction over application {ApplicationId}; its {level} office is {OfficeOf(level)}.");
    }

    // Spec §3 routing paths. A city government, and a unit registered at city level, have no county office above them.
    static OfficeLevel FirstLevel(string trackId, Applicant applicant, string regionCode)
    {
        if (applicant.Kind == Kind.CityGovernment || Regions.IsCity(regionCode)) return OfficeLevel.City;
        return trackId switch
        {
            "univ-operation" or "industry-center" => OfficeLevel.City,
            "hvp-new" or "hvp-upgrade" when applicant.ProvincialOrMinisterial == true => OfficeLevel.City,
            _ => OfficeLevel.County,
        };
    }

    void Note(DateTime atUtc, string what, string? office, string? note) =>
        History.Add(new RoutingStep(ApplicationId, atUtc, what, office, note));
}

/// <summary>One audit row of a case: what happened, which office did it, when, and its note.</summary>
public sealed class RoutingStep(Guid applicationId, DateTime atUtc, string what, string? office, string? note)
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; } = applicationId;
    public DateTime AtUtc { get; private set; } = atUtc;
    public string What { get; private set; } = what;
    public string? Office { get; private set; } = office;
    public string? Note { get; private set; } = note;
}
