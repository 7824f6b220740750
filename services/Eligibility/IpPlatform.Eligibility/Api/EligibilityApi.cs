using System.Security.Claims;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Eligibility.History;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Api;

public static class EligibilityApi
{
    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility").WithTags("Eligibility");
        // Public on purpose: the form prechecks before anyone signs in; it stores nothing and the gateway rate-limits it.
        api.MapPost("/precheck", Precheck).AllowAnonymous()
            .WithSummary("Assess a document without storing anything (the form calls this on every change)");
        api.MapGet("/assessments/{applicationId:guid}", GetAssessments).RequireAuthorization(PlatformPolicies.CaseReader)
            .WithSummary("Assessments of a submitted application, newest first, for its applicant and the staff whose jurisdiction it is in");
        return app;
    }

    static async Task<Results<Ok<PrecheckView>, ValidationProblem>> Precheck(
        ApplicationDocument document, EligibilityDbContext db, PublishedCallCache calls, TimeProvider clock, CancellationToken ct)
    {
        var call = await calls.FindAsync(db, document.CallId, ct);
        var errors = ApplicationDocumentValidator.Validate(document, call);
        if (errors.Count > 0 || call is null)
            return TypedResults.ValidationProblem(errors, title: "The application document is invalid");

        var history = await HistoryLoader.LoadAsync(db, document, excludeApplicationId: null, ct);
        var result = EligibilityEngine.Assess(document, call, history);
        var track = call.FindTrack(document.Track);
        return TypedResults.Ok(new PrecheckView(result.Outcome, result.Findings,
            track is null ? null : TrackDeadlines.Of(call, track, clock.GetUtcNow())));
    }

    static async Task<Results<Ok<List<AssessmentView>>, NotFound>> GetAssessments(
        Guid applicationId, ClaimsPrincipal user, EligibilityDbContext db, CancellationToken ct)
    {
        // Outside the reader's reach it is as if the application did not exist.
        var application = await db.SubmittedApplications.AsNoTracking().FirstOrDefaultAsync(a => a.ApplicationId == applicationId, ct);
        if (application is null || !application.CanBeReadBy(user.ToActor(), user.Organisation())) return TypedResults.NotFound();
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.ApplicationId == applicationId).ToListAsync(ct);
        if (assessments.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok(assessments.OrderByDescending(a => a.AssessedAtUtc)
            .Select(a => new AssessmentView(a.ApplicationId, a.CallId, a.CallVersion, a.Outcome.ToString(), a.AssessedAtUtc,
                System.Text.Json.JsonSerializer.Deserialize<List<Finding>>(a.FindingsJson, DocumentJson.Options) ?? []))
            .ToList());
    }
}

/// <summary>A precheck: the outcome and findings (with their gaps), and the track's deadlines at the moment of asking.</summary>
public sealed record PrecheckView(EligibilityOutcome Outcome, IReadOnlyList<Finding> Findings, TrackDeadlines? Deadlines);

/// <summary>An assessment, with the version of the call whose rules it applied.</summary>
public sealed record AssessmentView(Guid ApplicationId, string CallId, int? CallVersion, string Outcome, DateTime AssessedAt, IReadOnlyList<Finding> Findings);
