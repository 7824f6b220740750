using System.Security.Claims;
using System.Security.Cryptography;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Data;
using IpPlatform.Review.Reviews;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
        api.MapPost("/{applicationId:guid}/scores", RecordScore).WithSummary("The acting expert, seated on the panel, scores on the track's sheet (revisable until the panel closes)")
            .RequireAuthorization(PlatformPolicies.Expert);
        api.MapPost("/{applicationId:guid}/panel", DrawPanel).WithSummary("The track's division draws the experts the panel still needs, without conflicts of interest")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/{applicationId:guid}/panel/decline", Decline).WithSummary("A seated expert declines with a reason; a replacement is drawn")
            .RequireAuthorization(PlatformPolicies.Expert);
        api.MapPost("/{applicationId:guid}/panel/close", ClosePanel).WithSummary("The track's division closes the panel: the scores stand")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/panels", DrawTrack).WithSummary("The track's division draws the panels of every open review of a call's track; a result per application")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/{applicationId:guid}/cancellation", CancelApproval).WithSummary("The track's division cancels an approval (取消立项资格); the applicant's credit record gets an entry")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapGet("/ranking", GetRanking).WithSummary("A track's ranked list for the collective decision, with the running total against its budget and number")
            .RequireAuthorization(PlatformPolicies.StaffReader).RequireAuthorization(p => p.RequireRole(PlatformRoles.Province, PlatformRoles.Admin));
        api.MapExpertsApi();
        api.MapDecisionsApi();
        api.MapPost("/{applicationId:guid}/decision", Decide)
            .WithSummary("The track's division decides one application: a collective decision of one, under publicity until its final approval")
            .RequireAuthorization(PlatformPolicies.Province);
        api.MapPost("/{applicationId:guid}/return", Return).WithSummary("The province's division for the track returns the application from review, before deciding it")
            .RequireAuthorization(PlatformPolicies.Province);
        app.MapAuditApi<ReviewDbContext>(Prefix);
        return app;
    }

    const string Prefix = "/api/reviews";

    // The review is the province's business; agencies read it too, and an expert reads what the expert was drawn for, blind until scoring.
    static void Readers(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency, PlatformRoles.Expert);

    static async Task<Ok<List<ReviewListItem>>> List(string? callId, string? trackId, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct)
    {
        var viewer = user.ToActor();
        var query = db.Reviews.AsNoTracking().Include(r => r.Scores).Include(r => r.Seats).AsQueryable();
        if (!string.IsNullOrWhiteSpace(callId)) query = query.Where(r => r.CallId == callId);
        if (!string.IsNullOrWhiteSpace(trackId)) query = query.Where(r => r.TrackId == trackId);
        // An expert's list is the applications the expert was drawn for.
        if (viewer.Role == PlatformRoles.Expert) query = query.Where(r => r.Seats.Any(s => s.Expert == viewer.Name));
        var reviews = await query.OrderBy(r => r.OpenedAtUtc).ToListAsync(ct);
        var ids = reviews.Select(r => r.ApplicationId).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        var rules = await db.RulesAsync(reviews, ct);
        return TypedResults.Ok(reviews.Select(r => ReviewListItem.From(r, applicants.GetValueOrDefault(r.ApplicationId), rules(r), viewer)).ToList());
    }

    static async Task<Results<Ok<ReviewView>, NotFound>> Get(Guid applicationId, ClaimsPrincipal user, ReviewDbContext db, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Include(r => r.Scores).Include(r => r.Seats).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
        if (review is null) return TypedResults.NotFound();
        var view = ReviewView.For(review, await db.Applicants.FindAsync([applicationId], ct), await db.RulesOfAsync(review, ct), user.ToActor());
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
    }

    static async Task<Results<Ok<ReviewView>, NotFound, ValidationProblem>> RecordScore(
        Guid applicationId, ScoreRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var review = await Find(db, applicationId, ct);
        var expert = user.ToActor();
        // Not drawn for it: to this expert the review does not exist.
        if (review is null || !review.WasDrawn(expert.Name)) return TypedResults.NotFound();
        var rules = await db.RulesOfAsync(review, ct);
        var sheet = rules.SheetOrDefault;
        var points = request.Points ?? (request.Score is { } score && sheet.Count == 1 ? new Dictionary<string, decimal> { [sheet[0].Id] = score } : null);
        var errors = ReviewCase.ValidateScore(sheet, points);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The score is invalid");

        var recorded = review.RecordScore(expert, sheet, points!, request.Comment, clock.GetUtcNow());
        db.Record(recorded, expert, applicationId.ToString(), clock); // same transaction as the score
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.For(review, await db.Applicants.FindAsync([applicationId], ct), rules, expert)!);
    }

    static async Task<Results<Ok<PanelDrawView>, NotFound>> DrawPanel(
        Guid applicationId, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var review = await Find(db, applicationId, ct);
        if (review is null) return TypedResults.NotFound();
        var decider = new Decider(user.ToActor(), user.Divisions());
        var track = await db.TrackDivisions.FindAsync([review.CallId, review.TrackId], ct);
        return TypedResults.Ok(await SeatPanelAsync(db, review, track, decider, clock, ct));
    }

    /// <summary>Draws and seats what the panel lacks, audited with the whole draw; saves.</summary>
    static async Task<PanelDrawView> SeatPanelAsync(ReviewDbContext db, ReviewCase review, TrackDivision? track, Decider decider, TimeProvider clock, CancellationToken ct)
    {
        ReviewCase.EnsureDivisionActs(decider, review.CallId, review.TrackId, track?.Division);
        var rules = track!.Rules;
        var wanted = review.OpenSeats(rules.PanelSize);
        if (wanted == 0)
            throw new BusinessRuleException("panel-complete", $"The panel of application {review.ApplicationId} already has its {rules.PanelSize} experts.");
        var draw = await DrawAsync(db, review, rules, wanted, ct);
        if (draw.Drawn.Count == 0)
            throw new BusinessRuleException("no-eligible-expert",
                $"No active expert of track '{review.TrackId}' is free of a conflict of interest with application {review.ApplicationId}; " +
                $"{draw.Excluded.Count} excluded. Nothing was drawn.");
        var now = clock.GetUtcNow();
        review.Seat(decider, track.Division, draw, now);
        // The experts learn of it through the event (outbox, same transaction); the audit keeps the whole draw besides.
        db.Record(review.Assigned(draw, decider.Actor, now)!, decider.Actor, review.ApplicationId.ToString(), clock);
        db.Audit(decider.Actor, "PanelDrawn", review.ApplicationId.ToString(), draw, clock);
        await db.SaveChangesAsync(ct);
        return PanelDrawView.From(draw);
    }

    static async Task<PanelDrawResult> DrawAsync(ReviewDbContext db, ReviewCase review, ReviewRules rules, int wanted, CancellationToken ct)
    {
        var applicant = await db.Applicants.FindAsync([review.ApplicationId], ct)
            ?? throw new BusinessRuleException("applicant-unknown", $"The submission of application {review.ApplicationId} has not reached the review service yet.");
        var pool = await db.Experts.Where(e => e.Active).ToListAsync(ct);
        var organisations = await db.OrganisationsOnTrackAsync(review.CallId, review.TrackId, ct);
        return PanelDraw.Draw(review, applicant, pool, rules.ExcludeSameCityExperts, organisations, review.AlreadyDrawn, wanted,
            review.DrawRounds + 1, RandomNumberGenerator.GetInt32(int.MaxValue));
    }

    static async Task<Results<Ok<ReviewView>, NotFound, ValidationProblem>> Decline(
        Guid applicationId, DeclineRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["A decline needs its reason."] }, title: "The decline is invalid");
        var review = await Find(db, applicationId, ct);
        var expert = user.ToActor();
        if (review is null || !review.WasDrawn(expert.Name)) return TypedResults.NotFound();
        var track = await db.TrackDivisions.FindAsync([review.CallId, review.TrackId], ct);
        var rules = track?.Rules ?? new ReviewRules();
        // The replacement is drawn among everyone not yet drawn; its inputs are read before the decline changes anything.
        var applicant = await db.Applicants.FindAsync([applicationId], ct);
        var pool = await db.Experts.Where(e => e.Active).ToListAsync(ct);
        var organisations = await db.OrganisationsOnTrackAsync(review.CallId, review.TrackId, ct);
        PanelDrawResult? replacement = null;
        var now = clock.GetUtcNow();
        review.Decline(expert, request.Reason, () => replacement = applicant is null
            ? new PanelDrawResult(applicationId, review.DrawRounds + 1, 0, review.OpenSeats(rules.PanelSize), [], [], [], [])
            : PanelDraw.Draw(review, applicant, pool, rules.ExcludeSameCityExperts, organisations, review.AlreadyDrawn,
                review.OpenSeats(rules.PanelSize), review.DrawRounds + 1, RandomNumberGenerator.GetInt32(int.MaxValue)), now);
        db.Audit(expert, "PanelSeatDeclined", applicationId.ToString(), new { reason = request.Reason.Trim() }, clock);
        // The replacement draw is the platform's, on the decline; its experts are told when it seated any.
        if (review.Assigned(replacement!, null, now) is { } assigned) db.Record(assigned, Accountability.Platform, applicationId.ToString(), clock);
        db.Audit(Accountability.Platform, "PanelDrawn", applicationId.ToString(), replacement, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.For(review, applicant, rules, expert)!);
    }

    static async Task<Results<Ok<ReviewView>, NotFound>> ClosePanel(
        Guid applicationId, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var review = await Find(db, applicationId, ct);
        if (review is null) return TypedResults.NotFound();
        var decider = new Decider(user.ToActor(), user.Divisions());
        var track = await db.TrackDivisions.FindAsync([review.CallId, review.TrackId], ct);
        review.ClosePanel(decider, track?.Division, clock.GetUtcNow());
        var rules = track!.Rules;
        db.Audit(decider.Actor, "PanelClosed", applicationId.ToString(), review.Result(rules), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.For(review, await db.Applicants.FindAsync([applicationId], ct), rules, decider.Actor)!);
    }

    static async Task<Results<Ok<BulkDrawResult>, ValidationProblem>> DrawTrack(
        TrackDrawRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.CallId)) errors["callId"] = ["The call is required."];
        if (string.IsNullOrWhiteSpace(request.TrackId)) errors["trackId"] = ["The track is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The draw request is invalid");
        var decider = new Decider(user.ToActor(), user.Divisions());
        var track = await db.TrackDivisions.FindAsync([request.CallId, request.TrackId], ct);
        ReviewCase.EnsureDivisionActs(decider, request.CallId!, request.TrackId!, track?.Division);

        var ids = await db.Reviews.Where(r => r.CallId == request.CallId && r.TrackId == request.TrackId && r.Status == ReviewStatus.InReview)
            .OrderBy(r => r.OpenedAtUtc).Select(r => r.ApplicationId).ToListAsync(ct);
        var results = new List<BulkDrawItem>();
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear(); // each application starts from what is saved
            var review = (await Find(db, id, ct))!;
            if (review.OpenSeats(track!.Rules.PanelSize) == 0) continue; // already complete: nothing to do, nothing to report
            try
            {
                var draw = await SeatPanelAsync(db, review, track, decider, clock, ct);
                results.Add(new BulkDrawItem(id, StatusCodes.Status200OK, draw, null));
            }
            catch (BusinessRuleException rule)
            {
                results.Add(new BulkDrawItem(id, StatusCodes.Status409Conflict, null, new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict, Title = "This application's panel was not drawn", Detail = rule.Message,
                    Type = $"https://ipplatform.jiangsu.example/problems/{rule.Code}", Extensions = { ["code"] = rule.Code },
                }));
            }
            catch (DbUpdateException raced) when (ConcurrentChangeExceptionHandler.IsConcurrentChange(raced))
            {
                results.Add(new BulkDrawItem(id, StatusCodes.Status409Conflict, null, new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict, Title = "This application's panel was not drawn",
                    Detail = "Another request drew for this application at the same time; nothing was written for it.",
                    Type = "https://ipplatform.jiangsu.example/problems/concurrent-change", Extensions = { ["code"] = "concurrent-change" },
                }));
            }
        }
        var drawn = results.Count(r => r.Status == StatusCodes.Status200OK);
        return TypedResults.Ok(new BulkDrawResult(request.CallId!, request.TrackId!, results.Count, drawn, results.Count - drawn, results));
    }

    /// <summary>
    /// One application decided alone goes through the same rules as a batch: a collective decision of one, its meeting
    /// today and its participant the deciding account, under publicity until the final approval
    /// (<c>POST /api/reviews/decisions/{id}/finalisation</c>) publishes the decision.
    /// </summary>
    static async Task<Results<Accepted<CollectiveDecisionView>, NotFound, ValidationProblem, ProblemHttpResult>> Decide(
        Guid applicationId, DecisionRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ReviewCase.ValidateDecision(request.Decision, request.ApprovedAmountCny, request.Reason);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The decision is invalid");
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
        if (review is null) return TypedResults.NotFound();

        var decider = new Decider(user.ToActor(), user.Divisions());
        var approved = request.Decision == ProvincialDecision.Approved ? [new ApprovalLine(applicationId, request.ApprovedAmountCny, request.Reason)] : new List<ApprovalLine>();
        var rejected = request.Decision == ProvincialDecision.Rejected ? [new RejectionLine(applicationId, request.Reason)] : new List<RejectionLine>();
        var (decision, refused) = await DecisionsApi.RecordAsync(db, decider, review.CallId, review.TrackId, ReviewCase.ChinaDate(clock.GetUtcNow()),
            [decider.Actor.Name], approved, rejected, clock, ct);
        if (refused is not null) return refused;
        return TypedResults.Accepted($"/api/reviews/decisions/{decision!.Id}", await DecisionsApi.ViewAsync(db, decision, ct));
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
        return TypedResults.Ok(ReviewView.For(review, await db.Applicants.FindAsync([applicationId], ct), division!.Rules, decider.Actor)!);
    }

    static async Task<Results<Ok<ReviewView>, NotFound, ValidationProblem>> CancelApproval(
        Guid applicationId, CancellationRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = ReviewCase.ValidateCancellation(request.Ground, request.Reason, request.ExpiresOn, ReviewCase.ChinaDate(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The cancellation is invalid");
        var review = await Find(db, applicationId, ct);
        if (review is null) return TypedResults.NotFound();

        var decider = new Decider(user.ToActor(), user.Divisions());
        var division = await db.TrackDivisions.FindAsync([review.CallId, review.TrackId], ct);
        var applicant = await db.Applicants.FindAsync([applicationId], ct);
        // An approved case always had its applicant (the decision needed it).
        var cancelled = review.CancelApproval(decider, division?.Division, applicant?.Summary ?? new ApplicantSummary("", "", "", ""),
            request.Ground!.Value, request.Reason!, request.ExpiresOn, now);
        db.Record(cancelled, decider.Actor, applicationId.ToString(), clock); // same transaction as the cancellation
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReviewView.For(review, applicant, division!.Rules, decider.Actor)!);
    }

    static async Task<Results<Ok<RankingView>, NotFound, ValidationProblem>> GetRanking(string? callId, string? trackId, ReviewDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(callId)) errors["callId"] = ["The call is required."];
        if (string.IsNullOrWhiteSpace(trackId)) errors["trackId"] = ["The track is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The ranking request is invalid");
        var track = await db.TrackDivisions.AsNoTracking().FirstOrDefaultAsync(t => t.CallId == callId && t.TrackId == trackId, ct);
        if (track is null) return TypedResults.NotFound();
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Scores).Where(r => r.CallId == callId && r.TrackId == trackId).ToListAsync(ct);
        var ids = reviews.Select(r => r.ApplicationId).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        var pending = await db.Decisions.AsNoTracking().Where(d => d.CallId == callId && d.TrackId == trackId && d.Status == CollectiveDecisionStatus.InPublicity)
            .SelectMany(d => d.Items).ToListAsync(ct);
        var lines = Ranking.Of(reviews, applicants, track.Rules, pending.ToDictionary(i => i.ApplicationId));
        return TypedResults.Ok(new RankingView(callId!, trackId!, track.Rules.BudgetCny, track.Rules.MaxApprovals,
            lines.LastOrDefault()?.RunningApprovedCny ?? 0, lines.LastOrDefault()?.RunningApprovals ?? 0, lines,
            lines.LastOrDefault()?.RunningRequestedCny ?? 0, lines.FirstOrDefault(l => !l.RequestedWithinLimits)?.ApplicationId));
    }

    static Task<ReviewCase?> Find(ReviewDbContext db, Guid applicationId, CancellationToken ct) =>
        db.Reviews.Include(r => r.Scores).Include(r => r.Seats).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
}

/// <param name="Points">Points per criterion id of the track's sheet.</param>
/// <param name="Score">Shorthand for a sheet of one criterion (the default sheet: <c>overall</c>, 0 to 100).</param>
public sealed record ScoreRequest(Dictionary<string, decimal>? Points, decimal? Score, string? Comment);
public sealed record DeclineRequest(string? Reason);
public sealed record TrackDrawRequest(string? CallId, string? TrackId);
public sealed record ReturnRequest(string? Reason);
/// <param name="ExpiresOn">When the credit entry stops counting; omitted, it does not expire.</param>
public sealed record CancellationRequest(CancellationGround? Ground, string? Reason, DateOnly? ExpiresOn);
public sealed record DecisionRequest(ProvincialDecision? Decision, decimal? ApprovedAmountCny, string? Reason);

/// <summary>
/// A review as its reader may see it. An expert sees it only when drawn for it, and sees no other expert's score,
/// no result and no count until the expert's own score is in (<see cref="Blind"/>).
/// </summary>
public sealed record ReviewView(
    Guid ApplicationId, string CallId, string TrackId, ApplicantSummary? Applicant, string CityOfficeRegionCode, string CityOpinion,
    string Status, bool Blind, PanelResultView? Result, decimal? AverageScore, IReadOnlyList<ScoreView> Scores, IReadOnlyList<SeatView> Panel,
    IReadOnlyList<ScoreCriterion> Sheet, DecisionView? Decision, string? ClosedReason, CancellationView? Cancellation, Guid? DecisionId = null)
{
    /// <summary>The view for <paramref name="viewer"/>; null when the viewer is an expert not drawn for it.</summary>
    public static ReviewView? For(ReviewCase r, KnownApplicant? applicant, ReviewRules rules, Actor viewer)
    {
        var expert = viewer.Role == PlatformRoles.Expert;
        if (expert && !r.WasDrawn(viewer.Name)) return null;
        var blind = expert && !r.HasScored(viewer.Name);
        var result = r.Result(rules);
        return new(
            r.ApplicationId, r.CallId, r.TrackId, applicant?.Summary, r.CityOfficeRegionCode, r.CityOpinion, r.Status.ToString(), blind,
            blind ? null : PanelResultView.From(result), blind ? null : r.AverageScore,
            blind ? [] : r.Scores.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(ScoreView.From).ToList(),
            r.Seats.Where(s => !expert || s.Expert == viewer.Name).OrderBy(s => s.Round).ThenBy(s => s.Id).Select(SeatView.From).ToList(),
            rules.SheetOrDefault,
            r.Decision is { } decision ? new DecisionView(decision.ToString(), r.ApprovedAmountCny, r.DecisionReason, At(r.DecidedAtUtc), r.DecidedBy) : null,
            r.ClosedReason,
            r.CancelledAtUtc is null ? null : new CancellationView(r.CancellationReason, At(r.CancelledAtUtc)!.Value, r.CancelledBy), r.DecisionId);
    }

    internal static DateTimeOffset? At(DateTime? utc) => utc is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}

public sealed record ScoreView(string Expert, decimal Score, decimal BonusPoints, IReadOnlyDictionary<string, decimal> Points, string? Comment, DateTimeOffset At, int Revisions)
{
    public static ScoreView From(ExpertScore s) => new(s.Expert, s.Score, s.BonusPoints, s.Points, s.Comment, ReviewView.At(s.AtUtc)!.Value, s.Revisions);
}

public sealed record SeatView(string Expert, int Round, int Seed, string Status, string? DeclineReason, DateTimeOffset DrawnAt)
{
    public static SeatView From(PanelSeat s) => new(s.Expert, s.Round, s.Seed, s.Status.ToString(), s.DeclineReason, ReviewView.At(s.DrawnAtUtc)!.Value);
}

/// <summary>The panel's result under the call's rule and the spread of its scores.</summary>
public sealed record PanelResultView(decimal? Result, int Count, decimal? Lowest, decimal? Highest, decimal? Spread, bool Trimmed)
{
    public static PanelResultView From(PanelResult r) => new(r.Result, r.Count, r.Lowest, r.Highest, r.Spread, r.Trimmed);
}

/// <summary>One draw: its seed, the candidates, who was excluded and why, and who was drawn.</summary>
public sealed record PanelDrawView(
    Guid ApplicationId, int Round, int Seed, int Wanted, IReadOnlyList<string> Drawn, int Shortfall, IReadOnlyList<string> Candidates,
    IReadOnlyList<DrawExclusion> Excluded)
{
    public static PanelDrawView From(PanelDrawResult d) => new(d.ApplicationId, d.Round, d.Seed, d.Wanted, d.Drawn, d.Shortfall, d.Candidates, d.Excluded);
}

/// <summary>A track's ranking: its limits from the call, what is approved so far (finally or under publicity), and the ranked lines.</summary>
/// <param name="RequestedCny">What the ranked applications requested in all.</param>
/// <param name="FirstBeyondLimits">The first line where granting every request down to it passes the budget or number; null when all fit.</param>
public sealed record RankingView(
    string CallId, string TrackId, decimal? BudgetCny, int? MaxApprovals, decimal ApprovedCny, int Approvals, IReadOnlyList<RankingLine> Lines,
    decimal RequestedCny = 0, Guid? FirstBeyondLimits = null);

public sealed record BulkDrawResult(string CallId, string TrackId, int Total, int Succeeded, int Failed, IReadOnlyList<BulkDrawItem> Items);

/// <param name="Status">200 when drawn, else the status a single draw would have answered.</param>
public sealed record BulkDrawItem(Guid ApplicationId, int Status, PanelDrawView? Draw, ProblemDetails? Problem);

/// <param name="By">The province account that cancelled the approval.</param>
public sealed record CancellationView(string? Reason, DateTimeOffset At, string? By);

/// <param name="By">The province account that decided.</param>
public sealed record DecisionView(string Decision, decimal? ApprovedAmountCny, string? Reason, DateTimeOffset? At, string? By);

/// <summary>A line of the review list; an expert who has not scored sees no count or result (<see cref="Blind"/>).</summary>
public sealed record ReviewListItem(
    Guid ApplicationId, string CallId, string TrackId, string? ApplicantName, string? RegionCode, string Status, bool Blind,
    int? ScoreCount, decimal? AverageScore, decimal? Result, decimal? Spread, string? Decision, decimal? ApprovedAmountCny, Guid? DecisionId = null)
{
    public static ReviewListItem From(ReviewCase r, KnownApplicant? applicant, ReviewRules rules, Actor viewer)
    {
        var blind = viewer.Role == PlatformRoles.Expert && !r.HasScored(viewer.Name);
        var result = r.Result(rules);
        return new(r.ApplicationId, r.CallId, r.TrackId, applicant?.Name, applicant?.RegionCode, r.Status.ToString(), blind,
            blind ? null : r.Scores.Count, blind ? null : r.AverageScore, blind ? null : result.Result, blind ? null : result.Spread,
            r.Decision?.ToString(), r.ApprovedAmountCny, r.DecisionId);
    }
}
