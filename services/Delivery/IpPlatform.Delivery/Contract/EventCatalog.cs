using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Delivery.Feed;
using NJsonSchema;
using NJsonSchema.Generation;

namespace IpPlatform.Delivery.Contract;

/// <summary>
/// The public contract of the events, generated from the records of <c>IpPlatform.Contracts</c> (their shape,
/// and their XML documentation for descriptions): one JSON Schema per event and an AsyncAPI 3.0 document
/// listing them. Generated on demand, never hand-kept; <c>docs/events/asyncapi.json</c> is its committed
/// snapshot, compared by a test.
/// </summary>
public static class EventCatalog
{
    public const string Title = "IpPlatform integration events";
    /// <summary>The contract's version: the major is <see cref="PublicEvents.MajorVersion"/>; raise the minor for additions.</summary>
    public static readonly string Version = $"{PublicEvents.MajorVersion}.0.0";

    static SystemTextJsonSchemaGeneratorSettings Settings() => new()
    {
        SerializerOptions = PublicEvents.Json,
        SchemaType = SchemaType.JsonSchema,
        DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
        GenerateAbstractProperties = false,
        FlattenInheritanceHierarchy = true,
    };

    /// <summary>The JSON Schema of one event's data, or null for a name that is not a published event.</summary>
    public static string? SchemaOf(string eventName) =>
        PublicEvents.All.FirstOrDefault(t => t.Name == eventName) is { } type ? Normalize(JsonSchema.FromType(type, Settings()).ToJson()) : null;

    /// <summary>The AsyncAPI 3.0 document of every published event.</summary>
    public static string AsyncApi(string publicUrl)
    {
        var settings = Settings();
        var root = new JsonSchema();
        var resolver = new JsonSchemaResolver(root, settings);
        var generator = new JsonSchemaGenerator(settings);
        var summaries = new Dictionary<string, string?>();
        foreach (var type in PublicEvents.All)
        {
            var schema = generator.Generate(type, resolver);
            root.Definitions[type.Name] = schema;
            summaries[type.Name] = schema.Description;
        }
        var definitions = JsonNode.Parse(root.ToJson().Replace("#/definitions/", "#/components/schemas/", StringComparison.Ordinal))!["definitions"]!.AsObject();
        var schemas = new JsonObject();
        foreach (var (name, schema) in definitions.OrderBy(d => d.Key, StringComparer.Ordinal)) schemas[name] = schema!.DeepClone();

        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        foreach (var name in PublicEvents.All.Select(t => t.Name))
        {
            var type = PublicEvents.CloudEventType(name);
            channels[name] = new JsonObject
            {
                ["address"] = type,
                ["title"] = name,
                ["description"] = $"CloudEvents 1.0 events of type `{type}`, subject = the application id (the call id for CallPublished). " +
                                  $"Delivered to webhook subscriptions naming `{name}` and listed by `GET /api/events?type={name}`.",
                ["messages"] = new JsonObject { [name] = new JsonObject { ["$ref"] = $"#/components/messages/{name}" } },
            };
            operations[$"receive{name}"] = new JsonObject
            {
                ["action"] = "receive",
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{name}" },
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{name}/messages/{name}" }),
            };
            messages[name] = new JsonObject
            {
                ["name"] = name,
                ["title"] = name,
                ["summary"] = summaries[name],
                ["contentType"] = "application/json",
                ["payload"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name}" },
                ["externalDocs"] = new JsonObject { ["url"] = $"{publicUrl.TrimEnd('/')}/api/events/schemas/{name}.json" },
            };
        }

        var document = new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = Title,
                ["version"] = Version,
                ["description"] =
                    "What happens to applications on the platform of the Jiangsu intellectual-property office, as events for other agencies' systems. " +
                    "Each event is the `data` of a CloudEvents 1.0 event (structured JSON, `application/cloudevents+json`) whose `type` is the channel's address, " +
                    "`id` is unique per event, `sequence` (zero-padded) orders the feed, and `dataschema` links the event's JSON Schema. " +
                    "Webhooks (`/api/webhooks`) post them signed with HMAC-SHA256 over `timestamp + \".\" + body` (headers IpPlatform-Timestamp, IpPlatform-Signature); " +
                    "the pull feed (`GET /api/events?after=<sequence>`) pages through them. Within a major version changes are additive only (docs/events/README.md).",
            },
            ["defaultContentType"] = "application/json",
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
        return Normalize(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
