using System.Linq.Expressions;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Security;

namespace IpPlatform.Intake.Applications;

/// <summary>Where an application stands. Only moves forward; <see cref="Returned"/> and the decisions end the way up.</summary>
public enum ApplicationStage
{
    Draft,
    Submitted,
    RecommendedByCounty,
    RecommendedByCity,
    Returned,
    Rejected,
    Approved,
    ProjectStarted,
}

/// <summary>
/// An application as the applicant sees it: the document they wrote, its submission, and a view of its
/// progress built from the other services' events. It belongs to the organisation whose applicant account
/// created it; only that organisation changes it, and who else may read it is <see cref="ReadableBy"/>.
/// </summary>
public sealed class Application
{
    public Guid Id { get; private set; }
    /// <summary>Credit code of the owning organisation (the creating account's <c>org</c> claim).</summary>
    public string OwnerCreditCode { get; private set; } = "";
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string ApplicantKind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    /// <summary>The city <see cref="RegionCode"/> lies in, stored so that a city's worklist is an indexed query.</summary>
    public string CityCode { get; private set; } = "";
    /// <summary>The document exactly as accepted (application-facts.md), the content of the printed form.</summary>
    public string DocumentText { get; private set; } = "";
    public ApplicationStage Stage { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    /// <summary>Version of the call it was submitted under; later corrections of the call do not change its rules.</summary>
    public int? CallVersion { get; private set; }

    public EligibilityOutcome? Eligibility { get; private set; }
    public string? EligibilityFindingsJson { get; private set; }
    public OfficeLevel? LastOfficeLevel { get; private set; }
    public string? LastOfficeRegionCode { get; private set; }
    public string? LastOfficeNote { get; private set; }
    public ProvincialDecision? Decision { get; private set; }
    public decimal? ApprovedAmountCny { get; private set; }
    public decimal DisbursedCny { get; private set; }
    public Guid? ProjectId { get; private set; }
    public DateOnly? EvaluationDueOn { get; private set; }

    public List<ApplicationEvent> Timeline { get; private set; } = [];
    /// <summary>
    /// Bumped by every change: events of one application are consumed concurrently, and two increments of
    /// <see cref="DisbursedCny"/> must not overwrite each other (the loser is retried).
    /// </summary>
    public int Version { get; private set; }

    Application() { }

    /// <summary>
    /// A draft of the applicant account's own organisation: the document must name that organisation (an
    /// absent code is filled in by <see cref="AsSentBy"/>); an organisation cannot apply for another.
    /// </summary>
    public static Application CreateDraft(ApplicationDocument document, Actor applicant, string? organisation, DateTime nowUtc)
    {
        var owner = RequireOwnOrganisation(document, organisation);
        var application = new Application
        {
            Id = Guid.CreateVersion7(), OwnerCreditCode = owner, CreatedAtUtc = nowUtc, Stage = ApplicationStage.Draft,
        };
        application.Replace(document);
        application.Note(nowUtc, "DraftCreated", null, applicant);
        return application;
    }

    /// <summary>The document as an applicant account sends it: without a credit code, it is the account's organisation's.</summary>
    public static ApplicationDocument AsSentBy(ApplicationDocument document, string? organisation) =>
        string.IsNullOrWhiteSpace(document.Applicant?.CreditCode) && organisation is not null
            ? document with { Applicant = (document.Applicant ?? new Applicant()) with { CreditCode = organisation } }
            : document;

    public ApplicationDocument Document => JsonSerializer.Deserialize<ApplicationDocument>(DocumentText, DocumentJson.Options)!;

    /// <summary>Whether <paramref name="organisation"/> (an applicant account's credit code) owns this application.</summary>
    public bool IsOwnedBy(string? organisation) => organisation is not null && organisation == OwnerCreditCode;

    /// <summary>
    /// Who may read an application: its owner; the county office of its region; the city office and the city
    /// government of its city; the provincial office, administrators, experts, finance and agencies (whose
    /// read scope the endpoint's policy checks) wherever it lies. A query, so that the worklists filter in the
    /// database on indexed columns; <see cref="CanBeReadBy"/> applies the same rule to one application.
    /// </summary>
    public static Expression<Func<Application, bool>> ReadableBy(Actor actor, string? organisation)
    {
        var office = actor.OfficeCode;
        return actor.Role switch
        {
            PlatformRoles.Applicant when organisation is not null => a => a.OwnerCreditCode == organisation,
            PlatformRoles.CountyOffice when office is not null => a => a.RegionCode == office,
            PlatformRoles.CityOffice or PlatformRoles.CityGovernment when office is not null => a => a.CityCode == office,
            PlatformRoles.Province or PlatformRoles.Admin or PlatformRoles.Expert or PlatformRoles.Finance or PlatformRoles.Agency => a => true,
            _ => a => false,
        };
    }

    public bool CanBeReadBy(Actor actor, string? organisation) => ReadableBy(actor, organisation).Compile(preferInterpretation: true)(this);

    /// <summary>Replaces the draft's document; a submitted application is frozen (paper and online must match).</summary>
    public void UpdateDraft(ApplicationDocument document, Actor applicant, string? organisation, DateTime nowUtc)
    {
        RequireOwner(organisation);
        RequireOwnOrganisation(document, organisation);
        if (Stage != ApplicationStage.Draft)
            throw new BusinessRuleException("not-a-draft", $"Application {Id} is {Stage}; only a draft can be changed.");
        if (document.CallId != CallId)
            throw new BusinessRuleException("call-changed", "A draft cannot move to another call; create a new application.");
        Replace(document);
        Note(nowUtc, "DraftUpdated", null, applicant);
    }

    /// <summary>
    /// Submits the draft. Refused after the track's online deadline, which is the last day inclusive in
    /// the call's time zone.
    /// </summary>
    public ApplicationSubmitted Submit(CallDocument call, int callVersion, Actor applicant, string? organisation, DateTimeOffset now)
    {
        RequireOwner(organisation);
        if (Stage != ApplicationStage.Draft)
            throw new BusinessRuleException("already-submitted", $"Application {Id} is already {Stage}.");
        var track = call.FindTrack(TrackId)
            ?? throw new BusinessRuleException("unknown-track", $"Call {call.Id} has no track '{TrackId}'.");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(call.TimeZone);
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (localToday > track.OnlineDeadline)
            throw new BusinessRuleException("deadline-passed",
                $"The online deadline of track '{TrackId}' in call {call.Id} was {track.OnlineDeadline:yyyy-MM-dd}; submissions are closed.");

        Stage = ApplicationStage.Submitted;
        SubmittedAtUtc = now.UtcDateTime;
        CallVersion = callVersion;
        Note(now.UtcDateTime, "Submitted", null, applicant);
        return new ApplicationSubmitted(Id, CallId, TrackId, Document, now) { By = applicant, CallVersion = callVersion };
    }

    public void RecordEligibility(EligibilityAssessed assessed)
    {
        Eligibility = assessed.Outcome;
        EligibilityFindingsJson = JsonSerializer.Serialize(assessed.Findings, DocumentJson.Options);
        Note(assessed.AssessedAt.UtcDateTime, "EligibilityAssessed", assessed.Outcome.ToString(), by: null); // the platform assessed
    }

    public void RecordRecommendation(ApplicationRecommended recommended)
    {
        LastOfficeLevel = recommended.Level;
        LastOfficeRegionCode = recommended.OfficeRegionCode;
        LastOfficeNote = recommended.Opinion;
        Advance(recommended.Level == OfficeLevel.County ? ApplicationStage.RecommendedByCounty : ApplicationStage.RecommendedByCity);
        Note(recommended.RecommendedAt.UtcDateTime, "Recommended", $"{recommended.Level} {recommended.OfficeRegionCode}", recommended.By);
    }

    public void RecordReturn(ApplicationReturned returned)
    {
        LastOfficeLevel = returned.Level;
        LastOfficeRegionCode = returned.OfficeRegionCode;
        LastOfficeNote = returned.Reason;
        Advance(ApplicationStage.Returned);
        Note(returned.ReturnedAt.UtcDateTime, "Returned", $"{returned.Level} {returned.OfficeRegionCode}: {returned.Reason}", returned.By);
    }

    public void RecordDecision(ApplicationDecided decided)
    {
        Decision = decided.Decision;
        ApprovedAmountCny = decided.ApprovedAmountCny;
        Advance(decided.Decision == ProvincialDecision.Approved ? ApplicationStage.Approved : ApplicationStage.Rejected);
        Note(decided.DecidedAt.UtcDateTime, "Decided", decided.Decision.ToString(), decided.By);
    }

    // These two events carry dates, not instants; the timeline notes when the platform learned of them.
    public void RecordDisbursement(TrancheDisbursed disbursed, DateTime receivedAtUtc)
    {
        DisbursedCny += disbursed.AmountCny;
        Note(receivedAtUtc, "TrancheDisbursed", $"{disbursed.Name} {disbursed.AmountCny:0.##} CNY paid on {disbursed.DisbursedOn:yyyy-MM-dd}", disbursed.By);
    }

    public void RecordProjectStarted(ProjectStarted started, DateTime receivedAtUtc)
    {
        ProjectId = started.ProjectId;
        EvaluationDueOn = started.EvaluationDueOn;
        Advance(ApplicationStage.ProjectStarted);
        Note(receivedAtUtc, "ProjectStarted", $"starts {started.StartsOn:yyyy-MM-dd}, evaluation due {started.EvaluationDueOn:yyyy-MM-dd}", by: null);
    }

    // Events from different services may arrive in any order; the view keeps the furthest stage reached.
    void Advance(ApplicationStage stage)
    {
        if (stage > Stage) Stage = stage;
    }

    void Replace(ApplicationDocument document)
    {
        CallId = document.CallId ?? "";
        TrackId = document.Track ?? "";
        ApplicantName = document.Applicant?.Name ?? "";
        CreditCode = document.Applicant?.CreditCode ?? "";
        ApplicantKind = document.Applicant?.Kind?.ToString() ?? "";
        RegionCode = document.Applicant?.RegionCode ?? "";
        CityCode = Regions.CityOf(RegionCode);
        DocumentText = JsonSerializer.Serialize(document, DocumentJson.Options);
    }

    void RequireOwner(string? organisation)
    {
        if (!IsOwnedBy(organisation))
            throw new ActRefusedException("not-own-application", $"Application {Id} belongs to another organisation.");
    }

    static string RequireOwnOrganisation(ApplicationDocument document, string? organisation)
    {
        if (string.IsNullOrWhiteSpace(organisation))
            throw new ActRefusedException("not-own-organisation", "The account names no organisation; only an organisation's account applies.");
        if (document.Applicant?.CreditCode is { } code && code != organisation)
            throw new ActRefusedException("not-own-organisation",
                $"The document names credit code {code}; this account applies for {organisation} only.");
        return organisation;
    }

    void Note(DateTime atUtc, string what, string? detail, Actor? by)
    {
        Version++;
        Timeline.Add(new ApplicationEvent(Id, atUtc, what, detail, by));
    }

    /// <summary>
    /// Guards a change of the materials (申报材料): only the owner, only on a draft; a submitted application's
    /// materials are frozen with it (paper and online must match). Bumps <see cref="Version"/> so that two
    /// concurrent changes cannot both pass a count limit, nor a change slip past a concurrent submission.
    /// </summary>
    public void ChangeMaterials(string? organisation)
    {
        RequireOwner(organisation);
        if (Stage != ApplicationStage.Draft)
            throw new BusinessRuleException("materials-frozen", $"Application {Id} is {Stage}; its materials are frozen since submission.");
        Version++;
    }
}

/// <summary>One line of an application's timeline, with who acted where the step's event says so.</summary>
public sealed class ApplicationEvent
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string What { get; private set; } = "";
    public string? Detail { get; private set; }
    public string? ByName { get; private set; }
    public string? ByRole { get; private set; }
    public string? ByOffice { get; private set; }

    ApplicationEvent() { }

    internal ApplicationEvent(Guid applicationId, DateTime atUtc, string what, string? detail, Actor? by)
    {
        ApplicationId = applicationId;
        AtUtc = atUtc;
        What = what;
        Detail = detail;
        ByName = by?.Name;
        ByRole = by?.Role;
        ByOffice = by?.OfficeCode;
    }
}

/// <summary>The intake's copy of a published call: what it needs to validate and to enforce deadlines.</summary>
public sealed class KnownCall
{
    public string Id { get; private set; } = "";
    public string DocumentText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    /// <summary>The call's version this copy holds (<see cref="Contracts.Events.CallPublished.Version"/>).</summary>
    public int Version { get; private set; } = 1;

    KnownCall() { }

    public static KnownCall From(CallDocument call, int version, DateTime publishedAtUtc) => new()
    {
        Id = call.Id, DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options), PublishedAtUtc = publishedAtUtc, Version = version,
    };

    /// <summary>A later version of the call becomes the one new submissions are made under; an older one arriving late is ignored.</summary>
    public void Replace(CallDocument call, int version, DateTime publishedAtUtc)
    {
        if (version < Version) return;
        DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options);
        PublishedAtUtc = publishedAtUtc;
        Version = version;
    }

    public CallDocument Document => JsonSerializer.Deserialize<CallDocument>(DocumentText, DocumentJson.Options)!;
}
