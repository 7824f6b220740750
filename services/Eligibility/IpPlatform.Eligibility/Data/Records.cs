using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Security;

namespace IpPlatform.Eligibility.Data;

/// <summary>A call this service owns and has published.</summary>
public sealed class PublishedCall
{
    public string Id { get; private set; } = "";
    public string DocumentText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    /// <summary>Shipped with the platform (2022, 2022-rehearsal) rather than published by an administrator.</summary>
    public bool Shipped { get; private set; }

    PublishedCall() { }

    public static PublishedCall From(CallDocument call, bool shipped, DateTime nowUtc) => new()
    {
        Id = call.Id, DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options), PublishedAtUtc = nowUtc, Shipped = shipped,
    };

    public void Replace(CallDocument call, DateTime nowUtc)
    {
        DocumentText = JsonSerializer.Serialize(call, DocumentJson.Options);
        PublishedAtUtc = nowUtc;
    }

    public CallDocument Document => JsonSerializer.Deserialize<CallDocument>(DocumentText, DocumentJson.Options)!;
}

public static class CallPublication
{
    /// <summary>
    /// Stages a publication's <see cref="IpPlatform.Contracts.Events.CallPublished"/> and its audit entry (with the whole call, the figures
    /// published); an administrator's publication is theirs, a shipped call's the platform's (<c>By</c> null).
    /// </summary>
    public static void PublishCall(this EligibilityDbContext db, CallDocument call, DateTimeOffset now, Actor? by, TimeProvider clock)
    {
        db.AddEvent(new IpPlatform.Contracts.Events.CallPublished(call, now) { By = by }, clock);
        db.Audit(by ?? Accountability.Platform, "call.published", call.Id, call, clock);
    }
}

/// <summary>
/// A project in the platform's record: built from monitoring's and funding's events, or imported by an
/// operator for the years before the platform existed (<see cref="Source"/> says which).
/// </summary>
public sealed class ProjectRecord
{
    public long Id { get; private set; }
    /// <summary>The platform application, when the project came through the platform.</summary>
    public Guid? ApplicationId { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string? UnitName { get; private set; }
    public string TrackId { get; private set; } = "";
    public ApplicantKind Kind { get; private set; }
    public string? CallId { get; private set; }
    public int CallYear { get; private set; }
    public string? RegionCode { get; private set; }
    public string? ParkName { get; private set; }
    public string? GiName { get; private set; }
    /// <summary><see cref="Names.Key"/> of <see cref="GiName"/>: GI-NOT-ONGOING asks for one GI through its index.</summary>
    public string? GiNameKey { get; private set; }
    public string? School { get; private set; }
    public string? DisciplineField { get; private set; }
    public ProjectStatus Status { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    public bool FinalTranchePaid { get; private set; }
    public string Source { get; private set; } = "";

    ProjectRecord() { }

    public static ProjectRecord Imported(HistoryProject p) => new()
    {
        CreditCode = p.CreditCode, UnitName = p.UnitName, TrackId = p.TrackId, Kind = p.Kind, CallId = p.CallId,
        CallYear = p.CallYear, RegionCode = p.RegionCode, ParkName = p.ParkName, GiName = p.GiName, GiNameKey = Names.Key(p.GiName), School = p.School,
        DisciplineField = p.DisciplineField, Status = p.Status, AcceptedOn = p.AcceptedOn, FinalTranchePaid = p.FinalTranchePaid,
        Source = "Import",
    };

    public static ProjectRecord Started(Guid applicationId, SubmittedApplicationRecord application, int callYear) => new()
    {
        ApplicationId = applicationId, CreditCode = application.CreditCode ?? "", UnitName = application.UnitName,
        TrackId = application.TrackId, Kind = application.Kind ?? ApplicantKind.Enterprise, CallId = application.CallId,
        CallYear = callYear, RegionCode = application.RegionCode, ParkName = application.ParkName, GiName = application.GiName,
        GiNameKey = Names.Key(application.GiName),
        School = application.School, DisciplineField = application.DisciplineField, Status = ProjectStatus.Ongoing,
        Source = "Platform",
    };

    public void Accept(DateOnly acceptedOn)
    {
        Status = ProjectStatus.Accepted;
        AcceptedOn = acceptedOn;
    }

    public void Fail() => Status = ProjectStatus.Failed;

    public void FinalTrancheDisbursed() => FinalTranchePaid = true;

    public HistoryProject ToDomain() => new()
    {
        CreditCode = CreditCode, UnitName = UnitName, TrackId = TrackId, Kind = Kind, CallId = CallId, CallYear = CallYear,
        RegionCode = RegionCode, ParkName = ParkName, GiName = GiName, School = School, DisciplineField = DisciplineField,
        Status = Status, AcceptedOn = AcceptedOn, FinalTranchePaid = FinalTranchePaid,
    };
}

/// <summary>An entry of a unit's credit record (e.g. falsified material, spec §4).</summary>
public sealed class CreditRecord
{
    public long Id { get; private set; }
    public string CreditCode { get; private set; } = "";
    public CreditEntryKind Kind { get; private set; }
    public DateOnly RecordedOn { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public string? Reason { get; private set; }

    CreditRecord() { }

    public static CreditRecord From(string creditCode, CreditEntryKind kind, DateOnly recordedOn, DateOnly? expiresOn, string? reason) =>
        new() { CreditCode = creditCode, Kind = kind, RecordedOn = recordedOn, ExpiresOn = expiresOn, Reason = reason };

    public CreditEntry ToDomain() => new(CreditCode, Kind, RecordedOn, ExpiresOn);
}

/// <summary>
/// What the history rules need to know of a submitted application (GI-UNIQUE, and a later project's details),
/// and whose it is: its assessments are read by its applicant and the staff whose jurisdiction it lies in.
/// </summary>
public sealed class SubmittedApplicationRecord
{
    public Guid ApplicationId { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string? CreditCode { get; private set; }
    public string? UnitName { get; private set; }
    public ApplicantKind? Kind { get; private set; }
    public string? RegionCode { get; private set; }
    public string? ParkName { get; private set; }
    public string? GiName { get; private set; }
    /// <summary><see cref="Names.Key"/> of <see cref="GiName"/>: GI-UNIQUE asks for one GI in a call through its index.</summary>
    public string? GiNameKey { get; private set; }
    public string? School { get; private set; }
    public string? DisciplineField { get; private set; }

    SubmittedApplicationRecord() { }

    public static SubmittedApplicationRecord From(Guid applicationId, ApplicationDocument document) => new()
    {
        ApplicationId = applicationId, CallId = document.CallId ?? "", TrackId = document.Track ?? "",
        CreditCode = document.Applicant?.CreditCode, UnitName = document.Applicant?.Name, Kind = document.Applicant?.Kind,
        RegionCode = document.Applicant?.RegionCode, ParkName = document.Applicant?.ParkName, GiName = document.Facts?.Gi?.Name,
        GiNameKey = Names.Key(document.Facts?.Gi?.Name),
        School = document.Applicant?.School, DisciplineField = document.Applicant?.DisciplineField,
    };

    public SubmittedApplication ToDomain() =>
        new(ApplicationId.ToString(), CallId, TrackId, CreditCode, RegionCode, Kind, GiName);

    /// <summary>
    /// Who may read the application's assessments: the applicant organisation it names (intake lets an account
    /// submit for its own organisation only); the county office of its region; the city office and the city
    /// government of its city; the provincial office, administrators, experts, finance and agencies (whose read
    /// scope the endpoint's policy checks) wherever it lies.
    /// </summary>
    public bool CanBeReadBy(Actor actor, string? organisation) => actor.Role switch
    {
        PlatformRoles.Applicant => organisation is not null && organisation == CreditCode,
        PlatformRoles.CountyOffice => actor.OfficeCode is not null && actor.OfficeCode == RegionCode,
        PlatformRoles.CityOffice or PlatformRoles.CityGovernment =>
            actor.OfficeCode is not null && RegionCode is not null && actor.OfficeCode == Regions.CityOf(RegionCode),
        PlatformRoles.Province or PlatformRoles.Admin or PlatformRoles.Expert or PlatformRoles.Finance or PlatformRoles.Agency => true,
        _ => false,
    };
}

/// <summary>An assessment of a submitted application, kept as the audit of what was decided and why.</summary>
public sealed class Assessment
{
    public long Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string CallId { get; private set; } = "";
    public EligibilityOutcome Outcome { get; private set; }
    public string FindingsJson { get; private set; } = "";
    public DateTime AssessedAtUtc { get; private set; }

    Assessment() { }

    public static Assessment From(Guid applicationId, string callId, EligibilityResult result, DateTime nowUtc) => new()
    {
        ApplicationId = applicationId, CallId = callId, Outcome = result.Outcome,
        FindingsJson = JsonSerializer.Serialize(result.Findings, DocumentJson.Options), AssessedAtUtc = nowUtc,
    };
}
