using System.Net;
using System.Text;
using IpPlatform.Contracts.Actors;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Security;

namespace IpPlatform.Delivery.Tests;

/// <summary>The webhook rules without a host: retry schedule, dead letter, signatures and rotation, callback addresses.</summary>
public sealed class WebhookDomainTests
{
    static readonly Actor Agency = new("test-agency-demo", "agency-demo", PlatformRoles.Agency, null);
    static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    static WebhookSubscription Subscription() =>
        WebhookSubscription.Create(Agency, new Uri("https://receiver.example/hook"), ["ApplicationSubmitted"], T0);

    [Fact]
    public void Back_off_doubles_from_15_seconds_and_stops_growing_at_2_hours()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), RetrySchedule.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(30), RetrySchedule.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(60), RetrySchedule.DelayAfter(3));
        Assert.Equal(TimeSpan.FromSeconds(15 * 256), RetrySchedule.DelayAfter(9));
        Assert.Equal(TimeSpan.FromHours(2), RetrySchedule.DelayAfter(10));
        Assert.Equal(TimeSpan.FromHours(2), RetrySchedule.DelayAfter(1000));
    }

    [Fact]
    public void A_failing_receiver_is_retried_on_the_schedule_for_24_hours_then_dead_lettered()
    {
        var clock = new FakeClock(T0);
        var delivery = WebhookDelivery.For(Subscription(), 1, "ApplicationSubmitted", T0);
        var waits = new List<TimeSpan>();
        while (delivery.Status == DeliveryStatus.Pending)
        {
            Assert.True(delivery.IsDue(clock.GetUtcNow().UtcDateTime));
            delivery.Failed(500, "HTTP 500", clock.GetUtcNow().UtcDateTime, 3);
            if (delivery.NextAttemptAt is not { } next) break;
            Assert.False(delivery.IsDue(next.AddTicks(-1)));
            waits.Add(next - clock.GetUtcNow().UtcDateTime);
            clock.Advance(next - clock.GetUtcNow().UtcDateTime);
        }

        Assert.Equal(DeliveryStatus.DeadLettered, delivery.Status);
        Assert.Equal(waits.Count + 1, delivery.Attempts.Count);
        Assert.Equal(Enumerable.Range(1, waits.Count).Select(RetrySchedule.DelayAfter), waits);
        var span = delivery.Attempts[^1].At - delivery.Attempts[0].At;
        Assert.True(span >= TimeSpan.FromHours(24), $"retried for {span} only");
        Assert.True(span < TimeSpan.FromHours(26), $"retried for {span}: longer than the schedule says");
        Assert.All(delivery.Attempts, a => Assert.Equal(500, a.StatusCode));
    }

    [Fact]
    public void A_success_ends_the_retries()
    {
        var delivery = WebhookDelivery.For(Subscription(), 1, "ApplicationSubmitted", T0);
        delivery.Failed(null, "timed out", T0, 10_000);
        delivery.Succeeded(204, T0.AddSeconds(15), 5);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Throws<InvalidOperationException>(() => delivery.Failed(500, "late", T0.AddMinutes(1), 1));
    }

    [Fact]
    public void A_receiver_verifies_the_signature_over_timestamp_and_body_with_its_secret()
    {
        var subscription = Subscription();
        var body = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"x"}""");
        var header = WebhookSignature.Header(subscription.SigningSecrets(T0), 1_772_413_200, body);

        Assert.True(WebhookSignature.Verify(subscription.Secret, "1772413200", header, body));
        Assert.False(WebhookSignature.Verify(subscription.Secret, "1772413201", header, body)); // another timestamp
        Assert.False(WebhookSignature.Verify(subscription.Secret, "1772413200", header, Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"y"}""")));
        Assert.False(WebhookSignature.Verify("whsec_someone-else", "1772413200", header, body));
    }

    [Fact]
    public void After_a_rotation_both_secrets_verify_for_the_grace_period_then_only_the_new_one()
    {
        var subscription = Subscription();
        var old = subscription.Secret;
        var fresh = subscription.RotateSecret(T0, TimeSpan.FromHours(24));
        var body = "{}"u8.ToArray();

        Assert.NotEqual(old, fresh);
        var during = WebhookSignature.Header(subscription.SigningSecrets(T0.AddHours(23)), 1, body);
        Assert.True(WebhookSignature.Verify(old, "1", during, body));
        Assert.True(WebhookSignature.Verify(fresh, "1", during, body));

        var after = WebhookSignature.Header(subscription.SigningSecrets(T0.AddHours(24)), 1, body);
        Assert.False(WebhookSignature.Verify(old, "1", after, body));
        Assert.True(WebhookSignature.Verify(fresh, "1", after, body));
    }

    [Fact]
    public void A_subscription_names_published_event_types_only()
    {
        Assert.Throws<BusinessRuleException>(() => WebhookSubscription.Create(Agency, new Uri("https://r.example/"), ["AccountRegistered"], T0));
        Assert.Throws<BusinessRuleException>(() => WebhookSubscription.Create(Agency, new Uri("https://r.example/"), [], T0));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Private_and_loopback_addresses_are_refused_outside_development(string address)
    {
        Assert.False(new CallbackAddressPolicy(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("172.32.0.1")]
    [InlineData("2001:db8::1")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(new CallbackAddressPolicy(allowLoopback: false).IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Urls_are_refused_with_a_reason_unless_https_to_a_public_address_or_http_to_loopback_in_development()
    {
        var production = new CallbackAddressPolicy(allowLoopback: false);
        var development = new CallbackAddressPolicy(allowLoopback: true);
        var ct = TestContext.Current.CancellationToken;

        Assert.Empty(await production.ProblemsAsync("https://203.0.113.10/hook", ct));
        Assert.NotEmpty(await production.ProblemsAsync("http://203.0.113.10/hook", ct));      // https required
        Assert.NotEmpty(await production.ProblemsAsync("https://10.0.0.5/hook", ct));
        Assert.NotEmpty(await production.ProblemsAsync("https://[fd00::5]/hook", ct));
        Assert.NotEmpty(await production.ProblemsAsync("http://127.0.0.1:5000/hook", ct));
        Assert.NotEmpty(await production.ProblemsAsync("http://localhost:5000/hook", ct));
        Assert.NotEmpty(await production.ProblemsAsync("ftp://203.0.113.10/", ct));
        Assert.NotEmpty(await production.ProblemsAsync("not a url", ct));
        Assert.NotEmpty(await production.ProblemsAsync("https://user:pw@203.0.113.10/", ct));
        Assert.Empty(await development.ProblemsAsync("http://127.0.0.1:5000/hook", ct));
        Assert.Empty(await development.ProblemsAsync("http://localhost:5000/hook", ct));
        Assert.NotEmpty(await development.ProblemsAsync("http://192.168.0.10/hook", ct));
    }
}
