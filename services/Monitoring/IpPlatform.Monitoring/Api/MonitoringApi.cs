using System.Security.Claims;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Monitoring.Data;
using IpPlatform.Monitoring.Projects;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Monitoring.Api;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitoring/projects").WithTags("Monitoring");
        api.MapGet("/{projectId:guid}", Get)
            .RequireAuthorization(p => p.RequireRole(Project.Readers))
            .WithSummary("A project with its evaluations and progress reports, if this account may see it");
        api.MapGet("/", List)
            .RequireAuthorization(p => p.RequireRole(Project.Readers))
            .WithSummary("The projects this account may see, optionally of one application");
        api.MapPost("/{projectId:guid}/reports", FileReport)
            .RequireAuthorization(PlatformPolicies.Applicant)
            .WithSummary("The undertaking unit files a progress report with indicator values");
        api.MapPost("/{projectId:guid}/evaluations", Evaluate)
            .RequireAuthorization(PlatformPolicies.Province)
            .WithSummary("Record a mid-term (periodic) or final evaluation");
        api.MapPost("/{projectId:guid}/acceptance", Accept)
            .RequireAuthorization(PlatformPolicies.Province)
            .WithSummary("Record acceptance of a project that passed its final evaluation");
        app.MapAuditApi<MonitoringDbContext>("/api/monitoring");
        return app;
    }

    /// <remarks>A project outside the account's jurisdiction is answered as unknown: its existence is not theirs to learn.</remarks>
    static async Task<Results<Ok<ProjectView>, NotFound>> Get(Guid projectId, ClaimsPrincipal user, MonitoringDbContext db, CancellationToken ct)
    {
        var project = await Load(db.Projects.AsNoTracking(), projectId, ct);
        return project is null || !project.CanBeReadBy(user.ToActor(), user.Organisation())
            ? TypedResults.NotFound()
            : TypedResults.Ok(ProjectView.From(project));
    }

    static async Task<Ok<List<ProjectView>>> List(ClaimsPrincipal user, MonitoringDbContext db, CancellationToken ct, Guid? applicationId = null)
    {
        var projects = await WithDetails(db.Projects.AsNoTracking())
            .Where(Project.ReadableBy(user.ToActor(), user.Organisation()))
            .Where(p => applicationId == null || p.ApplicationId == applicationId)
            .OrderBy(p => p.StartsOn).ThenBy(p => p.Id)
            .ToListAsync(ct);
        return TypedResults.Ok(projects.Select(ProjectView.From).ToList());
    }

    /// <remarks>Another unit's project is answered as unknown: its existence is not theirs to learn.</remarks>
    static async Task<Results<Created<ReportView>, NotFound, ValidationProblem>> FileReport(
        Guid projectId, ReportRequest request, ClaimsPrincipal user, MonitoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The progress report is invalid");
        var (actor, organisation) = (user.ToActor(), user.Organisation());
        var project = await Load(db.Projects, projectId, ct);
        if (project is null || !project.IsUndertakenBy(organisation)) return TypedResults.NotFound();

        var indicators = request.Indicators!.Select(i => new IndicatorValue(i.Indicator!.Trim(), i.Value!.Value, i.Target)).ToList();
        var report = project.FileReport(actor, organisation, request.ReportedOn!.Value, request.Summary, indicators, clock.GetUtcNow().UtcDateTime);
        var view = ReportView.From(report);
        db.Audit(actor, "ProgressReportFiled", project.ApplicationId.ToString(), new { ProjectId = project.Id, Report = view }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/monitoring/projects/{projectId}", view);
    }

    static async Task<Results<Ok<ProjectView>, NotFound, ValidationProblem>> Evaluate(
        Guid projectId, EvaluationRequest request, ClaimsPrincipal user, MonitoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The evaluation is invalid");

        var actor = user.ToActor();
        return await Change(db, projectId, ct, project => db.Record(
            project.Evaluate(actor, request.Kind!.Value, request.Passed!.Value, request.Remarks, request.EvaluatedOn!.Value, clock.GetUtcNow().UtcDateTime),
            actor, project.ApplicationId.ToString(), clock));
    }

    static async Task<Results<Ok<ProjectView>, NotFound, ValidationProblem>> Accept(
        Guid projectId, AcceptanceRequest request, ClaimsPrincipal user, MonitoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The acceptance is invalid");

        var actor = user.ToActor();
        return await Change(db, projectId, ct, project =>
            db.Record(project.Accept(actor, request.AcceptedOn!.Value), actor, project.ApplicationId.ToString(), clock));
    }

    /// <summary>Applies an act that publishes an event: change, outbox row and audit entry commit together or not at all.</summary>
    static async Task<Results<Ok<ProjectView>, NotFound, ValidationProblem>> Change(
        MonitoringDbContext db, Guid projectId, CancellationToken ct, Action<Project> change)
    {
        var project = await Load(db.Projects, projectId, ct);
        if (project is null) return TypedResults.NotFound();
        change(project);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new BusinessRuleException("concurrent-change", $"Project {projectId} was changed by another request meanwhile; reload and retry.");
        }
        return TypedResults.Ok(ProjectView.From(project));
    }

    static Task<Project?> Load(IQueryable<Project> projects, Guid projectId, CancellationToken ct) =>
        WithDetails(projects).FirstOrDefaultAsync(p => p.Id == projectId, ct);

    static IQueryable<Project> WithDetails(IQueryable<Project> projects) =>
        projects.Include(p => p.Evaluations).Include(p => p.Reports).AsSplitQuery();
}

public sealed record ReportRequest(DateOnly? ReportedOn, string? Summary, IReadOnlyList<IndicatorRequest>? Indicators)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (ReportedOn is null) errors["reportedOn"] = ["The date of the report is required."];
        if (Summary?.Length > 4000) errors["summary"] = ["A summary has at most 4000 characters."];
        if (Indicators is null || Indicators.Count == 0) { errors["indicators"] = ["A report gives at least one indicator value."]; return errors; }
        for (var i = 0; i < Indicators.Count; i++)
        {
            var item = Indicators[i];
            if (string.IsNullOrWhiteSpace(item?.Indicator) || item.Indicator.Trim().Length > 100)
                errors[$"indicators[{i}].indicator"] = ["An indicator name of 1 to 100 characters is required."];
            if (item?.Value is null) errors[$"indicators[{i}].value"] = ["The indicator's value is required."];
        }
        var repeated = Indicators.Where(i => !string.IsNullOrWhiteSpace(i?.Indicator)).GroupBy(i => i!.Indicator!.Trim()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) errors["indicators"] = [$"Each indicator appears once; repeated: {string.Join(", ", repeated)}."];
        return errors;
    }
}

/// <summary>One indicator in a report, e.g. <c>{"indicator": "inventionApplications", "value": 130, "target": 100}</c>.</summary>
public sealed record IndicatorRequest(string? Indicator, decimal? Value, decimal? Target);

public sealed record EvaluationRequest(EvaluationKind? Kind, bool? Passed, string? Remarks, DateOnly? EvaluatedOn)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Kind is null) errors["kind"] = ["The kind of evaluation (MidTerm or Final) is required."];
        // Never default a missing verdict: a silent "false" would terminate the project.
        if (Passed is null) errors["passed"] = ["Whether the project passed is required."];
        if (EvaluatedOn is null) errors["evaluatedOn"] = ["The date of the evaluation is required."];
        if (Remarks?.Length > 2000) errors["remarks"] = ["Remarks have at most 2000 characters."];
        return errors;
    }
}

public sealed record AcceptanceRequest(DateOnly? AcceptedOn)
{
    public Dictionary<string, string[]> Validate() => AcceptedOn is null
        ? new() { ["acceptedOn"] = ["The date of acceptance is required."] }
        : [];
}

public sealed record UnitView(string Name, string CreditCode, string Kind, string RegionCode)
{
    public static UnitView From(Project p) => new(p.UnitName, p.CreditCode, p.UnitKind, p.RegionCode);
}

public sealed record ProjectView(
    Guid Id, Guid ApplicationId, string CallId, string TrackId, UnitView Unit, ProjectStatus Status,
    DateOnly StartsOn, DateOnly EvaluationDueOn, DateOnly? EndsOn, DateOnly? AcceptedOn, string? AcceptedBy,
    IReadOnlyList<EvaluationView> Evaluations, IReadOnlyList<ReportView> Reports)
{
    public static ProjectView From(Project p) => new(
        p.Id, p.ApplicationId, p.CallId, p.TrackId, UnitView.From(p), p.Status, p.StartsOn, p.EvaluationDueOn, p.EndsOn, p.AcceptedOn, p.AcceptedBy,
        p.Evaluations.OrderBy(e => e.EvaluatedOn).ThenBy(e => e.Id).Select(e => new EvaluationView(e.Kind, e.Passed, e.Remarks, e.EvaluatedOn, e.RecordedBy)).ToList(),
        p.Reports.OrderBy(r => r.ReportedOn).ThenBy(r => r.FiledAtUtc).Select(ReportView.From).ToList());
}

public sealed record EvaluationView(EvaluationKind Kind, bool Passed, string? Remarks, DateOnly EvaluatedOn, string? RecordedBy);

public sealed record ReportView(Guid Id, DateOnly ReportedOn, string? Summary, string? FiledBy, IReadOnlyList<IndicatorView> Indicators)
{
    public static ReportView From(ProgressReport r) => new(
        r.Id, r.ReportedOn, r.Summary, r.FiledBy, r.Indicators.Select(i => new IndicatorView(i.Indicator, i.Value, i.Target, i.Met)).ToList());
}

public sealed record IndicatorView(string Indicator, decimal Value, decimal? Target, bool? Met);
