using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Infrastructure.Messaging;

public static class ServiceBus
{
    /// <summary>Name of the broker's connection string (the AppHost's RabbitMQ resource).</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ for one service: queues named after the service (so two services never
    /// compete for one queue), durable by default, a short bounded retry and then the <c>_error</c> queue,
    /// and the outbox dispatcher for <typeparamref name="TContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus<TContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> consumers)
        where TContext : DbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Intervals(200, 1000, 3000));
                endpoint.UseConsumeFilter(typeof(CorrelationConsumeFilter<>), context);
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
                    ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (RabbitMQ) is not configured.");
                rabbit.Host(new Uri(connectionString), host => host.PublisherConfirmation = true);
                // Enum values travel as names: readable by other agencies and stable across reordering.
                rabbit.ConfigureJsonSerializerOptions(options =>
                {
                    options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
                    return options;
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}

/// <summary>Restores the correlation id carried by a message into the ambient context and the log scope.</summary>
public sealed class CorrelationConsumeFilter<T>(ILogger<CorrelationConsumeFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var correlationId = context.Headers.Get<string>(CorrelationIdMiddleware.HeaderName) ?? context.MessageId?.ToString("N") ?? "";
        using var ambient = CorrelationContext.Begin(correlationId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId });
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("correlation");
}
