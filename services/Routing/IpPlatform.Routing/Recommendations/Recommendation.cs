using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Security;
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
/// not ineligible application and, at the city, room in the city's quota for the track. The acting
/// office is the acting account: its role gives the level, its office code the jurisdiction.
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
    /// <summary>Version of the call the application was submitted under; its quota rule is that version's.</summary>
    public int? CallVersion { get; private set; }
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
        CallVersion = submitted.CallVersion;
        Status = RecommendationStatus.AtOffice;
        Note(submitted.SubmittedAt.UtcDateTime, "Submitted", null, submitted.By ?? Accountability.Platform,
            $"first office: {CurrentLevel} {OfficeOf(CurrentLevel)}");
    }

    /// <summary>Records (or replaces, on re-assessment) the eligibility outcome; the platform assesses, no account.</summary>
    public void RecordEligibility(EligibilityAssessed assessed)
    {
        Eligibility = assessed.Outcome;
        Note(assessed.AssessedAt.UtcDateTime, "EligibilityAssessed", null, Accountability.Platform, assessed.Outcome.ToString());
    }

    /// <summary>
    /// Who may see the case: the offices and the city government it passes through (by jurisdiction, whatever
    /// its level now), and the provincial roles, finance and agencies. Anyone else is told it does not exist.
    /// </summary>
    public bool CanBeReadBy(Actor actor) => actor.Role switch
    {
        PlatformRoles.CountyOffice => actor.OfficeCode == RegionCode,
        PlatformRoles.CityOffice or PlatformRoles.CityGovernment => actor.OfficeCode == CityCode,
        PlatformRoles.Province or PlatformRoles.Admin or PlatformRoles.Expert or PlatformRoles.Finance or PlatformRoles.Agency => true,
        _ => false,
    };

    /// <summary>
    /// The acting office recommends the application to the next level: a county recommendation moves it to
    /// the city office, a city recommendation forwards it to the province.
    /// </summary>
    /// <param name="actor">The acting account: a county office, a city office, or a city government on protection-zone.</param>
    /// <param name="cityQuota">Recommendations the city has made on this call and track; enforced at city level only.</param>
    public ApplicationRecommended Recommend(Actor actor, string opinion, QuotaUsage cityQuota, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opinion);
        var level = EnsureActionableBy(actor);
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
        var office = OfficeOf(level);
        Note(now.UtcDateTime, "Recommended", $"{level} {office}", actor, note);
        return new ApplicationRecommended(ApplicationId, CallId, TrackId, level, office, opinion, now) { By = actor };
    }

    /// <summary>The acting office returns the application to the applicant; the case is closed.</summary>
    public ApplicationReturned Return(Actor actor, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var level = EnsureActionableBy(actor);
        var office = OfficeOf(level);
        Status = RecommendationStatus.Returned;
        Note(now.UtcDateTime, "Returned", $"{level} {office}", actor, reason);
        return new ApplicationReturned(ApplicationId, level, office, reason, now) { By = actor };
    }

    /// <summary>The jurisdiction of the office at <paramref name="level"/> for this applicant.</summary>
    public string OfficeOf(OfficeLevel level) => level == OfficeLevel.County ? RegionCode : CityCode;

    /// <summary>The level an account acts at: a county office at the county, a city office or city government at the city.</summary>
    static OfficeLevel? LevelOf(Actor actor) => actor.Role switch
    {
        PlatformRoles.CountyOffice => OfficeLevel.County,
        PlatformRoles.CityOffice or PlatformRoles.CityGovernment => OfficeLevel.City,
        _ => null,
    };

    /// <summary>
    /// Who gives the city-level opinion: on protection-zone the city government (spec §3: 设区市人民政府出具推荐意见),
    /// on every other track the city office.
    /// </summary>
    string CityLevelRole => TrackId == ProtectionZoneTrack ? PlatformRoles.CityGovernment : PlatformRoles.CityOffice;

    const string ProtectionZoneTrack = "protection-zone";

    /// <summary>
    /// The level <paramref name="actor"/> acts at, once it is sure the account may act on this case now. Who the
    /// account is (jurisdiction, role for the level) is checked before the case's state, so an outsider learns
    /// nothing about the case from the refusal.
    /// </summary>
    OfficeLevel EnsureActionableBy(Actor actor)
    {
        if (Status == RecommendationStatus.AwaitingSubmission)
            throw new BusinessRuleException("not-submitted", $"Application {ApplicationId} has not reached routing yet.");
        var level = LevelOf(actor)
            ?? throw new ActRefusedException("wrong-office", $"A {actor.Role} account neither recommends nor returns applications.");
        if (actor.OfficeCode != OfficeOf(level))
            throw new ActRefusedException("outside-jurisdiction",
                $"Office {actor.OfficeCode} has no jurisdiction over application {ApplicationId}; its {level} office is {OfficeOf(level)}.");
        if (level == OfficeLevel.City && actor.Role != CityLevelRole)
            throw new ActRefusedException("wrong-office",
                $"On track '{TrackId}' the city-level opinion is given by the {CityLevelRole}, not the {actor.Role}.");
        switch (Status)
        {
            case RecommendationStatus.Returned:
                throw new BusinessRuleException("case-closed", $"Application {ApplicationId} was returned; no office can act on it any more.");
            case RecommendationStatus.ForwardedToProvince:
                throw new BusinessRuleException("case-closed", $"Application {ApplicationId} is with the province; no office can act on it any more.");
        }
        if (level != CurrentLevel)
            throw new BusinessRuleException("wrong-level", $"Application {ApplicationId} is with the {CurrentLevel} office, not the {level} office.");
        return level;
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

    void Note(DateTime atUtc, string what, string? office, Actor by, string? note) =>
        History.Add(new RoutingStep(ApplicationId, atUtc, what, office, by.Name, by.Role, by.OfficeCode, note));
}

/// <summary>One history row of a case: what happened, which office did it, which account acted, when, and its note.</summary>
public sealed class RoutingStep(
    Guid applicationId, DateTime atUtc, string what, string? office, string? byName, string? byRole, string? byOffice, string? note)
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; } = applicationId;
    public DateTime AtUtc { get; private set; } = atUtc;
    public string What { get; private set; } = what;
    /// <summary>The office level and jurisdiction that acted, e.g. <c>County 320583</c>; null for the platform's steps.</summary>
    public string? Office { get; private set; } = office;
    /// <summary>The acting account's name (<c>platform</c> for automatic steps); null on rows older than accounts.</summary>
    public string? ByName { get; private set; } = byName;
    public string? ByRole { get; private set; } = byRole;
    public string? ByOffice { get; private set; } = byOffice;
    public string? Note { get; private set; } = note;
}
