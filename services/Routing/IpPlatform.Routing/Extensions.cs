using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Routing.Consumers;
using IpPlatform.Routing.Data;
using IpPlatform.Security;
using MassTransit;

namespace IpPlatform.Routing;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddServiceDatabase<RoutingDbContext, SqliteRoutingDbContext, SqlServerRoutingDbContext>("routing-db");
        builder.AddServiceBus<RoutingDbContext>("routing", bus =>
        {
            bus.AddConsumer<CallPublishedConsumer>();
            bus.AddConsumer<RecommendationCaseConsumer, RecommendationCaseConsumerDefinition>();
            bus.AddConsumer<CaseClosingConsumer>();
        });
    }
}
