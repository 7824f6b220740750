using IpPlatform.Delivery.Api;
using IpPlatform.Delivery.Consumers;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Feed;
using IpPlatform.Delivery.Notifications;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Security;
using MassTransit;

namespace IpPlatform.Delivery;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DeliveryPolicies.EventReader, p => p.RequireAssertion(c => DeliveryPolicies.IsEventReader(c.User)));
        builder.AddServiceDatabase<DeliveryDbContext, SqliteDeliveryDbContext, SqlServerDeliveryDbContext>("delivery-db");
        builder.AddServiceBus<DeliveryDbContext>("delivery", bus =>
            // One at a time: feed sequences must commit in the order they are assigned (see EventConsumer).
            bus.AddConsumer<EventConsumer>(c => c.ConcurrentMessageLimit = 1));

        var settings = DeliverySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new CallbackAddressPolicy(allowLoopback: builder.Environment.IsDevelopment()));
        builder.Services.AddSingleton<CloudEventWriter>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddHostedService<MailSender>();
    }

    public static void MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        app.MapEventsApi();
        app.MapWebhooksApi();
        app.MapNotificationsApi();
    }
}
