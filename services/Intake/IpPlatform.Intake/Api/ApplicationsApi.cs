using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Api;

public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications").WithTags("Applications");
        api.MapPost("/", CreateDraft).WithSummary("Create a draft application from the facts document");
        api.MapPut("/{id:guid}", UpdateDraft).WithSummary("Replace the document of a draft");
        api.MapPost("/{id:guid}/submit", Submit).WithSummary("Submit a draft before its track's online deadline");
        api.MapGet("/{id:guid}", Get).WithSummary("Where an application stands");
        return app;
    }

    static async Task<Results<Created<ApplicationView>, ValidationProblem>> CreateDraft(
        ApplicationDocument document, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = await ValidateAsync(document, db, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The application document is invalid");

        var application = Application.CreateDraft(document, clock.GetUtcNow().UtcDateTime);
        db.Applications.Add(application);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/applications/{application.Id}", ApplicationView.From(application));
    }

    static async Task<Results<Ok<ApplicationView>, NotFound, ValidationProblem>> UpdateDraft(
        Guid id, ApplicationDocument document, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var application = await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return TypedResults.NotFound();
        var errors = await ValidateAsync(document, db, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The application document is invalid");

        application.UpdateDraft(document, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationView.From(application));
    }

    static async Task<Results<Accepted<ApplicationView>, NotFound>> Submit(
        Guid id, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var application = await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return TypedResults.NotFound();
        var call = await db.Calls.FindAsync([application.CallId], ct)
            ?? throw new BusinessRuleException("unknown-call", $"Call {application.CallId} is not published.");

        var submitted = application.Submit(call.Document, clock.GetUtcNow());
        db.AddEvent(submitted, clock); // same transaction as the state change
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/applications/{id}", ApplicationView.From(application));
    }

    static async Task<Results<Ok<ApplicationView>, NotFound>> Get(Guid id, IntakeDbContext db, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        return application is null ? TypedResults.NotFound() : TypedResults.Ok(ApplicationView.From(application));
    }

    static async Task<Dictionary<string, string[]>> ValidateAsync(ApplicationDocument document, IntakeDbContext db, CancellationToken ct)
    {
        var call = document.CallId is null ? null : await db.Calls.FindAsync([document.CallId], ct);
        return new Dictionary<string, string[]>(ApplicationDocumentValidator.Validate(document, call?.Document));
    }
}

/// <summary>An application and where it stands, as the applicant and the offices see it.</summary>
public sealed record ApplicationView(
    Guid Id, string CallId, string Track, string Status, ApplicantView Applicant, DateTime CreatedAt, DateTime? SubmittedAt,
    EligibilityView? Eligibility, RoutingView? Routing, DecisionView? Decision, FundingView Funding, ProjectView? Project,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static ApplicationView From(Application a) => new(
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
        a.Timeline.OrderBy(t => t.AtUtc).ThenBy(t => t.Id).Select(t => new TimelineEntry(t.AtUtc, t.What, t.Detail)).ToList());
}

public sealed record ApplicantView(string Name, string CreditCode, string Kind, string RegionCode);
public sealed record EligibilityView(string Outcome, IReadOnlyList<EligibilityFinding> Findings);
public sealed record RoutingView(string Level, string? OfficeRegionCode, string? Note);
public sealed record DecisionView(string Decision, decimal? ApprovedAmountCny);
public sealed record FundingView(decimal DisbursedCny);
public sealed record ProjectView(Guid ProjectId, DateOnly? EvaluationDueOn);
public sealed record TimelineEntry(DateTime At, string What, string? Detail);
