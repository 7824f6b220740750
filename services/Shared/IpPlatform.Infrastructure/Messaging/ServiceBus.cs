using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Infrastructure.Messaging;

public static class ServiceBus
{
    /// <summary>The queue <typeparamref name="TConsumer"/> of <paramref name="serviceName"/> reads.</summary>
    public static string QueueOf<TConsumer>(string serviceName) where TConsumer : class, IConsumer =>
        Formatter(serviceName).Consumer<TConsumer>();

    static KebabCaseEndpointNameFormatter Formatter(string serviceName) => new(serviceName, false);

    /// <summary>Name of the broker's connection string (the AppHost's RabbitMQ resource).</summary>
    public const string ConnectionName = "messaging";

    /// <summary>Configuration section of the consumers' tuning (prefetch, concurrency, quorum queues).</summary>
    public const string MessagingSection = "Messaging";

    // Prefetch keeps a consumer busy between round trips; the concurrency is bounded by the service's one
    // database (SQLite serialises writers), so a few handlers at once overlap reads and broker I/O.
    const int DefaultPrefetchCount = 32;
    const int DefaultConcurrentMessageLimit = 4;

    /// <summary>
    /// MassTransit on RabbitMQ for one service: queues named after the service (so two services never
    /// compete for one queue), durable by default, a short bounded retry and then the <c>_error</c> queue,
    /// and the outbox dispatcher for <typeparamref name="TContext"/>. The queues in <paramref name="inOrder"/>
    /// (see <see cref="QueueOf{TConsumer}"/>) are handled one message at a time, in the order the broker holds
    /// them, whatever the configuration says: their consumer depends on that order.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus<TContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> consumers,
        IReadOnlySet<string>? inOrder = null)
        where TContext : DbContext
    {
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        // A service whose work may lag waits for a busy machine before each message (Runtime:YieldAbovePercent).
        var load = IpPlatform.MachineLoad.From(builder.Configuration);
        if (load is not null) builder.Services.AddSingleton(load);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(Formatter(serviceName));
            consumers(bus);
            var messaging = builder.Configuration.GetSection(MessagingSection);
            var quorumQueues = messaging.GetValue("QuorumQueues", false);
            bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Intervals(200, 1000, 3000));
                endpoint.UseConsumeFilter(typeof(CorrelationConsumeFilter<>), context);
                if (load is not null) endpoint.UseConsumeFilter(typeof(YieldToBusyMachineFilter<>), context);
                // Explicit per endpoint rather than MassTransit's processor-count default: Messaging:PrefetchCount and
                // Messaging:ConcurrentMessageLimit for all, Messaging:Endpoints:<queue>:… for one queue.
                var own = messaging.GetSection($"Endpoints:{name}");
                // A consumer's own limit of one does not keep the order: the endpoint's handlers would reach it in
                // any order. One handler on the endpoint does.
                // A batch consumer's options (BatchOptions) may have raised both already: a batch needs its messages in
                // flight together, so the configured figures never lower them.
                var batchCapacity = endpoint.ConcurrentMessageLimit ?? 0;
                endpoint.ConcurrentMessageLimit = inOrder?.Contains(name) == true ? 1
                    : Math.Max(batchCapacity, own.GetValue<int?>("ConcurrentMessageLimit") ?? messaging.GetValue("ConcurrentMessageLimit", DefaultConcurrentMessageLimit));
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.PrefetchCount = Math.Max(batchCapacity, own.GetValue<int?>("PrefetchCount")
                        ?? messaging.GetValue("PrefetchCount", DefaultPrefetchCount));
                    // Replicated on a cluster, so a queue survives the loss of a node. An existing classic queue
                    // cannot change its type: delete it (or start on a fresh broker) when switching.
                    if (quorumQueues) rabbitEndpoint.SetQuorumQueue();
                }
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

/// <summary>
/// Batch sizes for a consumer of <see cref="Batch{T}"/>, from <c>Messaging:Batch:MessageLimit</c> (default 32) and
/// <c>Messaging:Batch:TimeLimitMs</c> (default 10): under load a batch fills at once; alone, a message waits at most the
/// time limit. Two batches of an endpoint may run at once, so the next one gathers while the first is saved.
/// </summary>
public static class MessageBatches
{
    public const int DefaultMessageLimit = 32;
    public const int DefaultTimeLimitMs = 10;

    public static void Configure(BatchOptions options, IConfiguration configuration)
    {
        var batch = configuration.GetSection($"{ServiceBus.MessagingSection}:Batch");
        var messageLimit = batch.GetValue("MessageLimit", DefaultMessageLimit);
        var timeLimitMs = batch.GetValue("TimeLimitMs", DefaultTimeLimitMs);
        if (messageLimit is < 1 or > 1000)
            throw new InvalidOperationException($"Messaging:Batch:MessageLimit must be 1–1000 (1: no batching); it is {messageLimit}.");
        if (timeLimitMs is < 1 or > 10000)
            throw new InvalidOperationException($"Messaging:Batch:TimeLimitMs must be 1–10000; it is {timeLimitMs}.");
        options.SetMessageLimit(messageLimit).SetTimeLimit(TimeSpan.FromMilliseconds(timeLimitMs)).SetConcurrencyLimit(2);
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

/// <summary>
/// Holds a message back while others at normal priority keep the machine busy (<see cref="IpPlatform.MachineLoad"/>),
/// at most its bounded wait: the message stays unacknowledged meanwhile, so the broker keeps it and sends no more
/// than the prefetch.
/// </summary>
public sealed class YieldToBusyMachineFilter<T>(IpPlatform.MachineLoad load) : IFilter<ConsumeContext<T>> where T : class
{
    static readonly System.Diagnostics.Metrics.Histogram<double> Waited = IpPlatformTelemetry.Meter.CreateHistogram<double>(
        "ipplatform.consume.yielded", "ms", "How long a message waited for a busy machine before it was handled");

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (load.IsBusy)
            Waited.Record((await load.WaitWhileBusyAsync(context.CancellationToken)).TotalMilliseconds);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("yield-to-busy-machine");
}
