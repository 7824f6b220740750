using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Delivery.Data;
using IpPlatform.Testing;

namespace IpPlatform.Delivery.Tests;

/// <summary>The pull feed: every event stored once, in order, paged by cursor, filtered by type, kept across restarts.</summary>
public sealed class FeedTests
{
    [Fact]
    public async Task Events_come_in_order_as_CloudEvents_a_page_at_a_time_and_the_cursor_moves_on()
    {
        await using var service = Samples.Service();
        var agency = service.CreateClient(TestAccounts.Agency);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await service.PublishAsync(Samples.Submitted(id));
        }
        await service.PublishAsync(Samples.Returned(ids[0]));
        await Eventually.Get(() => Task.FromResult<int?>(service.Query<DeliveryDbContext, int>(db => db.Feed.Count())), n => n == 6, what: "six feed entries");

        var first = await agency.GetFromJsonAsync<JsonElement>("/api/events?limit=4");
        var events = first.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(4, events.Count);
        Assert.True(first.GetProperty("hasMore").GetBoolean());
        Assert.All(events, e =>
        {
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal("cn.gov.jiangsu.ipplatform.ApplicationSubmitted.v1", e.GetProperty("type").GetString());
            Assert.EndsWith("/api/events/schemas/ApplicationSubmitted.json", e.GetProperty("dataschema").GetString());
        });
        Assert.Equal(ids.Take(4).Select(i => i.ToString()), events.Select(e => e.GetProperty("subject").GetString()));
        Assert.Equal(ids.Take(4).Select(i => i.ToString()), events.Select(e => e.GetProperty("data").GetProperty("applicationId").GetString()));
        var sequences = events.Select(e => e.GetProperty("sequence").GetString()!).ToList();
        Assert.Equal(sequences.Order(StringComparer.Ordinal), sequences);

        var second = await agency.GetFromJsonAsync<JsonElement>($"/api/events?after={first.GetProperty("next").GetString()}&limit=4");
        var rest = second.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, rest.Count);
        Assert.False(second.GetProperty("hasMore").GetBoolean());
        Assert.Equal("cn.gov.jiangsu.ipplatform.ApplicationReturned.v1", rest[1].GetProperty("type").GetString());
        Assert.Equal("材料不全，缺少审计报告", rest[1].GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("County", rest[1].GetProperty("data").GetProperty("level").GetString()); // enums by name

        var empty = await agency.GetFromJsonAsync<JsonElement>($"/api/events?after={second.GetProperty("next").GetString()}");
        Assert.Empty(empty.GetProperty("events").EnumerateArray());
        Assert.Equal(second.GetProperty("next").GetString(), empty.GetProperty("next").GetString()); // nothing new: the cursor stays

        var filtered = await agency.GetFromJsonAsync<JsonElement>("/api/events?type=ApplicationReturned");
        Assert.Equal([ids[0].ToString()], filtered.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task A_redelivered_event_is_stored_once()
    {
        await using var service = Samples.Service();
        using var duplicates = PlatformCounter.InboxDuplicates();
        var messageId = Guid.NewGuid();
        await service.PublishAsync(Samples.Submitted(), messageId);
        await service.PublishAsync(Samples.Submitted(), messageId);
        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery recognised");
        Assert.Equal(1, service.Query<DeliveryDbContext, int>(db => db.Feed.Count()));
    }

    [Fact]
    public async Task The_cursor_of_a_reader_stays_valid_across_a_restart_of_the_service()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ipplatform-test-{Guid.NewGuid():N}.db");
        try
        {
            var first = Samples.Service(databaseFile: file);
            foreach (var _ in Enumerable.Range(0, 3)) await first.Harness.Bus.Publish(Samples.Submitted());
            await Eventually.Get(() => Task.FromResult<int?>(Count(first)), n => n == 3, what: "three entries");
            var page = await first.CreateClient(TestAccounts.Agency).GetFromJsonAsync<JsonElement>("/api/events?limit=2");
            var cursor = page.GetProperty("next").GetString()!;
            var before = page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

            // The next process starts on the same database, then the first one goes away. (Started before the first
            // is disposed: MassTransit keeps a process-wide log context that must not point at a disposed host.)
            await using var second = Samples.Service(databaseFile: file);
            var harness = second.Harness;
            await first.DisposeAsync();
            await harness.Bus.Publish(Samples.Submitted());
            await Eventually.Get(() => Task.FromResult<int?>(Count(second)), n => n == 4, what: "the fourth entry");
            var next = await second.CreateClient(TestAccounts.Agency).GetFromJsonAsync<JsonElement>($"/api/events?after={cursor}");
            var after = next.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
            Assert.Equal(2, after.Count);
            Assert.Empty(after.Intersect(before));
            var all = await second.CreateClient(TestAccounts.Agency).GetFromJsonAsync<JsonElement>("/api/events");
            Assert.Equal(before.Concat(after), all.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(file + suffix); } catch (IOException) { }
        }
    }

    static int Count(ServiceFactory<Program> host) => host.Query<DeliveryDbContext, int>(db => db.Feed.Count());

    [Fact]
    public async Task A_bad_cursor_limit_or_type_is_a_problem_naming_the_field()
    {
        await using var service = Samples.Service();
        var agency = service.CreateClient(TestAccounts.Agency);
        foreach (var (query, field) in new[] { ("after=abc", "after"), ("after=-1", "after"), ("limit=0", "limit"), ("limit=501", "limit"), ("type=AccountRegistered", "type") })
        {
            var response = await agency.GetAsync($"/api/events?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }
}
