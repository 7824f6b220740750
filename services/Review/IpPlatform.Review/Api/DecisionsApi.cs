using System.Security.Claims;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Review.Data;
using IpPlatform.Review.Reviews;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Review.Api;

/// <summary>
/// The collective decision (集体决策) on a batch of a track, its publicity (公示) with objections, and the final
/// approval (立项) that publishes the decisions.
/// </summary>
public static class DecisionsApi
{
    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/decisions", Record).WithSummary("The track's division records a collective decision on a batch; its publicity period starts")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapGet("/decisions", List).WithSummary("Collective decisions, optionally of one call and track")
            .RequireAuthorization(PlatformPolicies.StaffReader).RequireAuthorization(ProvinceOrAdmin);
        api.MapGet("/decisions/{decisionId:guid}", Get).WithSummary("A collective decision: its batch, publicity and objections")
            .RequireAuthorization(PlatformPolicies.StaffReader).RequireAuthorization(ProvinceOrAdmin);
        api.MapPost("/decisions/{decisionId:guid}/objections", RecordObjection).WithSummary("The province records an objection to an approval during the publicity period")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/decisions/{decisionId:guid}/objections/{objectionId:guid}/resolution", Resolve)
            .WithSummary("The track's division resolves an objection: upheld withdraws the approval, dismissed lets it stand")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/decisions/{decisionId:guid}/finalisation", Finalise)
            .WithSummary("The track's division gives the final approval after the publicity period: every application of the batch is decided")
            .RequireAuthorization(PlatformPolicies.Province);
        return api;
    }

    static void ProvinceOrAdmin(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(PlatformRoles.Province, PlatformRoles.Admin);

    static async Task<Results<Created<CollectiveDecisionView>, ValidationProblem, ProblemHttpResult>> Record(
        BatchDecisionRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = CollectiveDecision.Validate(request.MeetingDate, request.Participants, request.Approved, request.Rejected, ReviewCase.ChinaDate(now));
        if (string.IsNullOrWhiteSpace(request.CallId)) errors["callId"] = ["The call is required."];
        if (string.IsNullOrWhiteSpace(request.TrackId)) errors["trackId"] = ["The track is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The collective decision is invalid");

        var decider = new Decider(user.ToActor(), user.Divisions());
        var (decision, refused) = await RecordAsync(db, decider, request.CallId!, request.TrackId!, request.MeetingDate!.Value,
            [.. request.Participants!.OfType<string>()], [.. (request.Approved ?? []).OfType<ApprovalLine>()], [.. (request.Rejected ?? []).OfType<RejectionLine>()], clock, ct);
        if (refused is not null) return refused;
        return TypedResults.Created($"/api/reviews/decisions/{decision!.Id}", await ViewAsync(db, decision, ct));
    }

    /// <summary>
    /// Records a batch (all or nothing) and saves: the 409 problem naming the applications when the batch breaks a
    /// rule; a concurrent decision on the same track saved first makes the save fail (409 concurrent-change).
    /// </summary>
    internal static async Task<(CollectiveDecision? Decision, ProblemHttpResult? Refused)> RecordAsync(
        ReviewDbContext db, Decider decider, string callId, string trackId, DateOnly meetingDate, IReadOnlyList<string> participants,
        IReadOnlyList<ApprovalLine> approved, IReadOnlyList<RejectionLine> rejected, TimeProvider clock, CancellationToken ct)
    {
        var track = await db.TrackDivisions.FindAsync([callId, trackId], ct);
        ReviewCase.EnsureDivisionActs(decider, callId, trackId, track?.Division);
        var ids = approved.Select(a => a.ApplicationId!.Value).Concat(rejected.Select(r => r.ApplicationId!.Value)).ToList();
        var candidates = await db.CandidatesAsync(ids, ct);
        var standing = await db.StandingApprovalsAsync(callId, trackId, ct);
        var problems = CollectiveDecision.Check(track!, approved, rejected, candidates, standing);
        if (problems.Count > 0)
        {
            var code = CollectiveDecision.CodeOf(problems);
            return (null, TypedResults.Problem(
                detail: string.Join(" ", problems.Select(p => p.Detail).Distinct()), statusCode: StatusCodes.Status409Conflict,
                title: "The batch breaks a business rule; nothing was recorded", type: $"https://ipplatform.jiangsu.example/problems/{code}",
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = code,
                    ["applications"] = problems.Select(p => p.ApplicationId).Distinct().ToList(),
                    ["problems"] = problems,
                }));
        }

        var decision = CollectiveDecision.Record(decider, track!, meetingDate, participants, approved, rejected, candidates, standing, clock.GetUtcNow());
        db.Decisions.Add(decision);
        db.Audit(decider.Actor, "CollectiveDecisionRecorded", decision.Id.ToString(), new
        {
            decision.CallId, decision.TrackId, decision.CallVersion, decision.MeetingDate, decision.Participants, decision.PublicityEndsAt,
            items = decision.Items.Select(i => new { i.ApplicationId, i.Outcome, i.AmountCny, i.Reason }),
        }, clock);
        foreach (var item in decision.Items)
            db.Audit(decider.Actor, "DecisionRecorded", item.ApplicationId.ToString(), new { decisionId = decision.Id, item.Outcome, item.AmountCny, item.Reason }, clock);
        await db.SaveChangesAsync(ct);
        return (decision, null);
    }

    static async Task<Ok<List<CollectiveDecisionView>>> List(string? callId, string? trackId, ReviewDbContext db, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking().Include(d => d.Items).Include(d => d.Objections).AsQueryable();
        if (!string.IsNullOrWhiteSpace(callId)) query = query.Where(d => d.CallId == callId);
        if (!string.IsNullOrWhiteSpace(trackId)) query = query.Where(d => d.TrackId == trackId);
        var decisions = await query.OrderBy(d => d.RecordedAtUtc).ToListAsync(ct);
        var ids = decisions.SelectMany(d => d.Items.Select(i => i.ApplicationId)).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        return TypedResults.Ok(decisions.Select(d => CollectiveDecisionView.From(d, applicants)).ToList());
    }

    static async Task<Results<Ok<CollectiveDecisionView>, NotFound>> Get(Guid decisionId, ReviewDbContext db, CancellationToken ct)
    {
        var decision = await Find(db, decisionId, ct);
        return decision is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(db, decision, ct));
    }

    static async Task<Results<Created<ObjectionView>, NotFound, ValidationProblem>> RecordObjection(
        Guid decisionId, ObjectionRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = CollectiveDecision.ValidateObjection(request.ApplicationId, request.Objector, request.Grounds);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The objection is invalid");
        var decision = await Find(db, decisionId, ct);
        if (decision is null) return TypedResults.NotFound();

        var by = user.ToActor();
        var objection = decision.Object(by, request.ApplicationId!.Value, request.Objector!, request.Grounds!, clock.GetUtcNow());
        db.Audit(by, "ObjectionRecorded", objection.ApplicationId.ToString(),
            new { decisionId, objectionId = objection.Id, objection.Objector, objection.Grounds }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/reviews/decisions/{decisionId}", ObjectionView.From(objection));
    }

    static async Task<Results<Ok<CollectiveDecisionView>, NotFound, ValidationProblem>> Resolve(
        Guid decisionId, Guid objectionId, ResolutionRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = CollectiveDecision.ValidateResolution(request.Outcome, request.Reason);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The resolution is invalid");
        var decision = await Find(db, decisionId, ct);
        if (decision is null) return TypedResults.NotFound();
        var decider = new Decider(user.ToActor(), user.Divisions());
        var track = await db.TrackDivisions.FindAsync([decision.CallId, decision.TrackId], ct);
        ReviewCase.EnsureDivisionActs(decider, decision.CallId, decision.TrackId, track?.Division);
        if (decision.Objections.All(o => o.Id != objectionId)) return TypedResults.NotFound();

        var objection = decision.Resolve(decider, track?.Division, objectionId, request.Outcome!.Value, request.Reason!, clock.GetUtcNow());
        db.Audit(decider.Actor, "ObjectionResolved", objection.ApplicationId.ToString(),
            new { decisionId, objectionId, objection.Outcome, objection.Resolution }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, decision, ct));
    }

    static async Task<Results<Ok<CollectiveDecisionView>, NotFound>> Finalise(
        Guid decisionId, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var decision = await Find(db, decisionId, ct);
        if (decision is null) return TypedResults.NotFound();
        var decider = new Decider(user.ToActor(), user.Divisions());
        var track = await db.TrackDivisions.FindAsync([decision.CallId, decision.TrackId], ct);
        var candidates = await db.CandidatesAsync([.. decision.Items.Select(i => i.ApplicationId)], ct);

        var decided = decision.Finalise(decider, track, candidates, clock.GetUtcNow());
        // Every decision of the batch leaves through the outbox in the same transaction as the final approval.
        foreach (var message in decided) db.Record(message, decider.Actor, message.ApplicationId.ToString(), clock);
        db.Audit(decider.Actor, "CollectiveDecisionFinalised", decision.Id.ToString(),
            new { approved = decided.Count(d => d.Decision == ProvincialDecision.Approved), rejected = decided.Count(d => d.Decision == ProvincialDecision.Rejected) }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, decision, ct));
    }

    static Task<CollectiveDecision?> Find(ReviewDbContext db, Guid decisionId, CancellationToken ct) =>
        db.Decisions.Include(d => d.Items).Include(d => d.Objections).FirstOrDefaultAsync(d => d.Id == decisionId, ct);

    internal static async Task<CollectiveDecisionView> ViewAsync(ReviewDbContext db, CollectiveDecision decision, CancellationToken ct)
    {
        var ids = decision.Items.Select(i => i.ApplicationId).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        return CollectiveDecisionView.From(decision, applicants);
    }
}

/// <param name="MeetingDate">The day of the meeting that decided (not later than today, China Standard Time).</param>
/// <param name="Participants">Names of the meeting's participants.</param>
/// <param name="Approved">The applications approved, each with the amount granted.</param>
/// <param name="Rejected">The others, each with its reason.</param>
public sealed record BatchDecisionRequest(
    string? CallId, string? TrackId, DateOnly? MeetingDate, List<string?>? Participants, List<ApprovalLine?>? Approved, List<RejectionLine?>? Rejected);

/// <param name="Objector">Who objects, as they name themselves.</param>
public sealed record ObjectionRequest(Guid? ApplicationId, string? Objector, string? Grounds);

/// <param name="Outcome">Upheld (the approval is withdrawn) or Dismissed (it stands).</param>
public sealed record ResolutionRequest(ObjectionOutcome? Outcome, string? Reason);

/// <summary>A collective decision as the province reads it.</summary>
/// <param name="PublicityEndsAt">The first instant after the publicity period: objections before it, the final approval from it.</param>
public sealed record CollectiveDecisionView(
    Guid Id, string CallId, string TrackId, int CallVersion, DateOnly MeetingDate, IReadOnlyList<string> Participants, DateTimeOffset RecordedAt,
    string RecordedBy, int PublicityDays, DateTimeOffset PublicityEndsAt, string Status, DateTimeOffset? FinalisedAt, string? FinalisedBy,
    decimal ApprovedCny, int Approvals, IReadOnlyList<DecisionItemView> Items, IReadOnlyList<ObjectionView> Objections)
{
    public static CollectiveDecisionView From(CollectiveDecision d, IReadOnlyDictionary<Guid, KnownApplicant> applicants) => new(
        d.Id, d.CallId, d.TrackId, d.CallVersion, d.MeetingDate, d.Participants, ReviewView.At(d.RecordedAtUtc)!.Value, d.RecordedBy, d.PublicityDays,
        d.PublicityEndsAt, d.Status.ToString(), ReviewView.At(d.FinalisedAtUtc), d.FinalisedBy,
        d.Approvals.Sum(i => i.AmountCny ?? 0), d.Approvals.Count(),
        d.Items.OrderBy(i => i.Outcome).ThenBy(i => i.Id).Select(i => DecisionItemView.From(i, applicants.GetValueOrDefault(i.ApplicationId))).ToList(),
        d.Objections.OrderBy(o => o.RecordedAtUtc).Select(ObjectionView.From).ToList());
}

/// <param name="Withdrawn">True when an upheld objection withdrew the approval.</param>
public sealed record DecisionItemView(
    Guid ApplicationId, string? ApplicantName, string? ProjectName, decimal? RequestedCny, string Decision, decimal? AmountCny, string? Reason, bool Withdrawn)
{
    public static DecisionItemView From(DecisionItem i, KnownApplicant? applicant) =>
        new(i.ApplicationId, applicant?.Name, applicant?.ProjectName, applicant?.RequestedCny, i.Outcome.ToString(), i.AmountCny, i.Reason, i.Withdrawn);
}

public sealed record ObjectionView(
    Guid Id, Guid ApplicationId, string Objector, string Grounds, DateTimeOffset RecordedAt, string RecordedBy, string Outcome, string? Resolution,
    DateTimeOffset? ResolvedAt, string? ResolvedBy)
{
    public static ObjectionView From(Objection o) => new(o.Id, o.ApplicationId, o.Objector, o.Grounds, ReviewView.At(o.RecordedAtUtc)!.Value, o.RecordedBy,
        o.Outcome.ToString(), o.Resolution, ReviewView.At(o.ResolvedAtUtc), o.ResolvedBy);
}
