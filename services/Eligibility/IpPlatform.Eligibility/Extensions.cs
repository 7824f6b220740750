using IpPlatform.Eligibility.Consumers;
using IpPlatform.Eligibility.Data;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Security;
using MassTransit;

namespace IpPlatform.Eligibility;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddServiceDatabase<EligibilityDbContext, SqliteEligibilityDbContext, SqlServerEligibilityDbContext>("eligibility-db");
        builder.Services.AddScoped<IDatabaseSeeder<EligibilityDbContext>, ShippedCallsSeeder>();
        builder.Services.AddScoped<IDatabaseSeeder<EligibilityDbContext>, ProjectKeysSeeder>();
        builder.Services.AddSingleton<PublishedCallCache>();
        builder.AddServiceBus<EligibilityDbContext>("eligibility", bus =>
        {
            bus.AddConsumer<ApplicationSubmittedConsumer>(c => c.Options<BatchOptions>(o => MessageBatches.Configure(o, builder.Configuration)));
            bus.AddConsumer<ProjectHistoryConsumer>();
            bus.AddConsumer<ApprovalCancelledConsumer>();
            bus.AddConsumer<CallPublishedConsumer>();
        });
    }
}
