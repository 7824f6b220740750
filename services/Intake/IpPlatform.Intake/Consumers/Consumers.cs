using IpPlatform.Contracts.Events;
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
        if (known is null) db.Calls.Add(KnownCall.From(call, context.Message.PublishedAt.UtcDateTime));
        else known.Replace(call, context.Message.PublishedAt.UtcDateTime);
    });
}

/// <summary>Builds the applicant's view of progress from every stage's events.</summary>
public sealed class ApplicationProgressConsumer(IntakeDbContext db, TimeProvider clock, ILogger<ApplicationProgressConsumer> logger) :
    IConsumer<EligibilityAssessed>, IConsumer<ApplicationRecommended>, IConsumer<ApplicationReturned>,
    IConsumer<ApplicationDecided>, IConsumer<TrancheDisbursed>, IConsumer<ProjectStarted>
{
    public Task Consume(ConsumeContext<EligibilityAssessed> context) => Apply(context, context.Message.ApplicationId, a => a.RecordEligibility(context.Message));
    public Task Consume(ConsumeContext<ApplicationRecommended> context) => Apply(context, context.Message.ApplicationId, a => a.RecordRecommendation(context.Message));
    public Task Consume(ConsumeContext<ApplicationReturned> context) => Apply(context, context.Message.ApplicationId, a => a.RecordReturn(context.Message));
    public Task Consume(ConsumeContext<ApplicationDecided> context) => Apply(context, context.Message.ApplicationId, a => a.RecordDecision(context.Message));
    public Task Consume(ConsumeContext<TrancheDisbursed> context) => Apply(context, context.Message.ApplicationId, a => a.RecordDisbursement(context.Message, clock.GetUtcNow().UtcDateTime));
    public Task Consume(ConsumeContext<ProjectStarted> context) => Apply(context, context.Message.ApplicationId, a => a.RecordProjectStarted(context.Message, clock.GetUtcNow().UtcDateTime));

    Task Apply(ConsumeContext context, Guid applicationId, Action<Application> change) => db.ConsumeOnceAsync(context, async () =>
    {
        var application = await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == applicationId, context.CancellationToken);
        if (application is null)
        {
            // Not ours (another intake instance's database, or a foreign test message): nothing to update.
            logger.LogWarning("Event for unknown application {ApplicationId} ignored", applicationId);
            return;
        }
        change(application);
    });
}
