using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Review.Data;
using IpPlatform.Review.Reviews;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Review.Consumers;

/// <summary>Keeps who applied, for the decision event and the protection-zone rule.</summary>
public sealed class ApplicantConsumer(ReviewDbContext db) : IConsumer<ApplicationSubmitted>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) => db.ConsumeOnceAsync(context, async () =>
    {
        if (await db.Applicants.FindAsync([context.Message.ApplicationId], context.CancellationToken) is null)
            db.Applicants.Add(KnownApplicant.From(context.Message));
    });
}

/// <summary>Keeps, per call and track, the division whose accounts decide and the review rules; a correction (later version) replaces them, an older version arriving late does not.</summary>
public sealed class CallPublishedConsumer(ReviewDbContext db, TimeProvider clock) : IConsumer<CallPublished>
{
    public Task Consume(ConsumeContext<CallPublished> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var call = context.Message.Call;
        var version = context.Message.Version;
        var known = await db.TrackDivisions.Where(t => t.CallId == call.Id).ToListAsync(context.CancellationToken);
        // An older version arriving late (after a correction) changes nothing: the newer one's tracks and rules stay.
        if (known.Count > 0 && known.Max(k => k.CallVersion) > version) return;
        db.TrackDivisions.RemoveRange(known.Where(k => call.FindTrack(k.TrackId) is null));
        foreach (var track in call.Tracks)
        {
            if (known.FirstOrDefault(k => k.TrackId == track.Id) is { } division) division.Replace(track, version);
            else db.TrackDivisions.Add(new TrackDivision(call.Id, track, version));
        }
        // Who decides what is an authorisation: whoever published the call answers for it.
        db.Audit(context.Message.By ?? Accountability.Platform, "CallDivisionsReceived", call.Id,
            call.Tracks.ToDictionary(t => t.Id, t => t.DivisionZh), clock);
    });
}

/// <summary>
/// Opens a review when a city forwards an application (offices cannot return it after that), or when routing sends
/// one straight to the province at submission (the call's rules make the province its first office).
/// </summary>
public sealed class ReviewCaseConsumer(ReviewDbContext db, TimeProvider clock, ILogger<ReviewCaseConsumer> logger) :
    IConsumer<ApplicationRecommended>, IConsumer<ApplicationForwardedToProvince>
{
    /// <summary>The city opinion a review shows when no city recommended the application.</summary>
    public const string NoCityOpinion = "—（直接向省局申报，无市级推荐意见）";

    public Task Consume(ConsumeContext<ApplicationForwardedToProvince> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var forwarded = context.Message;
        if (await db.Reviews.FindAsync([forwarded.ApplicationId], context.CancellationToken) is not null)
        {
            logger.LogWarning("Application {ApplicationId} forwarded to the province again; its review is already open", forwarded.ApplicationId);
            return;
        }
        // The review opens as on a city's forwarding, from the applicant's city and without a city opinion.
        db.Reviews.Add(ReviewCase.Open(new ApplicationRecommended(forwarded.ApplicationId, forwarded.CallId, forwarded.TrackId,
            OfficeLevel.City, forwarded.CityRegionCode, NoCityOpinion, forwarded.ForwardedAt) { By = forwarded.By }));
        db.Audit(forwarded.By ?? Accountability.Platform, "ReviewOpened", forwarded.ApplicationId.ToString(),
            new { forwarded.CallId, forwarded.TrackId, forwarded.CityRegionCode, Direct = true }, clock);
    });

    public Task Consume(ConsumeContext<ApplicationRecommended> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var recommended = context.Message;
        if (!ReviewCase.StartsReview(recommended)) return; // a county recommendation stays below the province
        if (await db.Reviews.FindAsync([recommended.ApplicationId], context.CancellationToken) is not null)
        {
            logger.LogWarning("Second city recommendation of application {ApplicationId} ignored", recommended.ApplicationId);
            return;
        }
        db.Reviews.Add(ReviewCase.Open(recommended));
        // The city's recommendation opens the review: its account answers for it.
        db.Audit(recommended.By ?? Accountability.Platform, "ReviewOpened", recommended.ApplicationId.ToString(),
            new { recommended.CallId, recommended.TrackId, recommended.OfficeRegionCode, recommended.Opinion }, clock);
    });
}
