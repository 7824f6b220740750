using System.Security.Claims;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Review.Data;
using IpPlatform.Review.Reviews;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Review.Api;

public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Reviews");
        api.MapGet("/", List).WithSummary("Reviews, optionally of one call and track")
            .RequireAuthorization(PlatformPolicies.StaffReader).RequireAuthorization(Readers);
        api.MapGet("/{applicationId:guid}", Get).WithSummary("A review: scores, average and decision")
            .RequireAuthorization(PlatformPolicies.StaffReader).RequireAuthorization(Readers);
        api.MapPost("/{applicationId:guid}/scores", RecordScore).WithSummary("The acting expert scores the application (once)")
            .RequireAuthorization(PlatformPolicies.Expert);
        api.MapPost("/{applicationId:guid}/decision", Decide).WithSummary("The province's division for the track decides, after expert review")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/{applicationId:guid}/return", Return).WithSummary("The province's division for the track returns the application from review, before deciding it")
            .RequireAuthorization(PlatformPolicies.Province);
        app.MapAuditApi<ReviewDbContext>(Prefix);
        return app;
    }

    const string Prefix = "/api/reviews";

    // The review is the province's business; agencies and the scoring experts read it too (which cases an expert sees comes later).
    static void Readers(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency, PlatformRoles.Expert);

    static async Task<Ok<List<ReviewListItem>>> List(string? callId, string? trackId, ReviewDbContext db, CancellationToken ct)
    {
        var query = db.Reviews.AsNoTracking().Include(r => r.Scores).AsQueryable();
        if (!string.IsNullOrWhiteSpace(callId)) query = query.Where(r => r.CallId == callId);
        if (!string.IsNullOrWhiteSpace(trackId)) query = query.Where(r => r.TrackId == trackId);
        var reviews = await query.OrderBy(r => r.OpenedAtUtc).ToListAsync(ct);
        var ids = reviews.Select(r => r.ApplicationId).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        return TypedResults.Ok(reviews.Select(r => ReviewListItem.From(r, applicants.GetValueOrDefault(r.ApplicationId))).ToList());
    }

    static async Task<Results<Ok<ReviewView>, NotFound>> Get(Guid applicationId, ReviewDbContext db, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Include(r => r.Scores).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
        if (review is null) return TypedResults.NotFound();
        return TypedResults.Ok(ReviewView.From(review, await db.Applicants.FindAsync([applicationId], ct)));
    }

    static async Task<Results<Ok<ReviewView>, NotFound, ValidationProblem>> RecordScore(
        Guid applicationId, ScoreRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ReviewCase.ValidateScore(request.Score);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The score is invalid");
        var review = await Find(db, applicationId, ct);
        if (review is null) return TypedResults.NotFound();

        var expert = user.ToActor();
        db.Record(review.RecordScore(expert, request.Score!.Value, request.Comment, clock.GetUtcNow()), expert, applicationId.ToString(), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.From(review, await db.Applicants.FindAsync([applicationId], ct)));
    }

    static async Task<Results<Ok<ReviewView>, NotFound, ValidationProblem>> Decide(
        Guid applicationId, DecisionRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ReviewCase.ValidateDecision(request.Decision, request.ApprovedAmountCny, request.Reason);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The decision is invalid");
        var review = await Find(db, applicationId, ct);
        if (review is null) return TypedResults.NotFound();

        var decider = new Decider(user.ToActor(), user.Divisions());
        var division = await db.TrackDivisions.FindAsync([review.CallId, review.TrackId], ct);
        var applicant = await db.Applicants.FindAsync([applicationId], ct);
        var approved = await db.ApprovedApplicantsAsync(review.CallId, review.TrackId, applicationId, ct);
        var decided = review.Decide(decider, division?.Division, request.Decision!.Value, request.ApprovedAmountCny, request.Reason,
            applicant?.Summary, approved, clock.GetUtcNow());
        db.Record(decided, decider.Actor, applicationId.ToString(), clock); // same transaction as the decision
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.From(review, applicant));
    }

    static async Task<Results<Ok<ReviewView>, NotFound, ValidationProblem>> Return(
        Guid applicationId, ReturnRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ReviewCase.ValidateReturn(request.Reason);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The return is invalid");
        var review = await Find(db, applicationId, ct);
        if (review is null) return TypedResults.NotFound();

        var decider = new Decider(user.ToActor(), user.Divisions());
        var division = await db.TrackDivisions.FindAsync([review.CallId, review.TrackId], ct);
        var returned = review.Return(decider, division?.Division, request.Reason!, clock.GetUtcNow());
        db.Record(returned, decider.Actor, applicationId.ToString(), clock); // same transaction as the closing
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.From(review, await db.Applicants.FindAsync([applicationId], ct)));
    }

    static Task<ReviewCase?> Find(ReviewDbContext db, Guid applicationId, CancellationToken ct) =>
        db.Reviews.Include(r => r.Scores).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
}

public sealed record ScoreRequest(decimal? Score, string? Comment);
public sealed record ReturnRequest(string? Reason);
public sealed record DecisionRequest(ProvincialDecision? Decision, decimal? ApprovedAmountCny, string? Reason);

/// <summary>A review in full, as the provincial office sees it.</summary>
public sealed record ReviewView(
    Guid ApplicationId, string CallId, string TrackId, ApplicantSummary? Applicant, string CityOfficeRegionCode, string CityOpinion,
    string Status, decimal? AverageScore, IReadOnlyList<ScoreView> Scores, DecisionView? Decision, string? ClosedReason)
{
    public static ReviewView From(ReviewCase r, KnownApplicant? applicant) => new(
        r.ApplicationId, r.CallId, r.TrackId, applicant?.Summary, r.CityOfficeRegionCode, r.CityOpinion, r.Status.ToString(),
        r.AverageScore, r.Scores.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new ScoreView(s.Expert, s.Score, s.Comment, s.AtUtc)).ToList(),
        r.Decision is { } decision ? new DecisionView(decision.ToString(), r.ApprovedAmountCny, r.DecisionReason, r.DecidedAtUtc, r.DecidedBy) : null,
        r.ClosedReason);
}

public sealed record ScoreView(string Expert, decimal Score, string? Comment, DateTime At);
/// <param name="By">The province account that decided.</param>
public sealed record DecisionView(string Decision, decimal? ApprovedAmountCny, string? Reason, DateTime? At, string? By);

/// <summary>A line of the review list.</summary>
public sealed record ReviewListItem(
    Guid ApplicationId, string CallId, string TrackId, string? ApplicantName, string? RegionCode, string Status,
    int ScoreCount, decimal? AverageScore, string? Decision, decimal? ApprovedAmountCny)
{
    public static ReviewListItem From(ReviewCase r, KnownApplicant? applicant) => new(
        r.ApplicationId, r.CallId, r.TrackId, applicant?.Name, applicant?.RegionCode, r.Status.ToString(),
        r.Scores.Count, r.AverageScore, r.Decision?.ToString(), r.ApprovedAmountCny);
}
