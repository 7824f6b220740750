using System.Linq.Expressions;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Security;

namespace IpPlatform.Routing.Recommendations;

/// <summary>Where a recommendation case stands on its way up to the province.</summary>
public enum RecommendationStatus
{
    /// <summary>Eligibility arrived before the submission (events come in any order); no office can act yet.</summary>
    AwaitingSubmission,
    /// <summary>Waiting for the office at <see cref="Recommendation.CurrentLevel"/>.</summary>
    AtOffice,
    /// <summary>
    /// With the province, which reviews it: recommended by the city, or sent straight there at submission when the
    /// call makes the province its first office (<see cref="Recommendation.CurrentLevel"/> is then Province). Closed for the offices.
    /// </summary>
    ForwardedToProvince,
    /// <summary>Returned to the applicant by an office. Closed.</summary>
    Returned,
}

/// <summary>
/// One application's way up the hierarchy (spec §3): county office → city office → province, starting where the
/// routing rules of its call version say (county, city or straight to the province). Offices act
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
    /// <summary>Who gives the city-level opinion on this case, from the track's routing rules at submission.</summary>
    public CityOpinionGiver CityOpinionBy { get; private set; }
    /// <summary>Project name as submitted (项目名称), for the city's summary table.</summary>
    public string ProjectName { get; private set; } = "";
    /// <summary>Provincial funds requested as submitted (申请省级财政资金), CNY; null when the application states none.</summary>
    public decimal? ProvincialFundsCny { get; private set; }
    /// <summary>The county office's recommendation opinion; null until it recommends (or when the case started higher).</summary>
    public string? CountyOpinion { get; private set; }
    /// <summary>The city-level recommendation opinion; null until the city recommends.</summary>
    public string? CityOpinion { get; private set; }
    public List<RoutingStep> History { get; private set; } = [];

    Recommendation() { }

    /// <summary>Opens the case of a submitted application at the first office <paramref name="rules"/> give it.</summary>
    /// <param name="rules">The track's routing rules of the call version it was submitted under; null: the structural defaults.</param>
    public static Recommendation Open(ApplicationSubmitted submitted, RoutingRules? rules = null)
    {
        var recommendation = Placeholder(submitted);
        recommendation.AttachSubmission(submitted, rules);
        return recommendation;
    }

    /// <summary>An empty case for <paramref name="submitted"/>, to be filled by <see cref="AttachSubmission"/>.</summary>
    public static Recommendation Placeholder(ApplicationSubmitted submitted) => new()
    {
        ApplicationId = submitted.ApplicationId, CallId = submitted.CallId, TrackId = submitted.TrackId,
        Status = RecommendationStatus.AwaitingSubmission,
    };

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

    /// <summary>
    /// Fills a placeholder with the submitted application and puts it before its first office. When the rules make
    /// the province the first office, the case is forwarded at once: no office acts on it and it takes no city
    /// quota; the returned event (to publish) tells the province.
    /// </summary>
    /// <param name="rules">The track's routing rules of the call version it was submitted under; null: the structural defaults.</param>
    public ApplicationForwardedToProvince? AttachSubmission(ApplicationSubmitted submitted, RoutingRules? rules = null)
    {
        if (IsSubmitted) throw new InvalidOperationException($"Case {ApplicationId} already has its submission.");
        var rulesKnown = rules is not null;
        rules ??= new RoutingRules();
        var applicant = submitted.Document.Applicant ?? new Applicant();
        ApplicantName = applicant.Name ?? "";
        CreditCode = applicant.CreditCode ?? "";
        ApplicantKind = applicant.Kind?.ToString() ?? "";
        RegionCode = applicant.RegionCode ?? "";
        CityCode = Regions.CityOf(RegionCode);
        ProjectName = submitted.Document.Project?.Name?.Trim() ?? "";
        ProvincialFundsCny = submitted.Document.Budget?.ProvincialFundsCny;
        CityOpinionBy = rules.CityOpinionBy;
        CurrentLevel = FirstLevel(rules, applicant, RegionCode);
        SubmittedAtUtc = submitted.SubmittedAt.UtcDateTime;
        CallVersion = submitted.CallVersion;
        var by = submitted.By ?? Accountability.Platform;
        // Without the call's rules the path is the structural default; the history says so, for an office to notice.
        Note(submitted.SubmittedAt.UtcDateTime, "Submitted", null, by,
            $"first office: {CurrentLevel} {OfficeOf(CurrentLevel)}{(rulesKnown ? "" : " (the call's routing rules were unknown to routing: default path)")}");
        if (CurrentLevel != OfficeLevel.Province)
        {
            Status = RecommendationStatus.AtOffice;
            return null;
        }
        Status = RecommendationStatus.ForwardedToProvince;
        ForwardedAtUtc = submitted.SubmittedAt.UtcDateTime;
        Note(submitted.SubmittedAt.UtcDateTime, "ForwardedToProvince", null, Accountability.Platform,
            "the call's routing rules send it straight to the province; no office recommends it");
        return new ApplicationForwardedToProvince(ApplicationId, CallId, TrackId, CityCode, submitted.SubmittedAt) { By = submitted.By };
    }

    /// <summary>Whether the city recommended the case to the province (rather than it going there at submission).</summary>
    public bool ForwardedByCity => CityQuotaSlot is not null;

    /// <summary>
    /// The cases a city recommended of <paramref name="callId"/>: one place of its quota each (<see cref="CityQuotaSlot"/>),
    /// kept when the province later returns the application — the city made that recommendation. A case sent straight
    /// to the province at submission has none. Province-administered counties are within their city's code.
    /// </summary>
    public static Expression<Func<Recommendation, bool>> RecommendedByCity(string callId, string cityCode) =>
        r => r.CallId == callId && r.CityCode == cityCode && r.CityQuotaSlot != null;

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
        if (level == OfficeLevel.City)
        {
            // The delivered summary table is the city's list for the track; a recommendation after it would not be on it.
            if (cityQuota.TableDelivered)
                throw new BusinessRuleException("summary-delivered",
                    $"City {CityCode} has delivered its summary table of track '{TrackId}'; it recommends no more applications on it.");
            cityQuota.EnsureRoomForOneMore(TrackId, CityCode);
        }

        // Facts the rules could not decide: the office vouches for them by recommending, which the audit keeps.
        var note = Eligibility == EligibilityOutcome.NeedsReview
            ? $"{opinion} [eligibility NeedsReview: recommended on the office's responsibility]"
            : opinion;
        if (level == OfficeLevel.County)
        {
            CurrentLevel = OfficeLevel.City;
            CountyOpinion = opinion;
        }
        else
        {
            CityOpinion = opinion;
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

    /// <summary>
    /// The province returned the application from its review (Review's ApplicationReturned at Province level): the
    /// case closes wherever it stands. False, with nothing changed, when it was already returned.
    /// </summary>
    public bool RecordProvinceReturn(ApplicationReturned returned)
    {
        if (returned.Level != OfficeLevel.Province)
            throw new ArgumentException("Only the province's return is recorded here; the offices return through Return.", nameof(returned));
        if (Status == RecommendationStatus.Returned) return false;
        Status = RecommendationStatus.Returned;
        Note(returned.ReturnedAt.UtcDateTime, "Returned", $"Province {returned.OfficeRegionCode}", returned.By ?? Accountability.Platform, returned.Reason);
        return true;
    }

    /// <summary>
    /// An office recorded the paper copy at its window. Always a history row; when the copy does not match the
    /// submitted record (notice §四: paper and online identical) and the case is still with an office, the case is
    /// returned with the office's reason by the office that checked it, and the returned event is to be published.
    /// A forwarded case is the province's to return: the row then only records the mismatch.
    /// </summary>
    public ApplicationReturned? RecordPaperCopy(PaperCopyReceived paper)
    {
        var by = paper.By ?? Accountability.Platform;
        var office = $"{paper.Level} {paper.OfficeRegionCode}";
        var reason = string.IsNullOrWhiteSpace(paper.Reason) ? "纸质材料与网上申报内容不一致" : paper.Reason.Trim();
        var copy = $"received {paper.ReceivedOn:yyyy-MM-dd}, {paper.Copies} cop{(paper.Copies == 1 ? "y" : "ies")}";
        if (paper.Matches || Status != RecommendationStatus.AtOffice)
        {
            Note(paper.RecordedAt.UtcDateTime, "PaperCopyReceived", office, by,
                paper.Matches ? $"{copy}; matches the submitted record" : $"{copy}; does not match: {reason} (case {Status}, not returned here)");
            return null;
        }
        Note(paper.RecordedAt.UtcDateTime, "PaperCopyReceived", office, by, $"{copy}; does not match: {reason}");
        Status = RecommendationStatus.Returned;
        Note(paper.RecordedAt.UtcDateTime, "Returned", office, by, reason);
        return new ApplicationReturned(ApplicationId, paper.Level, paper.OfficeRegionCode, reason, paper.RecordedAt) { By = paper.By };
    }

    /// <summary>The jurisdiction of the office at <paramref name="level"/> for this applicant.</summary>
    public string OfficeOf(OfficeLevel level) => level switch
    {
        OfficeLevel.County => RegionCode,
        OfficeLevel.Province => Regions.ProvinceCode,
        _ => CityCode,
    };

    /// <summary>The level an account acts at: a county office at the county, a city office or city government at the city.</summary>
    static OfficeLevel? LevelOf(Actor actor) => actor.Role switch
    {
        PlatformRoles.CountyOffice => OfficeLevel.County,
        PlatformRoles.CityOffice or PlatformRoles.CityGovernment => OfficeLevel.City,
        _ => null,
    };

    /// <summary>
    /// Who gives the city-level opinion, as the track's routing rules say (2022: the city government on
    /// protection-zone, spec §3: 设区市人民政府出具推荐意见; the city office elsewhere).
    /// </summary>
    string CityLevelRole => CityOpinionBy == CityOpinionGiver.CityGovernment ? PlatformRoles.CityGovernment : PlatformRoles.CityOffice;

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

    /// <summary>
    /// The first office from the call's rules (spec §3 as data): the first rule of the applicant's kind (and, when the
    /// rule says, provincial-or-ministerial status) wins; no rule means the county office. Structurally, a unit
    /// registered at a city code has no county office above it, so a county start becomes the city.
    /// </summary>
    public static OfficeLevel FirstLevel(RoutingRules rules, Applicant applicant, string regionCode)
    {
        var rule = rules.FirstOffice.FirstOrDefault(r => r.Kind == applicant.Kind
            && (r.ProvincialOrMinisterial is null || r.ProvincialOrMinisterial == applicant.ProvincialOrMinisterial));
        var level = rule?.Level ?? OfficeLevel.County;
        return level == OfficeLevel.County && Regions.IsCity(regionCode) ? OfficeLevel.City : level;
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
