using System.Diagnostics;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IpPlatform.Infrastructure.Messaging;

public static class Outbox
{
    /// <summary>Serializer for stored events; the same shape MassTransit sends (camelCase, enums as names).</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    static readonly System.Reflection.Assembly ContractsAssembly = typeof(CallPublished).Assembly;

    /// <summary>
    /// Stages an integration event in the outbox of <paramref name="db"/>. It is stored by the caller's
    /// next SaveChanges, in the same transaction as the state change, and published after commit.
    /// </summary>
    /// <returns>The event as stored (JSON).</returns>
    public static string AddEvent<TEvent>(this DbContext db, TEvent @event, TimeProvider? clock = null) where TEvent : class
    {
        if (typeof(TEvent).Assembly != ContractsAssembly)
            throw new InvalidOperationException($"{typeof(TEvent)} is not an integration event of IpPlatform.Contracts.");
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var body = JsonSerializer.Serialize(@event, Json);
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(typeof(TEvent), body, CorrelationContext.Current, Activity.Current?.Id, now));
        return body;
    }

    internal static object Deserialize(OutboxMessage message, out Type type)
    {
        type = ContractsAssembly.GetType(message.MessageType)
               ?? throw new InvalidOperationException($"Unknown event type {message.MessageType}");
        return JsonSerializer.Deserialize(message.Body, type, Json)
               ?? throw new InvalidOperationException($"Empty body in outbox message {message.Id}");
    }

    static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }
}
