using IpPlatform.Contracts.Events;
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

/// <summary>Opens a review when a city office forwards an application; closes it when an office returns it.</summary>
public sealed class ReviewCaseConsumer(ReviewDbContext db, ILogger<ReviewCaseConsumer> logger) :
    IConsumer<ApplicationRecommended>, IConsumer<ApplicationReturned>
{
    public Task Consume(ConsumeContext<ApplicationRecommended> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var recommended = context.Message;
        if (!ReviewCase.StartsReview(recommended)) return; // a county recommendation stays below the province
        if (await db.Reviews.FindAsync([recommended.ApplicationId], context.CancellationToken) is not null)
            logger.LogWarning("Second city recommendation of application {ApplicationId} ignored", recommended.ApplicationId);
        else
            db.Reviews.Add(ReviewCase.Open(recommended));
    });

    public Task Consume(ConsumeContext<ApplicationReturned> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.ApplicationId == context.Message.ApplicationId, context.CancellationToken);
        review?.Close(context.Message);
    });
}
