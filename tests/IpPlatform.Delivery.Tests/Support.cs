using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IpPlatform.Delivery.Tests;

/// <summary>A clock a test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;
    public override DateTimeOffset GetUtcNow() => now;
    public void Advance(TimeSpan by) => now += by;
}

/// <summary>One request a receiver got.</summary>
public sealed record ReceivedCall(IReadOnlyDictionary<string, string> Headers, byte[] Body, string? ContentType);

/// <summary>
/// A real HTTP receiver on loopback (Kestrel, a free port), as an agency's system would run one: records each
/// call and answers what <see cref="Answer"/> says (a status code, after an optional wait).
/// </summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    readonly WebApplication app;
    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();
    public Func<int> Answer { get; set; } = () => 200;
    public TaskCompletionSource? Hold { get; set; }
    public string Url { get; }

    LocalReceiver(WebApplication app, string url) => (this.app, Url) = (app, url);

    public static async Task<LocalReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalReceiver? self = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            self!.Calls.Enqueue(new ReceivedCall(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                buffer.ToArray(), http.Request.ContentType));
            if (self.Hold is { } hold) await hold.Task;
            return Results.StatusCode(self.Answer());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LocalReceiver(app, address.TrimEnd('/') + "/hook");
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A local SMTP sink (the SmtpServer package) that keeps every message it is given.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    readonly Task running;
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();
    public int Port { get; }

    public SmtpSink(int? port = null)
    {
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await running; } catch (OperationCanceledException) { }
    }

    sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }
}

public static class Samples
{
    public const string CreditCode = "91320583MA1XXXXX0X";
    public const string County = "320583";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public static ApplicationSubmitted Submitted(Guid? id = null, string creditCode = CreditCode) => new(
        id ?? Guid.NewGuid(), "2022", "industrial-brand",
        new ApplicationDocument
        {
            CallId = "2022", Track = "industrial-brand",
            Applicant = new Applicant { Name = "江苏某某科技股份有限公司", CreditCode = creditCode, Kind = ApplicantKind.Enterprise, RegionCode = County },
        },
        Start);

    public static ApplicationReturned Returned(Guid id) => new(id, OfficeLevel.County, County, "材料不全，缺少审计报告", Start);

    /// <summary>A service host whose clock is <paramref name="clock"/>, with loopback callbacks allowed (a local receiver) and extra settings.</summary>
    public static ServiceFactory<Program> Service(FakeClock? clock = null, DeliverySettings? settings = null, bool allowLoopback = true, string? databaseFile = null) =>
        new("delivery-db", databaseFile)
        {
            ConfigureServices = services =>
            {
                if (clock is not null) services.AddSingleton<TimeProvider>(clock);
                if (settings is not null) services.AddSingleton(settings);
                services.AddSingleton(new CallbackAddressPolicy(allowLoopback));
            },
        };
}
