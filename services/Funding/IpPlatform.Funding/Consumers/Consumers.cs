using IpPlatform.Contracts.Events;
using IpPlatform.Funding.Agreements;
using IpPlatform.Funding.Data;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Funding.Consumers;

/// <summary>
/// Keeps each track's tranche plan of every version of every published call: an application is funded by the plan of
/// the version it was submitted under, so an older version arriving late adds its own plans and replaces none.
/// </summary>
public sealed class CallPublishedConsumer(FundingDbContext db) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var call = context.Message.Call;
        var version = context.Message.Version;
        var known = await db.Plans.Where(p => p.CallId == call.Id && p.CallVersion == version).ToListAsync(context.CancellationToken);
        foreach (var track in call.Tracks)
        {
            if (known.FirstOrDefault(p => p.TrackId == track.Id) is { } plan) plan.Replace(call, track, version);
            else db.Plans.Add(TrackPlan.From(call, track, version));
        }
    });
}

/// <summary>Opens a funding agreement for each approved application and schedules its tranches.</summary>
public sealed class ApplicationDecidedConsumer(FundingDbContext db, TimeProvider clock, ILogger<ApplicationDecidedConsumer> logger)
    : IConsumer<ApplicationDecided>
{
    public Task Consume(ConsumeContext<ApplicationDecided> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var decided = context.Message;
        if (decided.Decision != ProvincialDecision.Approved) return;
        if (await db.Agreements.AnyAsync(a => a.ApplicationId == decided.ApplicationId, context.CancellationToken))
        {
            // The same decision re-published under a new message id: the agreement already exists.
            logger.LogWarning("Application {ApplicationId} already has a funding agreement; decision ignored", decided.ApplicationId);
            return;
        }

        // The call is published before anyone can apply, so a missing plan is only the CallPublished message
        // still queued behind this one: throwing lets the bounded retry wait for it; if it never comes, the
        // decision lands in the _error queue to be moved back once the call is known.
        var plan = await db.PlanOfAsync(decided, context.CancellationToken)
            ?? throw new InvalidOperationException($"No tranche plan known for call {decided.CallId} track {decided.TrackId} version {decided.CallVersion?.ToString() ?? "(latest)"} yet.");

        var agreement = FundingAgreement.Create(decided, plan, clock.GetUtcNow().UtcDateTime);
        db.Agreements.Add(agreement);
        // The agreement follows from the province's decision: the decider is accountable for it.
        db.Record(agreement.Scheduled(clock.GetUtcNow()), decided.By ?? Accountability.Platform, decided.ApplicationId.ToString(), clock);
    });
}

/// <summary>
/// Releases or cancels tranches as monitoring evaluates and accepts projects. The platform applies the plan's
/// triggers, so it is the actor of these changes; the evaluation or acceptance that caused them is in the details.
/// </summary>
public sealed class ProjectProgressConsumer(FundingDbContext db, TimeProvider clock, ILogger<ProjectProgressConsumer> logger)
    : IConsumer<ProjectEvaluated>, IConsumer<ProjectAccepted>
{
    public Task Consume(ConsumeContext<ProjectEvaluated> context) => Apply(context, context.Message.ApplicationId, agreement =>
    {
        var evaluated = context.Message;
        if (evaluated.Kind != EvaluationKind.MidTerm) return; // a final evaluation pays nothing; acceptance does
        if (evaluated.Passed) Audit(agreement, "TranchesReleased", agreement.Release(TrancheTrigger.MidTermPassed, evaluated.EvaluatedOn), evaluated);
        else Audit(agreement, "TranchesCancelled", agreement.CancelAfterFailedMidTerm(evaluated.EvaluatedOn, evaluated.Remarks), evaluated);
    });

    public Task Consume(ConsumeContext<ProjectAccepted> context) => Apply(context, context.Message.ApplicationId, agreement =>
        Audit(agreement, "TranchesReleased", agreement.Release(TrancheTrigger.Acceptance, context.Message.AcceptedOn), context.Message));

    Task Apply(ConsumeContext context, Guid applicationId, Action<FundingAgreement> change) => db.ConsumeOnceAsync(context, async () =>
    {
        var agreement = await db.Agreements.Include(a => a.Tranches).FirstOrDefaultAsync(a => a.ApplicationId == applicationId, context.CancellationToken);
        if (agreement is null)
        {
            // Evaluations come months after the decision, so this is not a race: the project was never funded here.
            logger.LogWarning("Project event for application {ApplicationId} without a funding agreement ignored", applicationId);
            return;
        }
        change(agreement);
    });

    /// <summary>Audits the tranches a trigger changed; a repeated trigger changed none and leaves no entry.</summary>
    void Audit(FundingAgreement agreement, string action, IReadOnlyList<Tranche> changed, object cause)
    {
        if (changed.Count == 0) return;
        db.Audit(Accountability.Platform, action, agreement.ApplicationId.ToString(), new
        {
            Tranches = changed.Select(t => new { t.Id, t.Name, t.AmountCny, t.Status, t.ReleasedOn, t.CancelledOn }).ToList(),
            Cause = new { Event = cause.GetType().Name, Message = cause },
        }, clock);
    }
}
