using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Routing.Data;
using IpPlatform.Routing.Recommendations;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Routing.Consumers;

/// <summary>Keeps routing's copy of each call's quota rules current.</summary>
public sealed class CallPublishedConsumer(RoutingDbContext db, TimeProvider clock) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var published = context.Message;
        var call = published.Call;
        var known = await db.Calls.FindAsync([call.Id], context.CancellationToken);
        if (known is null) db.Calls.Add(known = KnownCall.From(call, published.Version, published.PublishedAt.UtcDateTime));
        else known.Replace(call, published.Version, published.PublishedAt.UtcDateTime);
        var version = KnownCallVersion.From(call, published.Version);
        if (await db.CallVersions.FindAsync([call.Id, published.Version], context.CancellationToken) is null) db.CallVersions.Add(version);
        // Quotas bound every city's recommendations: whoever published them answers for them.
        db.Audit(published.By ?? Accountability.Platform, "CallQuotasReceived", call.Id, new { published.Version, version.Quotas }, clock);
    });
}

/// <summary>
/// Opens a case per submitted application and records its eligibility. The two events may arrive in either
/// order: whichever comes first creates the case row, so a concurrent second one fails on the key and its
/// retry finds the row.
/// </summary>
public sealed class RecommendationCaseConsumer(RoutingDbContext db, TimeProvider clock, ILogger<RecommendationCaseConsumer> logger) :
    IConsumer<ApplicationSubmitted>, IConsumer<EligibilityAssessed>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var submitted = context.Message;
        var existing = await Find(submitted.ApplicationId, context.CancellationToken);
        Recommendation opened;
        if (existing is null) db.Recommendations.Add(opened = Recommendation.Open(submitted));
        else if (!existing.IsSubmitted) (opened = existing).AttachSubmission(submitted);
        else
        {
            logger.LogWarning("Second submission of application {ApplicationId} ignored", submitted.ApplicationId);
            return;
        }
        // The applicant's submission opens the case; the platform routes it to its first office.
        db.Audit(submitted.By ?? Accountability.Platform, "RecommendationCaseOpened", submitted.ApplicationId.ToString(),
            new { submitted.CallId, submitted.TrackId, opened.RegionCode, Level = opened.CurrentLevel, Office = opened.OfficeOf(opened.CurrentLevel) }, clock);
    });

    public Task Consume(ConsumeContext<EligibilityAssessed> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var assessed = context.Message;
        var existing = await Find(assessed.ApplicationId, context.CancellationToken);
        if (existing is null) db.Recommendations.Add(Recommendation.AwaitingSubmission(assessed));
        else existing.RecordEligibility(assessed);
        db.Audit(Accountability.Platform, "EligibilityRecorded", assessed.ApplicationId.ToString(), new { assessed.Outcome, assessed.AssessedAt }, clock);
    });

    Task<Recommendation?> Find(Guid applicationId, CancellationToken ct) =>
        db.Recommendations.Include(r => r.History).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
}
