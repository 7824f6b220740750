using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Eligibility.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Api;

public static class EligibilityApi
{
    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility").WithTags("Eligibility");
        api.MapPost("/precheck", Precheck)
            .WithSummary("Assess a document without storing anything (the form calls this on every change)");
        api.MapGet("/assessments/{applicationId:guid}", GetAssessments)
            .WithSummary("Assessments of a submitted application, newest first");
        return app;
    }

    static async Task<Results<Ok<EligibilityResult>, ValidationProblem>> Precheck(
        ApplicationDocument document, EligibilityDbContext db, CancellationToken ct)
    {
        var call = document.CallId is null ? null : (await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == document.CallId, ct))?.Document;
        var errors = ApplicationDocumentValidator.Validate(document, call);
        if (errors.Count > 0 || call is null)
            return TypedResults.ValidationProblem(errors, title: "The application document is invalid");

        var history = await HistoryLoader.LoadAsync(db, document, excludeApplicationId: null, ct);
        return TypedResults.Ok(EligibilityEngine.Assess(document, call, history));
    }

    static async Task<Results<Ok<List<AssessmentView>>, NotFound>> GetAssessments(Guid applicationId, EligibilityDbContext db, CancellationToken ct)
    {
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.ApplicationId == applicationId).ToListAsync(ct);
        if (assessments.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok(assessments.OrderByDescending(a => a.AssessedAtUtc)
            .Select(a => new AssessmentView(a.ApplicationId, a.CallId, a.Outcome.ToString(), a.AssessedAtUtc,
                System.Text.Json.JsonSerializer.Deserialize<List<Finding>>(a.FindingsJson, DocumentJson.Options) ?? []))
            .ToList());
    }
}

public sealed record AssessmentView(Guid ApplicationId, string CallId, string Outcome, DateTime AssessedAt, IReadOnlyList<Finding> Findings);
