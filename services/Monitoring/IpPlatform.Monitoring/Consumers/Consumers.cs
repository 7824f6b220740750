using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Monitoring.Data;
using IpPlatform.Monitoring.Projects;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Monitoring.Consumers;

/// <summary>
/// Keeps each track's period and evaluation interval of every version of every published call: a project opens with
/// the version its application was submitted under, so an older version arriving late adds its own copy and replaces none.
/// </summary>
public sealed class CallPublishedConsumer(MonitoringDbContext db) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var call = context.Message.Call;
        var version = context.Message.Version;
        var known = await db.Tracks.Where(t => t.CallId == call.Id && t.CallVersion == version).ToListAsync(context.CancellationToken);
        foreach (var track in call.Tracks)
        {
            if (known.FirstOrDefault(t => t.TrackId == track.Id) is { } existing) existing.Replace(call, track, version);
            else db.Tracks.Add(KnownTrack.From(call, track, version));
        }
    });
}

/// <summary>Opens a project for each approved application.</summary>
public sealed class ApplicationDecidedConsumer(MonitoringDbContext db, TimeProvider clock, ILogger<ApplicationDecidedConsumer> logger)
    : IConsumer<ApplicationDecided>
{
    public Task Consume(ConsumeContext<ApplicationDecided> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var decided = context.Message;
        if (decided.Decision != ProvincialDecision.Approved) return;
        if (await db.Projects.AnyAsync(p => p.ApplicationId == decided.ApplicationId, context.CancellationToken))
        {
            // The same decision re-published under a new message id: the project is already open.
            logger.LogWarning("Application {ApplicationId} already has a project; decision ignored", decided.ApplicationId);
            return;
        }

        // A call is published before anyone can apply to it, so an unknown call here means its CallPublished is
        // still queued behind this decision. Throwing hands the message to the endpoint's bounded retry, which
        // gives the call time to arrive; should it never come, the decision lands in the _error queue and can be
        // moved back once the call is known, rather than opening a project with guessed dates.
        var track = await db.TrackOfAsync(decided, context.CancellationToken)
            ?? throw new InvalidOperationException($"Call {decided.CallId} track {decided.TrackId} version {decided.CallVersion?.ToString() ?? "(latest)"} is not known yet.");

        var project = Project.Open(decided, track, clock.GetUtcNow().UtcDateTime);
        db.Projects.Add(project);
        // The project follows from the province's decision: the decider is accountable for opening it.
        db.Record(project.Started(), decided.By ?? Accountability.Platform, decided.ApplicationId.ToString(), clock);
    });
}
