using IpPlatform.Contracts.Events;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Eligibility.History;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Consumers;

/// <summary>
/// Assesses every submitted application with the same engine as the precheck, and publishes the result. Submissions
/// arrive in batches (at a deadline, thousands within minutes): a batch is assessed and saved in one transaction.
/// </summary>
public sealed class ApplicationSubmittedConsumer(EligibilityDbContext db, TimeProvider clock) : IConsumer<Batch<ApplicationSubmitted>>
{
    public Task Consume(ConsumeContext<Batch<ApplicationSubmitted>> context) => db.ConsumeBatchOnceAsync(context, async message =>
    {
        var submitted = message.Message;
        var ct = message.CancellationToken;
        // The rules of the version the applicant submitted under, not of a correction published since; the current
        // version for a submission made before versions were recorded.
        var version = submitted.CallVersion
            ?? await db.Calls.AsNoTracking().Where(c => c.Id == submitted.CallId).Select(c => (int?)c.Version).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Call {submitted.CallId} is unknown to eligibility; the message goes to the error queue.");
        var call = await db.CallVersionAsync(submitted.CallId, version, ct)
            ?? throw new InvalidOperationException($"Call {submitted.CallId} has no version {version} in eligibility; the message goes to the error queue.");

        var history = await HistoryLoader.LoadAsync(db, submitted.Document, submitted.ApplicationId, ct);
        var result = EligibilityEngine.Assess(submitted.Document, call, history);
        var now = clock.GetUtcNow();

        db.SubmittedApplications.Add(SubmittedApplicationRecord.From(submitted.ApplicationId, submitted.Document));
        db.Assessments.Add(Assessment.From(submitted.ApplicationId, submitted.CallId, version, result, now.UtcDateTime));
        // The platform assesses, no one in person: audited as the platform's act.
        db.Record(new EligibilityAssessed(
            submitted.ApplicationId, submitted.CallId, submitted.TrackId,
            Enum.Parse<IpPlatform.Contracts.Events.EligibilityOutcome>(result.Outcome.ToString()),
            result.Findings.Select(f => new EligibilityFinding(f.RuleId, f.Result.ToString(), f.MessageZh, f.MessageEn) { GapZh = f.GapZh, GapEn = f.GapEn }).ToList(),
            now) { CallVersion = version }, Accountability.Platform, submitted.ApplicationId.ToString(), clock);
    });
}

/// <summary>Drops a republished call from <see cref="PublishedCallCache"/>; it changes nothing stored, so it needs no inbox.</summary>
public sealed class CallPublishedConsumer(PublishedCallCache calls) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context)
    {
        calls.Invalidate(context.Message.Call.Id);
        return Task.CompletedTask;
    }
}

/// <summary>Keeps the record of projects the history rules read, from monitoring's and funding's events.</summary>
public sealed class ProjectHistoryConsumer(EligibilityDbContext db, ILogger<ProjectHistoryConsumer> logger) :
    IConsumer<ProjectStarted>, IConsumer<ProjectEvaluated>, IConsumer<ProjectAccepted>, IConsumer<TrancheDisbursed>
{
    public Task Consume(ConsumeContext<ProjectStarted> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var started = context.Message;
        if (await db.Projects.AnyAsync(p => p.ApplicationId == started.ApplicationId, context.CancellationToken)) return;
        var application = await db.SubmittedApplications.FindAsync([started.ApplicationId], context.CancellationToken)
            ?? throw new InvalidOperationException($"Project {started.ProjectId} started for application {started.ApplicationId}, which eligibility never saw.");
        // The call year is the year after the call's "last year" (2022 for the 2022 call).
        var call = await db.Calls.FindAsync([started.CallId], context.CancellationToken);
        db.Projects.Add(ProjectRecord.Started(started.ApplicationId, application, call?.Document.LastYear + 1 ?? started.StartsOn.Year));
    });

    public Task Consume(ConsumeContext<ProjectEvaluated> context) =>
        Update(context, context.Message.ApplicationId, p => { if (!context.Message.Passed) p.Fail(); });

    public Task Consume(ConsumeContext<ProjectAccepted> context) =>
        Update(context, context.Message.ApplicationId, p => p.Accept(context.Message.AcceptedOn));

    public Task Consume(ConsumeContext<TrancheDisbursed> context) =>
        Update(context, context.Message.ApplicationId, p => { if (context.Message.IsFinal) p.FinalTrancheDisbursed(); });

    Task Update(ConsumeContext context, Guid applicationId, Action<ProjectRecord> change) => db.ConsumeOnceAsync(context, async () =>
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.ApplicationId == applicationId, context.CancellationToken);
        if (project is null)
        {
            // A tranche can be paid before the project opens; that payment is not a final one, so nothing is lost.
            logger.LogInformation("No project record yet for application {ApplicationId}", applicationId);
            return;
        }
        change(project);
    });
}
