using System.Net;
using System.Reflection;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Delivery.Consumers;
using IpPlatform.Delivery.Contract;
using IpPlatform.Delivery.Feed;
using MassTransit;

namespace IpPlatform.Delivery.Tests;

/// <summary>The public contract: generated from the records, equal to its committed snapshot, covering every event.</summary>
public sealed class ContractTests
{
    const string PublicUrl = "http://localhost:8080";

    static string Snapshot() => IpPlatform.Tests.RepositoryFiles.Path("docs", "events", "asyncapi.json");

    [Fact]
    public void The_committed_AsyncAPI_document_is_the_generated_one()
    {
        var generated = EventCatalog.AsyncApi(PublicUrl);
        var path = Snapshot();
        var committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        if (committed != generated && Environment.GetEnvironmentVariable("IPPLATFORM_UPDATE_CONTRACT") == "1")
        {
            File.WriteAllText(path, generated);
            committed = generated;
        }
        Assert.True(committed == generated,
            "The integration events changed but docs/events/asyncapi.json did not. Check the change is additive (docs/events/README.md), " +
            "then regenerate: IPPLATFORM_UPDATE_CONTRACT=1 dotnet test --project tests/IpPlatform.Delivery.Tests");
    }

    [Fact]
    public void Every_event_record_of_the_contracts_is_published_or_carried_by_one()
    {
        var events = typeof(ApplicationSubmitted).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ApplicationSubmitted).Namespace && t is { IsPublic: true, IsEnum: false } && t != typeof(AccountRegistered))
            .ToList();
        var carried = PublicEvents.All.SelectMany(Reachable).ToHashSet();
        Assert.Empty(events.Where(t => !PublicEvents.All.Contains(t) && !carried.Contains(t)).Select(t => t.Name));
    }

    static IEnumerable<Type> Reachable(Type type)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([type]);
        while (queue.TryDequeue(out var t))
        {
            if (!seen.Add(t)) continue;
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var pt = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                foreach (var candidate in pt.IsGenericType ? pt.GetGenericArguments() : [pt])
                    if (candidate.Assembly == type.Assembly) queue.Enqueue(candidate);
            }
        }
        return seen;
    }

    [Fact]
    public void The_delivery_service_consumes_every_published_event()
    {
        var consumed = typeof(EventConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)).Select(i => i.GetGenericArguments()[0]).ToHashSet();
        Assert.Empty(PublicEvents.All.Where(t => !consumed.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void The_document_is_AsyncAPI_3_with_a_channel_message_and_schema_per_event_described_from_the_XML_comments()
    {
        using var document = JsonDocument.Parse(EventCatalog.AsyncApi(PublicUrl));
        var root = document.RootElement;
        Assert.Equal("3.0.0", root.GetProperty("asyncapi").GetString());
        Assert.Equal($"{PublicEvents.MajorVersion}.0.0", root.GetProperty("info").GetProperty("version").GetString());
        foreach (var name in PublicEvents.Names)
        {
            Assert.Equal(PublicEvents.CloudEventType(name), root.GetProperty("channels").GetProperty(name).GetProperty("address").GetString());
            Assert.Equal("receive", root.GetProperty("operations").GetProperty($"receive{name}").GetProperty("action").GetString());
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("components").GetProperty("messages").GetProperty(name).GetProperty("summary").GetString()), name);
            Assert.True(root.GetProperty("components").GetProperty("schemas").GetProperty(name).TryGetProperty("properties", out _), name);
        }
        // Nested documents are in the schemas too, and every reference resolves.
        var schemas = root.GetProperty("components").GetProperty("schemas");
        foreach (var reference in References(root))
        {
            const string prefix = "#/components/schemas/";
            if (reference.StartsWith(prefix, StringComparison.Ordinal)) Assert.True(schemas.TryGetProperty(reference[prefix.Length..], out _), reference);
        }
        var decided = schemas.GetProperty("ApplicationDecided").GetProperty("properties");
        Assert.Equal("date-time", decided.GetProperty("decidedAt").GetProperty("format").GetString());
    }

    static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };

    [Fact]
    public async Task The_documents_are_served_without_a_token()
    {
        await using var service = Samples.Service();
        var anonymous = service.CreateClient(null);
        var asyncApi = await anonymous.GetAsync("/api/events/asyncapi.json");
        Assert.Equal(HttpStatusCode.OK, asyncApi.StatusCode);
        Assert.Equal(EventCatalog.AsyncApi("http://localhost:8080"), await asyncApi.Content.ReadAsStringAsync());

        var schema = await anonymous.GetAsync("/api/events/schemas/TrancheDisbursed.json");
        Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        using var parsed = JsonDocument.Parse(await schema.Content.ReadAsStringAsync());
        Assert.Equal("date", parsed.RootElement.GetProperty("properties").GetProperty("disbursedOn").GetProperty("format").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/events/schemas/AccountRegistered.json")).StatusCode);
    }
}
