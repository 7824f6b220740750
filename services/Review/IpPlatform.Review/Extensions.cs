using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Consumers;
using IpPlatform.Review.Data;
using IpPlatform.Security;

namespace IpPlatform.Review;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddServiceDatabase<ReviewDbContext, SqliteReviewDbContext, SqlServerReviewDbContext>("review-db");
        if (builder.Configuration.GetValue<bool?>(DemoExpertsSeeder.SettingKey) ?? builder.Environment.IsDevelopment())
            builder.Services.AddScoped<IDatabaseSeeder<ReviewDbContext>, DemoExpertsSeeder>();
        builder.AddServiceBus<ReviewDbContext>("review", bus =>
        {
            bus.AddConsumer<ApplicantConsumer>();
            bus.AddConsumer<CallPublishedConsumer>();
            bus.AddConsumer<ReviewCaseConsumer>();
        });
    }
}
