using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Consumers;
using IpPlatform.Review.Data;

namespace IpPlatform.Review;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReviewDbContext, SqliteReviewDbContext, SqlServerReviewDbContext>("review-db");
        builder.AddServiceBus<ReviewDbContext>("review", bus =>
        {
            bus.AddConsumer<ApplicantConsumer>();
            bus.AddConsumer<ReviewCaseConsumer>();
        });
    }
}
