using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Monitoring.Consumers;
using IpPlatform.Monitoring.Data;
using IpPlatform.Security;

namespace IpPlatform.Monitoring;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddServiceDatabase<MonitoringDbContext, SqliteMonitoringDbContext, SqlServerMonitoringDbContext>("monitoring-db");
        builder.AddServiceBus<MonitoringDbContext>("monitoring", bus =>
        {
            bus.AddConsumer<CallPublishedConsumer>();
            bus.AddConsumer<ApplicationDecidedConsumer>();
        });
    }
}
