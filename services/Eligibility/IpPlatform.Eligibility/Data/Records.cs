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

/// <summary>
/// A call this service owns: its current version (what precheck and new submissions use). Earlier versions stay
/// in <see cref="CallVersion"/>; a published version never changes.
/// </summary>
public sealed class PublishedCall
{
    public string Id { get; private set; } = "";
    public string DocumentText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    /// <summary>Shipped with the platform (2022, 2022-rehearsal) rather than published by an administrator.</summary>
    public bool Shipped { get; private set; }
    /// <summary>The current version, 1 for the first publication.</summary>
    public int Version { get; private set; } = 1;

    PublishedCall() { }

    public static PublishedCall From(CallDocument call, bool shipped, DateTime nowUtc) => new()
    {
        Id = call.Id, DocumentText = CallDiff.Canonical(call), PublishedAtUtc = nowUtc, Shipped = shipped, Version = 1,
    };

    /// <summary>Version 1 as a version row (also for calls stored before versions existed).</summary>
    public CallVersion FirstVersion(Actor? by) => CallVersion.Of(Id, 1, DocumentText, PublishedAtUtc, reason: null, by);

    /// <summary>A correction: the next version becomes current; the earlier one is kept as it was.</summary>
    public CallVersion Correct(CallDocument call, string reason, Actor by, DateTime nowUtc)
    {
        if (call.Id != Id) throw new InvalidOperationException($"A correction of call {Id} cannot carry id {call.Id}.");
        Version++;
        DocumentText = CallDiff.Canonical(call);
        PublishedAtUtc = nowUtc;
        return CallVersion.Of(Id, Version, DocumentText, nowUtc, reason, by);
    }

    public CallDocument Document => StoredCalls.Read(DocumentText);
}

/// <summary>One published version of a call, immutable: applications keep the version they were submitted under.</summary>
public sealed class CallVersion
{
    public string CallId { get; private set; } = "";
    public int Version { get; private set; }
    public string DocumentText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    /// <summary>Why the call was corrected; null for the first version.</summary>
    public string? Reason { get; private set; }
    /// <summary>Account that published it; null for the platform (a shipped call).</summary>
    public string? PublishedBy { get; private set; }

    CallVersion() { }

    internal static CallVersion Of(string callId, int version, string documentText, DateTime publishedAtUtc, string? reason, Actor? by) => new()
    {
        CallId = callId, Version = version, DocumentText = documentText, PublishedAtUtc = publishedAtUtc, Reason = reason,
        PublishedBy = by?.AccountId,
    };

    public CallDocument Document => StoredCalls.Read(DocumentText);
}

public static class CallPublication
{
    /// <summary>
    /// Stages a publication's <see cref="IpPlatform.Contracts.Events.CallPublished"/> and its audit entry (with the whole call, the figures
    /// published, and for a correction its reason and changes); an administrator's publication is theirs, a shipped call's the platform's (<c>By</c> null).
    /// </summary>
    public static void PublishCall(this EligibilityDbContext db, CallDocument call, int version, string? reason, DateTimeOffset now, Actor? by, TimeProvider clock,
        IReadOnlyList<CallChange>? changes = null)
    {
        db.AddEvent(new IpPlatform.Contracts.Events.CallPublished(call, now) { By = by, Version = version, Reason = reason }, clock);
        if (version == 1) db.Audit(by ?? Accountability.Platform, "call.published", call.Id, call, clock);
        else db.Audit(by ?? Accountability.Platform, "call.corrected", call.Id, new { version, reason, changes, call }, clock);
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
    /// <summary>The GI name's comparison key (<see cref="Normalization.NameKey"/>), what the loader looks GIs up by.</summary>
    public string? GiNameKey { get; private set; }
    public string? School { get; private set; }
    public string? DisciplineField { get; private set; }
    public ProjectStatus Status { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    public bool FinalTranchePaid { get; private set; }
    public string Source { get; private set; } = "";

    ProjectRecord() { }

    public const string ImportSource = "Import";

    public static ProjectRecord Imported(HistoryProject p)
    {
        var record = new ProjectRecord { CreditCode = p.CreditCode, TrackId = p.TrackId, CallYear = p.CallYear, Source = ImportSource };
        record.UpdateFrom(p);
        return record;
    }

    /// <summary>
    /// A re-imported row of this project (same natural key): takes what changed (e.g. a later acceptance);
    /// false when nothing did, so importing a file twice changes nothing.
    /// </summary>
    public bool UpdateFrom(HistoryProject p)
    {
        if (HistoryCsv.NaturalKey(p) != (CreditCode, TrackId, CallYear))
            throw new InvalidOperationException($"Row {HistoryCsv.NaturalKey(p)} is not project {(CreditCode, TrackId, CallYear)}.");
        var before = ToDomain();
        UnitName = p.UnitName; Kind = p.Kind; CallId = p.CallId; RegionCode = Normalization.RegionCode(p.RegionCode);
        ParkName = p.ParkName; GiName = p.GiName; GiNameKey = Normalization.NameKey(p.GiName); School = p.School;
        DisciplineField = p.DisciplineField; Status = p.Status; AcceptedOn = p.AcceptedOn; FinalTranchePaid = p.FinalTranchePaid;
        return ToDomain() != before;
    }

    public static ProjectRecord Started(Guid applicationId, SubmittedApplicationRecord application, int callYear) => new()
    {
        ApplicationId = applicationId, CreditCode = application.CreditCode ?? "", UnitName = application.UnitName,
        TrackId = application.TrackId, Kind = application.Kind ?? ApplicantKind.Enterprise, CallId = application.CallId,
        CallYear = callYear, RegionCode = Normalization.RegionCode(application.RegionCode), ParkName = application.ParkName,
        GiName = application.GiName, GiNameKey = Normalization.NameKey(application.GiName),
        School = application.School, DisciplineField = application.DisciplineField, Status = ProjectStatus.Ongoing,
        Source = "Platform",
    };

    /// <summary>Keys the GI name of a project stored before keys existed.</summary>
    public void KeyGiName() => GiNameKey = Normalization.NameKey(GiName);

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
    /// <summary><see cref="Normalization.NameKey"/> of <see cref="GiName"/>: GI-UNIQUE asks for one GI in a call through its index.</summary>
    public string? GiNameKey { get; private set; }
    public string? School { get; private set; }
    public string? DisciplineField { get; private set; }

    SubmittedApplicationRecord() { }

    public static SubmittedApplicationRecord From(Guid applicationId, ApplicationDocument document) => new()
    {
        ApplicationId = applicationId, CallId = document.CallId ?? "", TrackId = document.Track ?? "",
        CreditCode = document.Applicant?.CreditCode, UnitName = document.Applicant?.Name, Kind = document.Applicant?.Kind,
        RegionCode = document.Applicant?.RegionCode, ParkName = document.Applicant?.ParkName, GiName = document.Facts?.Gi?.Name,
        GiNameKey = Normalization.NameKey(document.Facts?.Gi?.Name),
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
    /// <summary>Version of the call the application was assessed under; null for assessments made before versions existed.</summary>
    public int? CallVersion { get; private set; }
    public EligibilityOutcome Outcome { get; private set; }
    public string FindingsJson { get; private set; } = "";
    public DateTime AssessedAtUtc { get; private set; }

    Assessment() { }

    public static Assessment From(Guid applicationId, string callId, int callVersion, EligibilityResult result, DateTime nowUtc) => new()
    {
        ApplicationId = applicationId, CallId = callId, CallVersion = callVersion, Outcome = result.Outcome,
        FindingsJson = JsonSerializer.Serialize(result.Findings, DocumentJson.Options), AssessedAtUtc = nowUtc,
    };
}
