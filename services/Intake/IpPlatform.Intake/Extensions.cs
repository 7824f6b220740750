using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Intake.Consumers;
using IpPlatform.Intake.Data;
using IpPlatform.Intake.Materials;
using IpPlatform.Security;
using MassTransit;

namespace IpPlatform.Intake;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.AddServiceDatabase<IntakeDbContext, SqliteIntakeDbContext, SqlServerIntakeDbContext>("intake-db");
        builder.AddMaterialStore("intake-db");
        builder.AddServiceBus<IntakeDbContext>("intake", bus =>
        {
            bus.AddConsumer<CallPublishedConsumer>();
            bus.AddConsumer<ApplicationProgressConsumer>(c => c.Options<BatchOptions>(o => MessageBatches.Configure(o, builder.Configuration)));
        });
    }
}
