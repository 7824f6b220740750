using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Routing.Data;
using IpPlatform.Routing.Recommendations;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Routing.Consumers;

/// <summary>Keeps routing's copy of each call's quota rules current.</summary>
public sealed class CallPublishedConsumer(RoutingDbContext db) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var call = context.Message.Call;
        var known = await db.Calls.FindAsync([call.Id], context.CancellationToken);
        if (known is null) db.Calls.Add(KnownCall.From(call, context.Message.PublishedAt.UtcDateTime));
        else known.Replace(call, context.Message.PublishedAt.UtcDateTime);
    });
}

/// <summary>
/// Opens a case per submitted application and records its eligibility. The two events may arrive in either
/// order: whichever comes first creates the case row, so a concurrent second one fails on the key and its
/// retry finds the row.
/// </summary>
public sealed class RecommendationCaseConsumer(RoutingDbContext db, ILogger<RecommendationCaseConsumer> logger) :
    IConsumer<ApplicationSubmitted>, IConsumer<EligibilityAssessed>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var submitted = context.Message;
        var existing = await Find(submitted.ApplicationId, context.CancellationToken);
        if (existing is null) db.Recommendations.Add(Recommendation.Open(submitted));
        else if (!existing.IsSubmitted) existing.AttachSubmission(submitted);
        else logger.LogWarning("Second submission of application {ApplicationId} ignored", submitted.ApplicationId);
    });

    public Task Consume(ConsumeContext<EligibilityAssessed> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var assessed = context.Message;
        var existing = await Find(assessed.ApplicationId, context.CancellationToken);
        if (existing is null) db.Recommendations.Add(Recommendation.AwaitingSubmission(assessed));
        else existing.RecordEligibility(assessed);
    });

    Task<Recommendation?> Find(Guid applicationId, CancellationToken ct) =>
        db.Recommendations.Include(r => r.History).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
}
