using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;

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
/// progress built from the other services' events.
/// </summary>
public sealed class Application
{
    public Guid Id { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string ApplicantKind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    /// <summary>The document exactly as accepted (application-facts.md), the content of the printed form.</summary>
    public string DocumentText { get; private set; } = "";
    public ApplicationStage Stage { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }

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

    public static Application CreateDraft(ApplicationDocument document, DateTime nowUtc)
    {
        var application = new Application { Id = Guid.CreateVersion7(), CreatedAtUtc = nowUtc, Stage = ApplicationStage.Draft };
        application.Replace(document);
        application.Note(nowUtc, "DraftCreated", null);
        return application;
    }

    public ApplicationDocument Document => JsonSerializer.Deserialize<ApplicationDocument>(DocumentText, DocumentJson.Options)!;

    /// <summary>Replaces the draft's document; a submitted application is frozen (paper and online must match).</summary>
    public void UpdateDraft(ApplicationDocument document, DateTime nowUtc)
    {
        if (Stage != ApplicationStage.Draft)
            throw new BusinessRuleException("not-a-draft", $"Application {Id} is {Stage}; only a draft can be changed.");
        if (document.CallId != CallId)
            throw new BusinessRuleException("call-changed", "A draft cannot move to another call; create a new application.");
        Replace(document);
        Note(nowUtc, "DraftUpdated", null);
    }

    /// <summary>
    /// Submits the draft. Refused after the track's online deadline, which is the last day inclusive in
    /// the call's time zone.
    /// </summary>
    public ApplicationSubmitted Submit(CallDocument call, DateTimeOffset now)
    {
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
        Note(now.UtcDateTime, "Submitted", null);
        return new ApplicationSubmitted(Id, CallId, TrackId, Document, now);
    }

    public void RecordEligibility(EligibilityAssessed assessed)
    {
        Eligibility = assessed.Outcome;
        EligibilityFindingsJson = JsonSerializer.Serialize(assessed.Findings, DocumentJson.Options);
        Note(assessed.AssessedAt.UtcDateTime, "EligibilityAssessed", assessed.Outcome.ToString());
    }

    public void RecordRecommendation(ApplicationRecommended recommended)
    {
        LastOfficeLevel = recommended.Level;
        LastOfficeRegionCode = recommended.OfficeRegionCode;
        LastOfficeNote = recommended.Opinion;
        Advance(recommended.Level == OfficeLevel.County ? ApplicationStage.RecommendedByCounty : ApplicationStage.RecommendedByCity);
        Note(recommended.RecommendedAt.UtcDateTime, "Recommended", $"{recommended.Level} {recommended.OfficeRegionCode}");
    }

    public void RecordReturn(ApplicationReturned returned)
    {
        LastOfficeLevel = returned.Level;
        LastOfficeRegionCode = returned.OfficeRegionCode;
        LastOfficeNote = returned.Reason;
        Advance(ApplicationStage.Returned);
        Note(returned.ReturnedAt.UtcDateTime, "Returned", $"{returned.Level} {returned.OfficeRegionCode}: {returned.Reason}");
    }

    public void RecordDecision(ApplicationDecided decided)
    {
        Decision = decided.Decision;
        ApprovedAmountCny = decided.ApprovedAmountCny;
        Advance(decided.Decision == ProvincialDecision.Approved ? ApplicationStage.Approved : ApplicationStage.Rejected);
        Note(decided.DecidedAt.UtcDateTime, "Decided", decided.Decision.ToString());
    }

    // These two events carry dates, not instants; the timeline notes when the platform learned of them.
    public void RecordDisbursement(TrancheDisbursed disbursed, DateTime receivedAtUtc)
    {
        DisbursedCny += disbursed.AmountCny;
        Note(receivedAtUtc, "TrancheDisbursed", $"{disbursed.Name} {disbursed.AmountCny:0.##} CNY paid on {disbursed.DisbursedOn:yyyy-MM-dd}");
    }

    public void RecordProjectStarted(ProjectStarted started, DateTime receivedAtUtc)
    {
        ProjectId = started.ProjectId;
        EvaluationDueOn = started.EvaluationDueOn;
        Advance(ApplicationStage.ProjectStarted);
        Note(receivedAtUtc, "ProjectStarted", $"starts {started.StartsOn:yyyy-MM-dd}, evaluation due {started.EvaluationDueOn:yyyy-MM-dd}");
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
        DocumentText = JsonSerializer.Serialize(document, DocumentJson.Options);
    }

    void Note(DateTime atUtc, string what, string? detail)
    {
        Version++;
        Timeline.Add(new ApplicationEvent(Id, atUtc, what, detail));
    }
}

/// <summary>One line of an application's audit timeline.</summary>
public sealed class ApplicationEvent(Guid applicationId, DateTime atUtc, string what, string? detail)
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; } = applicationId;
    public DateTime AtUtc { get; private set; } = atUtc;
    public string What { get; private set; } = what;
    public string? Detail { get; private set; } = detail;
}

/// <summary>The intake's copy of a published call: what it needs to validate and to enforce deadlines.</summary>
public sealed class KnownCall
{
    public string Id { get; private set; } = "";
    public string DocumentText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }

    KnownCall() { }

    public static KnownCall From(CallDocument call, DateTime publishedAtUtc) => new()
    {
        Id = call.Id, DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options), PublishedAtUtc = publishedAtUtc,
    };

    public void Replace(CallDocument call, DateTime publishedAtUtc)
    {
        DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options);
        PublishedAtUtc = publishedAtUtc;
    }

    public CallDocument Document => JsonSerializer.Deserialize<CallDocument>(DocumentText, DocumentJson.Options)!;
}
