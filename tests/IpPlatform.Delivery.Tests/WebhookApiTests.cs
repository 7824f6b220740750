using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CloudNative.CloudEvents.SystemTextJson;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Delivery.Tests;

/// <summary>Webhooks through the HTTP API, delivered to real receivers on loopback.</summary>
public sealed class WebhookApiTests
{
    static async Task<(Guid Id, string Secret)> Subscribe(HttpClient client, string url, params string[] types)
    {
        var response = await client.PostAsJsonAsync("/api/webhooks", new { callbackUrl = url, eventTypes = types });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("subscription").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    static async Task<List<JsonElement>> Deliveries(HttpClient client, Guid id, string? status = null) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/webhooks/{id}/deliveries" + (status is null ? "" : $"?status={status}")))!;

    [Fact]
    public async Task A_receiver_gets_a_submitted_applications_event_as_a_signed_CloudEvent()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var service = Samples.Service();
        var agency = service.CreateClient(TestAccounts.Agency);
        var (subscription, secret) = await Subscribe(agency, receiver.Url, "ApplicationSubmitted", "ApplicationReturned");
        var applicationId = Guid.NewGuid();

        await service.PublishAsync(Samples.Submitted(applicationId));
        await service.PublishAsync(Samples.Submitted() with { }); // another application: also wanted
        await service.PublishAsync(new IpPlatform.Contracts.Events.ExpertScoreRecorded(applicationId, "expert-1", 88, Samples.Start)); // not wanted

        await Eventually.Get(() => Task.FromResult<int?>(receiver.Calls.Count), n => n >= 2, what: "two deliveries");
        var call = receiver.Calls.First(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("subject").GetString() == applicationId.ToString());

        // What the receiver does: check the signature over timestamp + "." + body with its secret, then read the CloudEvent.
        Assert.True(WebhookSignature.Verify(secret, call.Headers["IpPlatform-Timestamp"], call.Headers["IpPlatform-Signature"], call.Body));
        Assert.StartsWith("application/cloudevents+json", call.ContentType);
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(call.Body, new System.Net.Mime.ContentType("application/cloudevents+json"), null);
        Assert.Equal("cn.gov.jiangsu.ipplatform.ApplicationSubmitted.v1", cloudEvent.Type);
        Assert.Equal(applicationId.ToString(), cloudEvent.Subject);
        Assert.Equal(TimeSpan.Zero, cloudEvent.Time!.Value.Offset);
        var data = (JsonElement)cloudEvent.Data!;
        Assert.Equal(applicationId, data.GetProperty("applicationId").GetGuid());
        Assert.Equal("91320583MA1XXXXX0X", data.GetProperty("document").GetProperty("applicant").GetProperty("creditCode").GetString());

        var delivered = await Eventually.Get(() => Deliveries(agency, subscription, "Delivered")!, d => d.Count == 2, what: "both listed as delivered");
        Assert.All(delivered, d => Assert.Equal(200, d.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32()));
        Assert.Equal(2, receiver.Calls.Count); // the score was not sent
    }

    [Fact]
    public async Task An_experts_assignment_reaches_the_feed_and_a_subscribed_receiver_with_its_experts()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var service = Samples.Service();
        var agency = service.CreateClient(TestAccounts.Agency);
        var (_, secret) = await Subscribe(agency, receiver.Url, "ExpertsAssigned");
        var applicationId = Guid.NewGuid();

        await service.PublishAsync(new IpPlatform.Contracts.Events.ExpertsAssigned(applicationId, "2022", "industrial-brand", ["张三", "李四"], 1, Samples.Start)
            { By = new IpPlatform.Contracts.Actors.Actor("province", "province", IpPlatform.Security.PlatformRoles.Province, "320000") });

        await Eventually.Get(() => Task.FromResult<int?>(receiver.Calls.Count), n => n >= 1, what: "the delivery");
        var call = receiver.Calls.Single();
        Assert.True(WebhookSignature.Verify(secret, call.Headers["IpPlatform-Timestamp"], call.Headers["IpPlatform-Signature"], call.Body));
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(call.Body, new System.Net.Mime.ContentType("application/cloudevents+json"), null);
        Assert.Equal("cn.gov.jiangsu.ipplatform.ExpertsAssigned.v1", cloudEvent.Type);
        Assert.Equal(applicationId.ToString(), cloudEvent.Subject);
        var data = (JsonElement)cloudEvent.Data!;
        Assert.Equal(["张三", "李四"], data.GetProperty("experts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, data.GetProperty("round").GetInt32());

        var feed = (await agency.GetFromJsonAsync<JsonElement>("/api/events?type=ExpertsAssigned")).GetProperty("events").EnumerateArray().Single();
        Assert.Equal("cn.gov.jiangsu.ipplatform.ExpertsAssigned.v1", feed.GetProperty("type").GetString());
        Assert.EndsWith("/api/events/schemas/ExpertsAssigned.json", feed.GetProperty("dataschema").GetString());
        Assert.Equal("industrial-brand", feed.GetProperty("data").GetProperty("trackId").GetString());
    }

    [Fact]
    public async Task A_receiver_answering_500_is_retried_on_the_schedule_then_dead_lettered_and_a_replay_delivers_again()
    {
        var clock = new FakeClock(Samples.Start);
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Answer = () => 500;
        await using var service = Samples.Service(clock);
        var agency = service.CreateClient(TestAccounts.Agency);
        var (subscription, secret) = await Subscribe(agency, receiver.Url, "ApplicationSubmitted");

        await service.PublishAsync(Samples.Submitted());
        var first = await Eventually.Get(() => Deliveries(agency, subscription)!, d => d.Count == 1 && d[0].GetProperty("attempts").GetArrayLength() == 1, what: "the first attempt");
        Assert.Equal("Pending", first[0].GetProperty("status").GetString());
        Assert.Equal(500, first[0].GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
        Assert.Equal(Samples.Start + RetrySchedule.DelayAfter(1), first[0].GetProperty("nextAttemptAt").GetDateTimeOffset());

        // Nothing happens before the next attempt is due; at it, the receiver is called again.
        clock.Advance(RetrySchedule.DelayAfter(1) - TimeSpan.FromSeconds(1));
        await Task.Delay(1500);
        Assert.Single(receiver.Calls);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Get(() => Task.FromResult<int?>(receiver.Calls.Count), n => n == 2, what: "the second attempt");

        // A day of failures later the delivery is dead-lettered, every attempt listed.
        for (var attempts = 2; ; attempts++)
        {
            var listed = await Eventually.Get(() => Deliveries(agency, subscription)!, d => d[0].GetProperty("attempts").GetArrayLength() == attempts, what: $"attempt {attempts}");
            if (listed[0].GetProperty("status").GetString() == "DeadLettered") break;
            clock.Advance(RetrySchedule.DelayAfter(attempts));
            Assert.True(attempts < 40, "never dead-lettered");
        }
        var dead = (await Deliveries(agency, subscription, "DeadLettered")).Single();
        Assert.True(clock.GetUtcNow() - Samples.Start >= RetrySchedule.GiveUpAfter);
        Assert.All(dead.GetProperty("attempts").EnumerateArray(), a => Assert.Equal(500, a.GetProperty("statusCode").GetInt32()));

        // The receiver is fixed; the agency replays from the day before.
        receiver.Answer = () => 200;
        var calls = receiver.Calls.Count;
        var replay = await agency.PostAsJsonAsync($"/api/webhooks/{subscription}/replay", new { from = Samples.Start.AddHours(-1) });
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries").GetInt32());
        var replayed = await Eventually.Get(() => Deliveries(agency, subscription, "Delivered")!, d => d.Count == 1, what: "the replayed delivery");
        Assert.True(replayed[0].GetProperty("replay").GetBoolean());
        var last = receiver.Calls.Skip(calls).Single();
        Assert.True(WebhookSignature.Verify(secret, last.Headers["IpPlatform-Timestamp"], last.Headers["IpPlatform-Signature"], last.Body));

        // A replay from after the event finds nothing.
        var none = await agency.PostAsJsonAsync($"/api/webhooks/{subscription}/replay", new { from = clock.GetUtcNow() });
        Assert.Equal(0, (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries").GetInt32());
    }

    [Fact]
    public async Task Every_instant_the_delivery_service_answers_carries_its_offset()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var service = Samples.Service();
        var agency = service.CreateClient(TestAccounts.Agency);
        var (subscription, _) = await Subscribe(agency, receiver.Url, "ApplicationSubmitted");
        var id = Guid.NewGuid();
        await service.PublishAsync(Samples.Submitted(id));
        await service.PublishAsync(Samples.Returned(id));
        await Eventually.Get(() => Task.FromResult<int?>(receiver.Calls.Count), n => n == 1, what: "the delivery");
        var applicant = service.CreateClient(TestAccounts.Applicant(Samples.CreditCode));
        await Eventually.Get(() => applicant.GetFromJsonAsync<JsonElement>("/api/notifications")!,
            inbox => inbox.GetProperty("unread").GetInt32() == 1, what: "the applicant's notice");

        var reads = new (HttpClient Client, string Path)[]
        {
            (agency, "/api/events"), (agency, "/api/webhooks"), (agency, $"/api/webhooks/{subscription}"),
            (agency, $"/api/webhooks/{subscription}/deliveries"), (applicant, "/api/notifications"),
        };
        var seen = 0;
        foreach (var (client, path) in reads)
        {
            var (withoutOffset, count) = Instants.Walk(await client.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join(", ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 5, $"only {seen} instants seen: the walk looked at nothing"); // feed, subscription, delivery, attempt, notice
    }

    [Fact]
    public async Task A_receiver_that_hangs_does_not_delay_another_subscriptions_deliveries()
    {
        await using var slow = await LocalReceiver.StartAsync();
        slow.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fast = await LocalReceiver.StartAsync();
        await using var service = Samples.Service(settings: new DeliverySettings { WebhookTimeout = TimeSpan.FromMinutes(5) });
        var agency = service.CreateClient(TestAccounts.Agency);
        await Subscribe(agency, slow.Url, "ApplicationSubmitted");
        await Subscribe(agency, fast.Url, "ApplicationSubmitted");

        for (var i = 0; i < 3; i++) await service.PublishAsync(Samples.Submitted());

        // The slow receiver holds its first call; the fast one gets all three meanwhile.
        await Eventually.Get(() => Task.FromResult<int?>(fast.Calls.Count), n => n == 3, what: "all three at the fast receiver");
        // The slow one's worker may start after the fast one finished: it gets its first call, and holds there.
        await Eventually.Get(() => Task.FromResult<int?>(slow.Calls.Count), n => n >= 1, what: "the slow receiver's first call");
        Assert.Single(slow.Calls);
        slow.Hold.SetResult();
        await Eventually.Get(() => Task.FromResult<int?>(slow.Calls.Count), n => n == 3, what: "the slow receiver catching up");
    }

    [Fact]
    public async Task A_delivery_in_flight_is_leased_and_the_lease_ends_with_the_attempt()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var service = Samples.Service();
        await Subscribe(service.CreateClient(TestAccounts.Agency), receiver.Url, "ApplicationSubmitted");
        await service.PublishAsync(Samples.Submitted());

        await Eventually.Get(() => Task.FromResult<int?>(receiver.Calls.Count), n => n == 1, what: "the call in flight");
        var lease = service.Query<DeliveryDbContext, DateTime?>(db => db.Deliveries.Single().LeasedUntil);
        Assert.NotNull(lease);
        Assert.True(lease > DateTime.UtcNow, "a lease in flight lies ahead");

        receiver.Hold.SetResult();
        await Eventually.Get(() => Task.FromResult<string?>(service.Query<DeliveryDbContext, string>(db => db.Deliveries.Single().Status.ToString())), s => s == "Delivered", what: "delivered");
        Assert.Null(service.Query<DeliveryDbContext, DateTime?>(db => db.Deliveries.Single().LeasedUntil));
        Assert.Single(receiver.Calls);
    }

    [Fact]
    public async Task A_receiver_that_times_out_is_retried()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var service = Samples.Service(settings: new DeliverySettings { WebhookTimeout = TimeSpan.FromMilliseconds(300) });
        var agency = service.CreateClient(TestAccounts.Agency);
        var (subscription, _) = await Subscribe(agency, receiver.Url, "ApplicationSubmitted");
        await service.PublishAsync(Samples.Submitted());

        var listed = await Eventually.Get(() => Deliveries(agency, subscription)!, d => d.Count == 1 && d[0].GetProperty("attempts").GetArrayLength() == 1, what: "the timed-out attempt");
        Assert.Equal("Pending", listed[0].GetProperty("status").GetString());
        Assert.Equal("timed out", listed[0].GetProperty("attempts")[0].GetProperty("error").GetString());
        Assert.True(listed[0].TryGetProperty("nextAttemptAt", out var next) && next.ValueKind == JsonValueKind.String);
    }

    [Theory]
    [InlineData("https://10.0.0.8/hook")]
    [InlineData("https://192.168.10.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::8]/hook")]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("not-a-url")]
    public async Task A_private_loopback_or_invalid_callback_is_refused_outside_development(string url)
    {
        await using var service = Samples.Service(allowLoopback: false);
        var response = await service.CreateClient(TestAccounts.Agency).PostAsJsonAsync("/api/webhooks", new { callbackUrl = url, eventTypes = new[] { "ApplicationSubmitted" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("callbackUrl", out _), problem.ToString());
        Assert.Equal(0, service.Query<DeliveryDbContext, int>(db => db.Subscriptions.Count()));
    }

    [Fact]
    public async Task Unknown_event_types_are_refused_naming_the_field()
    {
        await using var service = Samples.Service();
        var response = await service.CreateClient(TestAccounts.Agency).PostAsJsonAsync("/api/webhooks", new { callbackUrl = "http://127.0.0.1:9/hook", eventTypes = new[] { "ApplicationSubmited" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("eventTypes", out _));
    }

    [Fact]
    public async Task A_subscription_is_its_owners_and_the_administrators_only_and_its_acts_are_audited()
    {
        await using var service = Samples.Service();
        var agency = service.CreateClient(TestAccounts.Agency);
        var other = service.CreateClient(new TestAccount("agency-other", IpPlatform.Security.PlatformRoles.Agency) { Scope = IpPlatform.Security.PlatformClaims.ReadScope });
        var admin = service.CreateClient(TestAccounts.Admin);
        var (id, secret) = await Subscribe(agency, "http://127.0.0.1:9/hook", "ApplicationDecided");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/webhooks/{id}/secret", null)).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<List<JsonElement>>("/api/webhooks"))!);
        Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>("/api/webhooks"))!);
        Assert.False((await agency.GetStringAsync($"/api/webhooks/{id}")).Contains(secret, StringComparison.Ordinal)); // shown once only

        var rotated = await (await agency.PostAsync($"/api/webhooks/{id}/secret", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(secret, rotated.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await agency.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.False((await agency.GetFromJsonAsync<JsonElement>($"/api/webhooks/{id}")).GetProperty("active").GetBoolean());

        var actions = service.Query<DeliveryDbContext, List<string>>(db => db.Set<AuditEntry>().OrderBy(a => a.Sequence).Select(a => a.Action).ToList());
        Assert.Equal(["WebhookSubscribed", "WebhookSecretRotated", "WebhookCancelled"], actions);
        var audit = await admin.GetStringAsync("/api/webhooks/audit");
        Assert.DoesNotContain(secret, audit);
        Assert.DoesNotContain(rotated.GetProperty("secret").GetString()!, audit);
    }
}
