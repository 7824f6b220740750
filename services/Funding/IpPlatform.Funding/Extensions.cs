using IpPlatform.Funding.Consumers;
using IpPlatform.Funding.Data;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Security;

namespace IpPlatform.Funding;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddServiceDatabase<FundingDbContext, SqliteFundingDbContext, SqlServerFundingDbContext>("funding-db");
        builder.AddServiceBus<FundingDbContext>("funding", bus =>
        {
            bus.AddConsumer<CallPublishedConsumer>();
            bus.AddConsumer<ApplicationDecidedConsumer>();
            bus.AddConsumer<ProjectProgressConsumer>();
        });
    }
}
