using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>
/// Another agency's system follows the platform: a webhook receiver on this machine gets a submitted
/// application's events as signed CloudEvents, the pull feed lists them, and the applicant's inbox has its notice.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AgencyEventsTests(PlatformFixture platform)
{
    static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_submitted_applications_events_reach_an_agency_as_signed_CloudEvents_and_through_the_feed()
    {
        await using var receiver = await Receiver.StartAsync();
        var agency = await platform.AgencyAsync();
        var subscribe = await agency.PostAsJsonAsync("/api/webhooks",
            new { callbackUrl = receiver.Url, eventTypes = new[] { "ApplicationSubmitted", "EligibilityAssessed" } });
        Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);
        var secret = (string)JsonNode.Parse(await subscribe.Content.ReadAsStringAsync())!["secret"]!;

        var (applicant, id) = await platform.SubmitNewApplicationAsync(Documents.IndustrialBrand());

        var deadline = DateTime.UtcNow + StageTimeout;
        List<(JsonNode Event, Receiver.Call Call)> received = [];
        while (DateTime.UtcNow < deadline)
        {
            received = [.. receiver.Calls.Select(c => (JsonNode.Parse(c.Body)!, c)).Where(e => (string?)e.Item1["subject"] == id)];
            if (received.Count >= 2) break;
            await Task.Delay(250);
        }
        Assert.Equal(
            ["cn.gov.jiangsu.ipplatform.ApplicationSubmitted.v1", "cn.gov.jiangsu.ipplatform.EligibilityAssessed.v1"],
            received.Select(r => (string?)r.Event["type"]).Order(StringComparer.Ordinal));
        foreach (var (cloudEvent, call) in received)
        {
            Assert.Equal("1.0", (string?)cloudEvent["specversion"]);
            Assert.Equal("application/cloudevents+json", call.ContentType?.Split(';')[0]);
            // As a receiver checks it: HMAC-SHA256 of "timestamp.body" with the subscription's secret.
            var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
                Encoding.UTF8.GetBytes(call.Headers["IpPlatform-Timestamp"] + ".").Concat(call.Body).ToArray()));
            Assert.Contains(expected, call.Headers["IpPlatform-Signature"].Split(' '));
        }

        var feed = JsonNode.Parse(await agency.GetStringAsync("/api/events?type=ApplicationSubmitted&limit=500"))!;
        var submittedId = (string)received.Single(r => ((string)r.Event["type"]!).Contains("ApplicationSubmitted")).Event["id"]!;
        Assert.Contains(submittedId, feed.ToJsonString());

        // Another agency may not read the applicant's inbox; the applicant has the assessment notice.
        var notices = await Eventually(async () =>
        {
            var inbox = JsonNode.Parse(await applicant.GetStringAsync("/api/notifications"))!;
            return inbox.ToJsonString().Contains(id) ? inbox : null;
        });
        Assert.NotNull(notices);
    }

    static async Task<T?> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + StageTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        return null;
    }

    /// <summary>A webhook receiver on the loopback interface, keeping every call it gets.</summary>
    sealed class Receiver : IAsyncDisposable
    {
        public sealed record Call(Dictionary<string, string> Headers, byte[] Body, string? ContentType);

        readonly WebApplication app;
        public ConcurrentQueue<Call> Calls { get; } = new();
        public string Url { get; private set; } = "";

        Receiver(WebApplication app) => this.app = app;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                receiver.Calls.Enqueue(new Call(
                    http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body.ToArray(), http.Request.ContentType));
                return Results.Ok();
            });
            await app.StartAsync();
            receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
