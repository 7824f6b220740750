using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Consumers;

/// <summary>Keeps the intake's copy of each call (tracks, deadlines) current.</summary>
public sealed class CallPublishedConsumer(IntakeDbContext db) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var call = context.Message.Call;
        var known = await db.Calls.FindAsync([call.Id], context.CancellationToken);
        if (known is null) db.Calls.Add(KnownCall.From(call, context.Message.Version, context.Message.PublishedAt.UtcDateTime));
        else known.Replace(call, context.Message.Version, context.Message.PublishedAt.UtcDateTime);
        if (await db.CallVersions.FindAsync([call.Id, context.Message.Version], context.CancellationToken) is null)
            db.CallVersions.Add(KnownCallVersion.From(call, context.Message.Version, context.Message.PublishedAt.UtcDateTime));
    });
}

/// <summary>
/// Builds the applicant's view of progress from every stage's events. Each change is audited as the event's
/// actor's (the office that recommended, the province that decided...), or the platform's when no one acted.
/// Assessments arrive in batches (one for every submission, all at once at a deadline): a batch is recorded in one
/// transaction, so the applicant's view keeps up with the submissions intake answers meanwhile.
/// </summary>
public sealed class ApplicationProgressConsumer(IntakeDbContext db, TimeProvider clock, ILogger<ApplicationProgressConsumer> logger) :
    IConsumer<Batch<EligibilityAssessed>>, IConsumer<ApplicationRecommended>, IConsumer<ApplicationReturned>,
    IConsumer<ApplicationDecided>, IConsumer<TrancheDisbursed>, IConsumer<ProjectStarted>
{
    public Task Consume(ConsumeContext<Batch<EligibilityAssessed>> context) => db.ConsumeBatchOnceAsync(context,
        assessed => Change(assessed, assessed.Message.ApplicationId, null, a => a.RecordEligibility(assessed.Message)),
        // The batch's applications in one query; each handler then finds its own among the tracked ones.
        async fresh =>
        {
            var ids = fresh.Select(m => m.Message.ApplicationId).Distinct().ToList();
            await db.Applications.Include(a => a.Timeline).Where(a => ids.Contains(a.Id)).LoadAsync(context.CancellationToken);
        });

    public Task Consume(ConsumeContext<ApplicationRecommended> context) => Apply(context, context.Message.ApplicationId, context.Message.By, a => a.RecordRecommendation(context.Message));
    public Task Consume(ConsumeContext<ApplicationReturned> context) => Apply(context, context.Message.ApplicationId, context.Message.By, a => a.RecordReturn(context.Message));
    public Task Consume(ConsumeContext<ApplicationDecided> context) => Apply(context, context.Message.ApplicationId, context.Message.By, a => a.RecordDecision(context.Message));
    public Task Consume(ConsumeContext<TrancheDisbursed> context) => Apply(context, context.Message.ApplicationId, context.Message.By, a => a.RecordDisbursement(context.Message, clock.GetUtcNow().UtcDateTime));
    public Task Consume(ConsumeContext<ProjectStarted> context) => Apply(context, context.Message.ApplicationId, null, a => a.RecordProjectStarted(context.Message, clock.GetUtcNow().UtcDateTime));

    Task Apply<TEvent>(ConsumeContext<TEvent> context, Guid applicationId, Actor? by, Action<Application> change) where TEvent : class =>
        db.ConsumeOnceAsync(context, () => Change(context, applicationId, by, change));

    async Task Change<TEvent>(ConsumeContext<TEvent> context, Guid applicationId, Actor? by, Action<Application> change) where TEvent : class
    {
        // Tracked since its batch loaded it (with its timeline), or read now (alone, or a failed batch's messages
        // handled again one by one after the tracker was cleared).
        var application = db.Applications.Local.FindEntry(applicationId)?.Entity
            ?? await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == applicationId, context.CancellationToken);
        if (application is null)
        {
            // Not ours (another intake instance's database, or a foreign test message): nothing to update.
            logger.LogWarning("Event for unknown application {ApplicationId} ignored", applicationId);
            return;
        }
        change(application);
        db.Audit(by ?? Accountability.Platform, typeof(TEvent).Name, applicationId.ToString(), context.Message, clock);
    }
}
