using System.Linq.Expressions;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Security;

namespace IpPlatform.Monitoring.Projects;

/// <summary>
/// Open → MidTermPassed → FinalPassed → Accepted. A failed mid-term terminates the project; a failed final
/// evaluation closes it unaccepted. Open-ended projects stay MidTermPassed from one periodic evaluation to the next.
/// </summary>
public enum ProjectStatus { Open, MidTermPassed, FinalPassed, Accepted, Terminated, FinalFailed }

/// <summary>An approved application being carried out, from its start to acceptance (验收).</summary>
public sealed class Project
{
    /// <summary>
    /// Roles that may ask for projects at all; which projects each of them sees is <see cref="ReadableBy"/>'s answer.
    /// </summary>
    public static readonly string[] Readers =
    [
        PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency, PlatformRoles.Finance, PlatformRoles.Expert,
        PlatformRoles.CountyOffice, PlatformRoles.CityOffice, PlatformRoles.CityGovernment, PlatformRoles.Applicant,
    ];

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public string UnitKind { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    /// <summary>The city the unit's region lies in (<see cref="Regions.CityOf"/>), kept so a city's projects can be queried.</summary>
    public string CityCode { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    /// <summary>The next mid-term (or, for open-ended tracks, periodic) evaluation.</summary>
    public DateOnly EvaluationDueOn { get; private set; }
    /// <summary>End of the implementation period; null for open-ended tracks.</summary>
    public DateOnly? EndsOn { get; private set; }
    public int EvaluationIntervalMonths { get; private set; }
    public ProjectStatus Status { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    /// <summary>The provincial account that recorded the acceptance.</summary>
    public string? AcceptedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public List<Evaluation> Evaluations { get; private set; } = [];
    public List<ProgressReport> Reports { get; private set; } = [];

    Project() { }

    /// <summary>
    /// Opens the project of an approved application. It starts on the decision date where the province works;
    /// the evaluation falls the track's months later and the period ends its years later.
    /// </summary>
    public static Project Open(ApplicationDecided decided, KnownTrack track, DateTime nowUtc)
    {
        if (decided.Decision != ProvincialDecision.Approved)
            throw new BusinessRuleException("not-approved", $"Application {decided.ApplicationId} was not approved; there is no project.");
        var startsOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(decided.DecidedAt, TimeZoneInfo.FindSystemTimeZoneById(track.TimeZone)).DateTime);
        return new Project
        {
            Id = Guid.CreateVersion7(),
            ApplicationId = decided.ApplicationId,
            CallId = decided.CallId,
            TrackId = decided.TrackId,
            UnitName = decided.Applicant.Name,
            CreditCode = decided.Applicant.CreditCode,
            UnitKind = decided.Applicant.Kind,
            RegionCode = decided.Applicant.RegionCode,
            CityCode = Regions.CityOf(decided.Applicant.RegionCode),
            StartsOn = startsOn,
            EvaluationDueOn = startsOn.AddMonths(track.EvaluationAfterMonths),
            EndsOn = track.PeriodYears is { } years ? startsOn.AddYears(years) : null,
            EvaluationIntervalMonths = track.EvaluationAfterMonths,
            Status = ProjectStatus.Open,
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// Which projects <paramref name="actor"/> may see, as a query: the provincial and overseeing roles all of them,
    /// a county office those of units in its region, a city office or city government those of units in its city,
    /// an applicant those its own unit (<paramref name="organisation"/>, its account's credit code) undertakes.
    /// </summary>
    public static Expression<Func<Project, bool>> ReadableBy(Actor actor, string? organisation)
    {
        var office = actor.OfficeCode;
        return actor.Role switch
        {
            PlatformRoles.Province or PlatformRoles.Admin or PlatformRoles.Agency or PlatformRoles.Finance or PlatformRoles.Expert => p => true,
            PlatformRoles.CountyOffice when office is not null => p => p.RegionCode == office,
            PlatformRoles.CityOffice or PlatformRoles.CityGovernment when office is not null => p => p.CityCode == office,
            PlatformRoles.Applicant when organisation is not null => p => p.CreditCode == organisation,
            _ => p => false,
        };
    }

    /// <summary>Whether <paramref name="actor"/> may see this project: the same rule as <see cref="ReadableBy"/>.</summary>
    public bool CanBeReadBy(Actor actor, string? organisation) => ReadableBy(actor, organisation).Compile(preferInterpretation: true)(this);

    /// <summary>Whether the unit of <paramref name="organisation"/> (a credit code) undertakes this project.</summary>
    public bool IsUndertakenBy(string? organisation) => organisation is not null && organisation == CreditCode;

    public bool IsOpenEnded => EndsOn is null;

    /// <summary>Still being carried out: reports and evaluations can be recorded.</summary>
    public bool IsActive => Status is ProjectStatus.Open or ProjectStatus.MidTermPassed or ProjectStatus.FinalPassed;

    public ProjectStarted Started() => new(
        Id, ApplicationId, CallId, TrackId, new ApplicantSummary(UnitName, CreditCode, UnitKind, RegionCode), StartsOn, EvaluationDueOn, EndsOn);

    /// <summary>
    /// Records an evaluation. A fixed-period project has one mid-term, then one final evaluation that needs a passed
    /// mid-term. An open-ended project (hvp-upgrade) is evaluated every interval: each passed periodic evaluation
    /// moves the due date on by one interval. A failed mid-term or periodic evaluation terminates the project.
    /// </summary>
    public ProjectEvaluated Evaluate(Actor by, EvaluationKind kind, bool passed, string? remarks, DateOnly on, DateTime nowUtc)
    {
        EnsureProvince(by, "evaluates projects");
        EnsureActive("evaluated");
        EnsureNotBefore(on, LastEventOn, "An evaluation");
        if (kind == EvaluationKind.MidTerm)
        {
            if (!IsOpenEnded && Status != ProjectStatus.Open)
                throw new BusinessRuleException("mid-term-recorded", $"Project {Id} already has its mid-term evaluation.");
            if (Status == ProjectStatus.FinalPassed)
                throw new BusinessRuleException("final-recorded", $"Project {Id} has passed its final evaluation; it awaits acceptance.");
            Status = passed ? ProjectStatus.MidTermPassed : ProjectStatus.Terminated;
            if (passed && IsOpenEnded) EvaluationDueOn = EvaluationDueOn.AddMonths(EvaluationIntervalMonths);
        }
        else
        {
            if (Status == ProjectStatus.FinalPassed)
                throw new BusinessRuleException("final-recorded", $"Project {Id} already passed its final evaluation.");
            if (Status != ProjectStatus.MidTermPassed)
                throw new BusinessRuleException("mid-term-not-passed", $"Project {Id} is {Status}; a final evaluation needs a passed mid-term.");
            Status = passed ? ProjectStatus.FinalPassed : ProjectStatus.FinalFailed;
        }
        Evaluations.Add(new Evaluation(Id, kind, passed, remarks, on, nowUtc, by.Name));
        return new ProjectEvaluated(Id, ApplicationId, kind, passed, remarks, on) { By = by };
    }

    /// <summary>Acceptance (验收) closes a project that passed its final evaluation.</summary>
    public ProjectAccepted Accept(Actor by, DateOnly on)
    {
        EnsureProvince(by, "accepts projects");
        if (Status == ProjectStatus.Accepted)
            throw new BusinessRuleException("already-accepted", $"Project {Id} was accepted on {AcceptedOn:yyyy-MM-dd}.");
        if (Status != ProjectStatus.FinalPassed)
            throw new BusinessRuleException("final-not-passed", $"Project {Id} is {Status}; acceptance needs a passed final evaluation.");
        EnsureNotBefore(on, LastEventOn, "Acceptance");
        Status = ProjectStatus.Accepted;
        AcceptedOn = on;
        AcceptedBy = by.Name;
        return new ProjectAccepted(Id, ApplicationId, TrackId, CreditCode, on) { By = by };
    }

    /// <summary>
    /// Files a progress report with indicator values, measured later against the track's targets. Only the unit
    /// undertaking the project reports on it (<paramref name="organisation"/>: the credit code of the acting applicant).
    /// </summary>
    public ProgressReport FileReport(Actor by, string? organisation, DateOnly reportedOn, string? summary, IReadOnlyList<IndicatorValue> indicators, DateTime nowUtc)
    {
        if (by.Role != PlatformRoles.Applicant || !IsUndertakenBy(organisation))
            throw new ActRefusedException("not-the-undertaking-unit", $"Only the unit undertaking project {Id} reports on it.");
        EnsureActive("reported on");
        EnsureNotBefore(reportedOn, StartsOn, "A report");
        var report = new ProgressReport(Id, reportedOn, summary, indicators, nowUtc, by.Name);
        Reports.Add(report);
        return report;
    }

    static void EnsureProvince(Actor by, string act)
    {
        if (by.Role != PlatformRoles.Province)
            throw new ActRefusedException("province-only", $"Only the provincial office {act}; {by.Name} is {by.Role}.");
    }

    DateOnly LastEventOn => Evaluations.Count == 0 ? StartsOn : Evaluations.Max(e => e.EvaluatedOn);

    void EnsureActive(string action)
    {
        if (!IsActive)
            throw new BusinessRuleException("project-closed", $"Project {Id} is {Status}; it can no longer be {action}.");
    }

    void EnsureNotBefore(DateOnly date, DateOnly earliest, string what)
    {
        if (date < earliest)
            throw new BusinessRuleException("date-out-of-order", $"{what} dated {date:yyyy-MM-dd} cannot precede {earliest:yyyy-MM-dd}.");
    }
}

/// <summary>An evaluation of a project against its targets.</summary>
public sealed class Evaluation
{
    public long Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public EvaluationKind Kind { get; private set; }
    public bool Passed { get; private set; }
    public string? Remarks { get; private set; }
    public DateOnly EvaluatedOn { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    /// <summary>The provincial account that recorded it.</summary>
    public string? RecordedBy { get; private set; }

    Evaluation() { }

    internal Evaluation(Guid projectId, EvaluationKind kind, bool passed, string? remarks, DateOnly evaluatedOn, DateTime recordedAtUtc, string recordedBy)
    {
        ProjectId = projectId;
        Kind = kind;
        Passed = passed;
        Remarks = remarks;
        EvaluatedOn = evaluatedOn;
        RecordedAtUtc = recordedAtUtc;
        RecordedBy = recordedBy;
    }
}

/// <summary>A progress report: where the project's indicators stand on a date.</summary>
public sealed class ProgressReport
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public DateOnly ReportedOn { get; private set; }
    public string? Summary { get; private set; }
    public DateTime FiledAtUtc { get; private set; }
    /// <summary>The applicant account that filed it.</summary>
    public string? FiledBy { get; private set; }
    public List<IndicatorValue> Indicators { get; private set; } = [];

    ProgressReport() { }

    internal ProgressReport(Guid projectId, DateOnly reportedOn, string? summary, IReadOnlyList<IndicatorValue> indicators, DateTime filedAtUtc, string filedBy)
    {
        Id = Guid.CreateVersion7();
        ProjectId = projectId;
        ReportedOn = reportedOn;
        Summary = summary;
        Indicators = [.. indicators];
        FiledAtUtc = filedAtUtc;
        FiledBy = filedBy;
    }
}

/// <summary>One performance indicator (§7 of the call), e.g. <c>inventionApplications</c> 130 against a target of 100.</summary>
public sealed record IndicatorValue(string Indicator, decimal Value, decimal? Target)
{
    /// <summary>Whether the target is reached; the call's targets are all floors ("at least", "+30 %").</summary>
    public bool? Met => Target is { } target ? Value >= target : null;
}

/// <summary>The evaluation parameters of one track of a published call, as monitoring keeps them.</summary>
public sealed class KnownTrack
{
    public string CallId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public int? PeriodYears { get; private set; }
    public int EvaluationAfterMonths { get; private set; }
    public string TimeZone { get; private set; } = "";

    KnownTrack() { }

    /// <summary>The call version these parameters are of (<see cref="Contracts.Events.CallPublished.Version"/>).</summary>
    public int CallVersion { get; private set; } = 1;

    public static KnownTrack From(CallDocument call, TrackDefinition track, int callVersion = 1)
    {
        var known = new KnownTrack { CallId = call.Id, TrackId = track.Id, CallVersion = callVersion };
        known.Replace(call, track, callVersion);
        return known;
    }

    /// <summary>
    /// The same version published again (a redelivery) replaces the parameters; each version keeps its own copy, and
    /// projects already open keep their dates.
    /// </summary>
    public void Replace(CallDocument call, TrackDefinition track, int callVersion = 1)
    {
        if (callVersion < CallVersion) return;
        CallVersion = callVersion;
        PeriodYears = track.PeriodYears;
        EvaluationAfterMonths = track.EvaluationAfterMonths;
        TimeZone = call.TimeZone;
    }
}
