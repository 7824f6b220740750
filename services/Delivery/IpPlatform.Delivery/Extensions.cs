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
        // One at a time, in the broker's order: feed sequences must commit in the order they are assigned, and an
        // application's assessment finds what its submission recorded (see EventConsumer).
        builder.AddServiceBus<DeliveryDbContext>("delivery", bus => bus.AddConsumer<EventConsumer>(),
            inOrder: new HashSet<string> { ServiceBus.QueueOf<EventConsumer>("delivery") });

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
