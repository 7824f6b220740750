using System.Linq.Expressions;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Intake.Materials;
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
    /// <summary>SHA-256 (lower-case hex) of the frozen record (<see cref="Applications.Fingerprint"/>), set at submission; printed on the paper copy.</summary>
    public string? SubmissionFingerprint { get; private set; }
    /// <summary>The paper copy an office recorded as received, or null.</summary>
    public PaperCopy? PaperCopy { get; private set; }

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
    /// Submits the draft with its <paramref name="materials"/>. Refused from the minute after the track's online
    /// deadline (a local minute, inclusive, in the call's time zone), and, field by field, when the content
    /// the track asks for is incomplete (<see cref="ApplicationCompleteness"/>). Freezes the record under its
    /// fingerprint.
    /// </summary>
    /// <exception cref="FieldErrorsException">The application is incomplete; nothing changed.</exception>
    public ApplicationSubmitted Submit(CallDocument call, int callVersion, IReadOnlyList<ApplicationMaterial> materials, Actor applicant,
        string? organisation, DateTimeOffset now)
    {
        RequireOwner(organisation);
        if (Stage != ApplicationStage.Draft)
            throw new BusinessRuleException("already-submitted", $"Application {Id} is already {Stage}.");
        var track = call.FindTrack(TrackId)
            ?? throw new BusinessRuleException("unknown-track", $"Call {call.Id} has no track '{TrackId}'.");
        var deadline = track.EffectiveOnlineDeadline;
        if (!deadline.IsOnTime(now, ZoneOf(call)))
            throw new BusinessRuleException("deadline-passed",
                $"The online deadline of track '{TrackId}' in call {call.Id} was {deadline} ({call.TimeZone}), inclusive; submissions are closed.");
        var document = Document;
        var missing = ApplicationCompleteness.Check(document, track, materials.Select(m => m.MaterialId));
        if (missing.Count > 0) throw new FieldErrorsException("The application is incomplete", missing);

        Stage = ApplicationStage.Submitted;
        SubmittedAtUtc = now.UtcDateTime;
        CallVersion = callVersion;
        SubmissionFingerprint = Fingerprint.Compute(FrozenRecord(materials));
        Note(now.UtcDateTime, "Submitted", SubmissionFingerprint, applicant);
        var frozen = materials
            .OrderBy(m => IndexOrLast(track.Content?.Materials ?? [], m.MaterialId)).ThenBy(m => m.MaterialId, StringComparer.Ordinal)
            .ThenBy(m => m.Sha256, StringComparer.Ordinal)
            .Select(m => new SubmittedMaterial(m.MaterialId, m.FileName, m.ContentType, m.SizeBytes, m.Sha256))
            .ToList();
        return new ApplicationSubmitted(Id, CallId, TrackId, document, now)
        {
            By = applicant, CallVersion = callVersion, Fingerprint = SubmissionFingerprint, Materials = frozen,
        };
    }

    /// <summary>The submitted record with <paramref name="materials"/>, as the fingerprint covers it.</summary>
    public FingerprintedRecord FrozenRecord(IEnumerable<ApplicationMaterial> materials) => new(
        Id, CallId, CallVersion, TrackId, CreditCode, Document,
        SubmittedAtUtc ?? throw new InvalidOperationException($"Application {Id} has not been submitted."),
        materials.Select(m => new FingerprintedMaterial(m.MaterialId, m.FileName, m.SizeBytes, m.Sha256)).ToList());

    /// <summary>
    /// Whether the stored record still gives the fingerprint stored at submission: false when the row or its
    /// materials were changed behind the platform's back (or the application was never submitted).
    /// </summary>
    public bool FingerprintHolds(IEnumerable<ApplicationMaterial> materials) =>
        SubmissionFingerprint is { } stored && SubmittedAtUtc is not null && Fingerprint.Compute(FrozenRecord(materials)) == stored;

    /// <summary>
    /// An office records the paper copy it received at its window: the county office of the application's
    /// region, or the city office or city government of its city. Only while the application is on its way up
    /// (submitted, not returned or decided) and until the track's paper deadline (a local minute, inclusive).
    /// A second record replaces the first as long as these rules still allow recording (a clerk corrects a
    /// count or a date; the timeline keeps both); once the application is returned (as on a mismatch) or the
    /// deadline has passed, the record stands.
    /// </summary>
    /// <exception cref="FieldErrorsException">The day received is in the future or before the submission day.</exception>
    public PaperCopyReceived RecordPaperCopy(CallDocument call, DateOnly receivedOn, int copies, bool matches, string? reason,
        Actor office, DateTimeOffset now)
    {
        var level = office switch
        {
            { Role: PlatformRoles.CountyOffice, OfficeCode: { } code } when code == RegionCode => OfficeLevel.County,
            { Role: PlatformRoles.CityOffice or PlatformRoles.CityGovernment, OfficeCode: { } code } when code == CityCode => OfficeLevel.City,
            _ => throw new ActRefusedException("outside-jurisdiction",
                $"Application {Id} ({RegionCode}) is received by the county office of its region or the city office or government of its city."),
        };
        if (Stage is not (ApplicationStage.Submitted or ApplicationStage.RecommendedByCounty or ApplicationStage.RecommendedByCity))
            throw new BusinessRuleException("not-receivable", $"Application {Id} is {Stage}; a paper copy is recorded only for a submitted application on its way up.");
        var zone = ZoneOf(call);
        var track = call.FindTrack(TrackId);
        if (track?.PaperDeadlineAt is { } deadline && !deadline.IsOnTime(now, zone))
            throw new BusinessRuleException("paper-deadline-passed",
                $"The paper deadline of track '{TrackId}' in call {call.Id} was {deadline} ({call.TimeZone}), inclusive; paper copies are no longer recorded.");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var submittedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(SubmittedAtUtc!.Value, TimeSpan.Zero), zone).DateTime);
        if (receivedOn > today)
            throw new FieldErrorsException("The paper copy record is invalid",
                new Dictionary<string, string[]> { ["receivedOn"] = [$"{receivedOn:yyyy-MM-dd} is in the future ({call.TimeZone} today is {today:yyyy-MM-dd})."] });
        if (receivedOn < submittedOn)
            throw new FieldErrorsException("The paper copy record is invalid",
                new Dictionary<string, string[]> { ["receivedOn"] = [$"{receivedOn:yyyy-MM-dd} is before the application was submitted ({submittedOn:yyyy-MM-dd})."] });

        var replaced = PaperCopy is not null;
        PaperCopy = new PaperCopy(receivedOn, copies, matches, reason, level, office.OfficeCode!, now.UtcDateTime, office);
        Note(now.UtcDateTime, replaced ? "PaperCopyReRecorded" : "PaperCopyReceived",
            $"{receivedOn:yyyy-MM-dd}, {copies} copies, " + (matches ? "matches" : $"does not match: {PaperCopy.Reason}"), office);
        return new PaperCopyReceived(Id, level, office.OfficeCode!, receivedOn, copies, matches, PaperCopy.Reason, now) { By = office };
    }

    /// <summary>The call's time zone, in which its deadlines are read.</summary>
    public static TimeZoneInfo ZoneOf(CallDocument call) => TimeZoneInfo.FindSystemTimeZoneById(call.TimeZone);

    static int IndexOrLast(IReadOnlyList<MaterialDefinition> materials, string id)
    {
        for (var i = 0; i < materials.Count; i++)
            if (materials[i].Id == id) return i;
        return int.MaxValue;
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

    public CallDocument Document => StoredCalls.Read(DocumentText);
}

/// <summary>
/// Every version of a call intake has learned of, so that a submitted application is printed and listed with the
/// call as it was submitted under (task names, units, materials), whatever corrections came after.
/// </summary>
public sealed class KnownCallVersion
{
    public string CallId { get; private set; } = "";
    public int Version { get; private set; }
    public string DocumentText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }

    KnownCallVersion() { }

    public static KnownCallVersion From(CallDocument call, int version, DateTime publishedAtUtc) => new()
    {
        CallId = call.Id, Version = version, DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options), PublishedAtUtc = publishedAtUtc,
    };

    public CallDocument Document => StoredCalls.Read(DocumentText);
}
