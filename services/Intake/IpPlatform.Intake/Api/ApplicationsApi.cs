using System.Security.Claims;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using IpPlatform.Printing;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Api;

public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications").WithTags("Applications");
        api.MapPost("/", CreateDraft).RequireAuthorization(PlatformPolicies.Applicant)
            .WithSummary("Create a draft application of the account's organisation from the facts document");
        // Someone else's application answers 404 to its applicant routes: existence must not leak.
        api.MapPut("/{id:guid}", UpdateDraft).RequireAuthorization(PlatformPolicies.Applicant)
            .WithSummary("Replace the document of the organisation's own draft");
        api.MapPost("/{id:guid}/submit", Submit).RequireAuthorization(PlatformPolicies.Applicant)
            .WithSummary("Submit the organisation's own draft before its track's online deadline");
        api.MapGet("/", List).RequireAuthorization(PlatformPolicies.CaseReader)
            .WithSummary("The applications the account may see, newest first: an applicant's own, an office's jurisdiction, all for the province; " +
                         "optionally only those of ?callId=, ?track= and ?status= (repeat status for any of several)");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(PlatformPolicies.CaseReader)
            .WithSummary("Where an application stands, for its applicant and the staff whose jurisdiction it is in");
        api.MapGet("/{id:guid}/form.pdf", Form).RequireAuthorization(PlatformPolicies.CaseReader)
            .WithSummary("The printed form (申报书, A4 PDF) of a submitted application, with its fingerprint and verification QR code");
        return app;
    }

    static async Task<Results<Created<ApplicationView>, ValidationProblem>> CreateDraft(
        ApplicationDocument document, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var organisation = user.Organisation();
        document = Application.AsSentBy(document, organisation);
        var (errors, call) = await ValidateAsync(document, db, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The application document is invalid");

        var actor = user.ToActor();
        var application = Application.CreateDraft(document, actor, organisation, clock.GetUtcNow().UtcDateTime);
        db.Applications.Add(application);
        db.Audit(actor, "application.draft-created", application.Id.ToString(), document, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/applications/{application.Id}", ApplicationView.From(application, call));
    }

    static async Task<Results<Ok<ApplicationView>, NotFound, ValidationProblem>> UpdateDraft(
        Guid id, ApplicationDocument document, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var organisation = user.Organisation();
        var application = await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.IsOwnedBy(organisation)) return TypedResults.NotFound();
        document = Application.AsSentBy(document, organisation);
        var (errors, call) = await ValidateAsync(document, db, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The application document is invalid");

        var actor = user.ToActor();
        application.UpdateDraft(document, actor, organisation, clock.GetUtcNow().UtcDateTime);
        db.Audit(actor, "application.draft-updated", id.ToString(), document, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationView.From(application, call));
    }

    static async Task<Results<Accepted<ApplicationView>, NotFound, ValidationProblem>> Submit(
        Guid id, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var organisation = user.Organisation();
        var application = await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.IsOwnedBy(organisation)) return TypedResults.NotFound();
        var call = await db.CurrentCallAsync(application.CallId, ct)
            ?? throw new BusinessRuleException("unknown-call", $"Call {application.CallId} is not published.");

        var materials = await MaterialsOf(db, id, ct);

        var actor = user.ToActor();
        ApplicationSubmitted submitted;
        try { submitted = application.Submit(call.Document, call.Version, materials, actor, organisation, clock.GetUtcNow()); }
        catch (FieldErrorsException incomplete) { return TypedResults.ValidationProblem(incomplete.Errors, title: incomplete.Message); }
        db.Record(submitted, actor, id.ToString(), clock); // event and audit entry in the state change's transaction
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/applications/{id}", ApplicationView.From(application, call.Document));
    }

    static async Task<Results<Ok<ApplicationPage>, ValidationProblem>> List(
        [AsParameters] PageRequest paging, [AsParameters] ApplicationFilter filter, ClaimsPrincipal user, IntakeDbContext db, CancellationToken ct)
    {
        var errors = PageRequest.Validate(paging).Concat(filter.Validate(out var stages)).ToDictionary();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The page or its filters are invalid");

        // The filters narrow what the account may read, in the query: the total and the pages are of the filtered set.
        var visible = filter.Apply(db.Applications.AsNoTracking().Where(Application.ReadableBy(user.ToActor(), user.Organisation())), stages);
        var total = await visible.CountAsync(ct);
        var (page, size) = (paging.Page ?? 1, paging.PageSize ?? PageRequest.DefaultSize);
        var items = await visible.OrderByDescending(a => a.CreatedAtUtc).ThenByDescending(a => a.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(a => new ApplicationSummary(a.Id, a.CallId, a.TrackId, a.Stage.ToString(), a.ApplicantName, a.CreditCode,
                a.RegionCode, a.CreatedAtUtc, a.SubmittedAtUtc))
            .ToListAsync(ct);
        return TypedResults.Ok(new ApplicationPage(items, page, size, total));
    }

    static async Task<Results<Ok<ApplicationView>, NotFound>> Get(Guid id, ClaimsPrincipal user, IntakeDbContext db, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.CanBeReadBy(user.ToActor(), user.Organisation())) return TypedResults.NotFound();
        var call = await db.CurrentCallAsync(application.CallId, ct);
        return TypedResults.Ok(ApplicationView.From(application, call?.Document));
    }

    static async Task<Results<FileContentHttpResult, NotFound>> Form(
        Guid id, ClaimsPrincipal user, IntakeDbContext db, IConfiguration configuration, HttpRequest request, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.CanBeReadBy(user.ToActor(), user.Organisation())) return TypedResults.NotFound();
        if (application.Stage == ApplicationStage.Draft)
            throw new BusinessRuleException("not-submitted", "a draft has no printed form; submit it first");
        if (application.SubmissionFingerprint is null)
            throw new BusinessRuleException("no-fingerprint", $"Application {id} was submitted before printed forms existed and has no fingerprint to print.");
        var call = await db.CallAsSubmittedAsync(application, ct)
            ?? throw new BusinessRuleException("unknown-call", $"Call {application.CallId} is not published.");

        var form = PrintedApplication.Build(application, call, await MaterialsOf(db, id, ct), PublicBaseUrl(configuration, request));
        return TypedResults.File(Pdf.Form(form), "application/pdf", $"application-{id}.pdf");
    }

    /// <summary>The platform's public address for printed links: <c>Public:BaseUrl</c>, else the request's own scheme and host.</summary>
    internal static string PublicBaseUrl(IConfiguration configuration, HttpRequest request) =>
        configuration["Public:BaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    /// <summary>An application's files, read-only (the materials endpoints own them).</summary>
    internal static Task<List<Materials.ApplicationMaterial>> MaterialsOf(IntakeDbContext db, Guid applicationId, CancellationToken ct) =>
        db.Materials.AsNoTracking().Where(m => m.ApplicationId == applicationId).ToListAsync(ct);

    static async Task<(IReadOnlyDictionary<string, string[]> Errors, CallDocument? Call)> ValidateAsync(
        ApplicationDocument document, IntakeDbContext db, CancellationToken ct)
    {
        var call = (await db.CurrentCallAsync(document.CallId, ct))?.Document;
        return (ApplicationDocumentValidator.Validate(document, call), call);
    }
}

/// <summary>Which page of a list: <c>?page=</c> from 1, <c>?pageSize=</c> up to <see cref="MaxSize"/>.</summary>
public sealed record PageRequest(int? Page, int? PageSize)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static IReadOnlyDictionary<string, string[]> Validate(PageRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Page is < 1) errors["page"] = ["Pages are numbered from 1."];
        if (request.PageSize is < 1 or > MaxSize) errors["pageSize"] = [$"A page holds 1 to {MaxSize} applications."];
        return errors;
    }
}

/// <summary>
/// Which applications of those the account may read a list holds: <c>?callId=</c>, <c>?track=</c> (the track id) and
/// <c>?status=</c> (a stage name as the list writes it, e.g. <c>Submitted</c>; repeated, any of them). Absent: all.
/// </summary>
public sealed record ApplicationFilter(string? CallId, string? Track, string[]? Status)
{
    /// <summary>The field errors (an unknown stage name), and the stages asked for when there are none.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(out List<ApplicationStage> stages)
    {
        stages = [];
        var unknown = new List<string>();
        foreach (var name in Status ?? [])
        {
            if (string.IsNullOrEmpty(name)) continue;
            // Names only, exactly as the list writes them: Enum.TryParse would also take "1" or "submitted".
            if (Enum.GetNames<ApplicationStage>().Contains(name, StringComparer.Ordinal)) stages.Add(Enum.Parse<ApplicationStage>(name));
            else unknown.Add(name);
        }
        stages = [.. stages.Distinct()];
        return Errors(unknown);
    }

    /// <summary>The applications of <paramref name="query"/> this filter keeps (<paramref name="stages"/> from <see cref="Validate"/>), as SQL.</summary>
    public IQueryable<Application> Apply(IQueryable<Application> query, IReadOnlyList<ApplicationStage> stages)
    {
        if (CallId is { Length: > 0 } callId) query = query.Where(a => a.CallId == callId);
        if (Track is { Length: > 0 } track) query = query.Where(a => a.TrackId == track);
        if (stages.Count == 1)
        {
            var stage = stages[0]; // one stage: an equality the (Stage, CreatedAtUtc) index answers
            query = query.Where(a => a.Stage == stage);
        }
        else if (stages.Count > 1)
        {
            var any = stages.ToList();
            query = query.Where(a => any.Contains(a.Stage));
        }
        return query;
    }

    static IReadOnlyDictionary<string, string[]> Errors(List<string> unknown) => unknown.Count == 0
        ? new Dictionary<string, string[]>()
        : new Dictionary<string, string[]>
        {
            ["status"] = [$"Unknown status '{string.Join("', '", unknown)}'; one of {string.Join(", ", Enum.GetNames<ApplicationStage>())}."],
        };
}

/// <summary>One page of a list of applications, and how many there are in all.</summary>
public sealed record ApplicationPage(IReadOnlyList<ApplicationSummary> Items, int Page, int PageSize, int Total);

/// <summary>A line of a worklist: which application, whose, and where it stands.</summary>
public sealed record ApplicationSummary(
    Guid Id, string CallId, string Track, string Status, string ApplicantName, string CreditCode, string RegionCode,
    DateTime CreatedAt, DateTime? SubmittedAt);

/// <summary>An application and where it stands, as the applicant and the offices see it.</summary>
public sealed record ApplicationView(
    Guid Id, string CallId, string Track, string Status, ApplicantView Applicant, DateTime CreatedAt, DateTime? SubmittedAt,
    EligibilityView? Eligibility, RoutingView? Routing, DecisionView? Decision, FundingView Funding, ProjectView? Project,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>Version of the call the application was submitted under (null while a draft).</summary>
    public int? CallVersion { get; init; }
    /// <summary>The track's online and paper deadlines; null when the call is not known to intake.</summary>
    public DeadlinesView? Deadlines { get; init; }
    /// <summary>SHA-256 of the frozen record (null while a draft), printed on the paper copy.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>The paper copy an office recorded as received, or null.</summary>
    public PaperCopyView? PaperCopy { get; init; }
    /// <summary>
    /// The application document as stored (application-facts.md): a draft's current one, a submitted application's as
    /// frozen at submission (what the fingerprint covers and the printed form shows).
    /// </summary>
    public ApplicationDocument? Document { get; init; }

    public static ApplicationView From(Application a, CallDocument? call = null) => new(
        a.Id, a.CallId, a.TrackId, a.Stage.ToString(),
        new ApplicantView(a.ApplicantName, a.CreditCode, a.ApplicantKind, a.RegionCode),
        a.CreatedAtUtc, a.SubmittedAtUtc,
        a.Eligibility is { } outcome
            ? new EligibilityView(outcome.ToString(), JsonSerializer.Deserialize<List<EligibilityFinding>>(a.EligibilityFindingsJson ?? "[]", DocumentJson.Options) ?? [])
            : null,
        a.LastOfficeLevel is { } level ? new RoutingView(level.ToString(), a.LastOfficeRegionCode, a.LastOfficeNote) : null,
        a.Decision is { } decision ? new DecisionView(decision.ToString(), a.ApprovedAmountCny) : null,
        new FundingView(a.DisbursedCny),
        a.ProjectId is { } projectId ? new ProjectView(projectId, a.EvaluationDueOn) : null,
        a.Timeline.OrderBy(t => t.AtUtc).ThenBy(t => t.Id)
            .Select(t => new TimelineEntry(t.AtUtc, t.What, t.Detail, t.ByRole is null ? null : new ActedBy(t.ByName ?? "", t.ByRole, t.ByOffice)))
            .ToList())
    {
        CallVersion = a.CallVersion,
        Deadlines = call is not null && call.FindTrack(a.TrackId) is { } track ? DeadlinesView.Of(call, track) : null,
        Fingerprint = a.SubmissionFingerprint,
        PaperCopy = a.PaperCopy is { } paper ? PaperCopyView.From(paper) : null,
        Document = a.DocumentText.Length > 0 ? a.Document : null,
    };
}

/// <summary>A track's deadlines as the notice prints them (local minute, inclusive) and the instant each closes.</summary>
public sealed record DeadlinesView(DeadlineView Online, DeadlineView? Paper)
{
    public static DeadlinesView Of(CallDocument call, TrackDefinition track)
    {
        var zone = Application.ZoneOf(call);
        return new(DeadlineView.Of(track.EffectiveOnlineDeadline, call.TimeZone, zone),
            track.PaperDeadlineAt is { } paper ? DeadlineView.Of(paper, call.TimeZone, zone) : null);
    }
}

/// <summary>
/// A deadline: <see cref="Local"/> is the last minute on time as the notice prints it, on the wall clock of
/// <see cref="TimeZone"/> (<c>yyyy-MM-ddTHH:mm</c> followed by that zone's offset, so no reader takes it for
/// their own local time); <see cref="ClosesAt"/> is the first instant (UTC) that is late.
/// </summary>
public sealed record DeadlineView(string Local, string TimeZone, DateTime ClosesAt)
{
    public static DeadlineView Of(LocalMinute minute, string zoneId, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(minute.ToDateTime());
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return new($"{minute}{sign}{offset:hh\\:mm}", zoneId, minute.ClosesAt(zone).UtcDateTime);
    }
}

/// <summary>The paper copy as recorded at an office's window.</summary>
public sealed record PaperCopyView(DateOnly ReceivedOn, int Copies, bool Matches, string? Reason, string Level, string OfficeCode, DateTime RecordedAt, string RecordedBy)
{
    public static PaperCopyView From(PaperCopy p) =>
        new(p.ReceivedOn, p.Copies, p.Matches, p.Reason, p.Level.ToString(), p.OfficeCode, p.RecordedAtUtc, p.RecordedBy);
}

public sealed record ApplicantView(string Name, string CreditCode, string Kind, string RegionCode);
public sealed record EligibilityView(string Outcome, IReadOnlyList<EligibilityFinding> Findings);
public sealed record RoutingView(string Level, string? OfficeRegionCode, string? Note);
public sealed record DecisionView(string Decision, decimal? ApprovedAmountCny);
public sealed record FundingView(decimal DisbursedCny);
public sealed record ProjectView(Guid ProjectId, DateOnly? EvaluationDueOn);
/// <summary>A step of the application; <see cref="By"/> is who acted, null for the platform's own steps.</summary>
public sealed record TimelineEntry(DateTime At, string What, string? Detail, ActedBy? By);
public sealed record ActedBy(string Name, string Role, string? Office);
