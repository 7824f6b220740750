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
/// order: whichever comes first creates the case row. Within a process the two of one application are handled
/// one after the other (<see cref="RecommendationCaseConsumerDefinition"/>); between replicas a concurrent second
/// one fails on the key and its retry finds the row.
/// </summary>
public sealed class RecommendationCaseConsumer(RoutingDbContext db, TimeProvider clock, ILogger<RecommendationCaseConsumer> logger) :
    IConsumer<ApplicationSubmitted>, IConsumer<EligibilityAssessed>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var submitted = context.Message;
        var existing = await Find(submitted.ApplicationId, context.CancellationToken);
        if (existing is { IsSubmitted: true })
        {
            logger.LogWarning("Second submission of application {ApplicationId} ignored", submitted.ApplicationId);
            return;
        }
        var opened = existing ?? db.Recommendations.Add(Recommendation.Placeholder(submitted)).Entity;
        // The path is the call's data, of the version the application was submitted under.
        var call = await db.CallDocumentAsync(submitted.CallId, submitted.CallVersion, context.CancellationToken);
        var rules = call?.FindTrack(submitted.TrackId)?.Routing;
        if (rules is null)
            logger.LogWarning("Routing rules of call {CallId} track {TrackId} unknown to routing: application {ApplicationId} takes the default path",
                submitted.CallId, submitted.TrackId, submitted.ApplicationId);
        var forwarded = opened.AttachSubmission(submitted, rules);
        var by = submitted.By ?? Accountability.Platform;
        // The applicant's submission opens the case; the platform routes it to its first office.
        db.Audit(by, "RecommendationCaseOpened", submitted.ApplicationId.ToString(),
            new { submitted.CallId, submitted.TrackId, opened.RegionCode, Level = opened.CurrentLevel, Office = opened.OfficeOf(opened.CurrentLevel), RulesKnown = rules is not null }, clock);
        if (forwarded is not null) db.Record(forwarded, by, submitted.ApplicationId.ToString(), clock);
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

/// <summary>
/// Handles an application's submission and its assessment one after the other. They arrive together (eligibility
/// answers in milliseconds), and handled at once both found no case and both inserted one: in a surge of 500
/// submissions one in nine lost on the key and waited 200 ms for its retry, with its exception logged.
/// </summary>
public sealed class RecommendationCaseConsumerDefinition : ConsumerDefinition<RecommendationCaseConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<RecommendationCaseConsumer> consumer,
        IRegistrationContext context)
    {
        // More partitions than the endpoint's concurrent handlers (4 by default), so that two unrelated applications
        // seldom wait for each other.
        var byApplication = endpoint.CreatePartitioner(8);
        consumer.Message<ApplicationSubmitted>(message => message.UsePartitioner(byApplication, m => m.Message.ApplicationId));
        consumer.Message<EligibilityAssessed>(message => message.UsePartitioner(byApplication, m => m.Message.ApplicationId));
    }
}

/// <summary>
/// What other services do to a case after or beside the offices: the province returning it from its review, and
/// an office's check of the paper copy at its window (a mismatch returns the application).
/// </summary>
public sealed class CaseClosingConsumer(RoutingDbContext db, TimeProvider clock, ILogger<CaseClosingConsumer> logger) :
    IConsumer<ApplicationReturned>, IConsumer<PaperCopyReceived>
{
    public Task Consume(ConsumeContext<ApplicationReturned> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var returned = context.Message;
        // The offices' returns are routing's own events, already applied.
        if (returned.Level != OfficeLevel.Province) return;
        var recommendation = await Find(returned.ApplicationId, context.CancellationToken);
        if (recommendation is null)
        {
            logger.LogWarning("Province return of application {ApplicationId}, unknown to routing, ignored", returned.ApplicationId);
            return;
        }
        if (recommendation.RecordProvinceReturn(returned))
            db.Audit(returned.By ?? Accountability.Platform, "ProvinceReturnRecorded", returned.ApplicationId.ToString(), new { returned.Reason, returned.ReturnedAt }, clock);
    });

    public Task Consume(ConsumeContext<PaperCopyReceived> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var paper = context.Message;
        // The copy can only be checked against a submitted record; should its submission still be on its way, the retry finds it.
        var recommendation = await Find(paper.ApplicationId, context.CancellationToken);
        if (recommendation is not { IsSubmitted: true })
            throw new InvalidOperationException($"Paper copy of application {paper.ApplicationId} before its submission reached routing.");
        var returned = recommendation.RecordPaperCopy(paper);
        var by = paper.By ?? Accountability.Platform;
        if (returned is not null) db.Record(returned, by, paper.ApplicationId.ToString(), clock);
        else db.Audit(by, "PaperCopyRecorded", paper.ApplicationId.ToString(), new { paper.Matches, paper.Reason, paper.ReceivedOn, paper.Copies, Status = recommendation.Status }, clock);
    });

    Task<Recommendation?> Find(Guid applicationId, CancellationToken ct) =>
        db.Recommendations.Include(r => r.History).FirstOrDefaultAsync(r => r.ApplicationId == applicationId, ct);
}
