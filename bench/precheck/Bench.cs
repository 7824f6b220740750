using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Bench.Precheck;

/// <summary>
/// (a) EligibilityEngine.Assess alone on the shipped 2022-rehearsal call; (b) POST /api/eligibility/precheck
/// sequentially over loopback against the real service on Kestrel (SQLite file, MassTransit harness in place of
/// RabbitMQ). Usage: [engineIterations] [httpRequests]
/// </summary>
static class Bench
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "history") return await HistoryVolume(args);
        if (args.Length > 1 && args[0] == "rate") return await FixedRate.Run(args);
        var engineIterations = args.Length > 0 ? int.Parse(args[0], Inv) : 300_000;
        var httpRequests = args.Length > 1 ? int.Parse(args[1], Inv) : 5_000;
        // Quiet the service: per-request logging would be measured too.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__MassTransit", "Warning");

        Console.WriteLine($"# precheck benchmark  {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  .NET {Environment.Version}  {Environment.ProcessorCount} cores  {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine($"# documents: {string.Join(", ", Documents.All.Select(d => d.Track))}");

        var engine = MeasureEngine(engineIterations);
        var http = await MeasureHttp(httpRequests);

        Console.WriteLine();
        Console.WriteLine($"engine   mean {engine.MeanMicros,9:F2} µs/assessment   ({engineIterations:N0} assessments, {engine.PerSecond:N0}/s on one thread)");
        foreach (var (track, micros) in engine.PerTrack)
            Console.WriteLine($"           {track,-17} {micros,9:F2} µs");
        Console.WriteLine($"http     {http.PerSecond,9:N0} requests/s   p50 {http.P50,8:F1} µs   p95 {http.P95,8:F1} µs   p99 {http.P99,8:F1} µs   mean {http.Mean,8:F1} µs   ({httpRequests:N0} sequential POSTs)");
        Console.WriteLine($"ratio    http mean / engine mean = {http.Mean / engine.MeanMicros:F0}x   http p50 / engine mean = {http.P50 / engine.MeanMicros:F0}x");
        return 0;
    }

    /// <summary>
    /// The same sequential HTTP precheck against one service with an empty history, then after storing
    /// <c>rows</c> submissions and <c>rows</c> projects. Usage: history [rows=20000] [httpRequests=3000]
    /// </summary>
    static async Task<int> HistoryVolume(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], Inv) : 20_000;
        var requests = args.Length > 2 ? int.Parse(args[2], Inv) : 3_000;
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__MassTransit", "Warning");
        Console.WriteLine($"# precheck vs history volume  {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  .NET {Environment.Version}  {Environment.ProcessorCount} cores");

        await using var service = new ServiceFactory<global::Program>("eligibility-db");
        var client = StartOnKestrel(service);
        await MeasureHttp(client, requests); // warm-up pass: JIT and connection pool, so both passes compare alike
        var empty = await MeasureHttp(client, requests);
        var fill = Stopwatch.StartNew();
        await History.FillAsync(service.Services, rows, rows);
        Console.WriteLine($"# stored {rows:N0} submissions and {rows:N0} projects in {fill.Elapsed.TotalSeconds:F1} s");
        var full = await MeasureHttp(client, requests);

        Console.WriteLine();
        Console.WriteLine($"history 0        {empty.PerSecond,9:N0} requests/s   p50 {empty.P50,8:F1} µs   p99 {empty.P99,8:F1} µs   ({requests:N0} sequential POSTs)");
        Console.WriteLine($"history {rows,-8:N0} {full.PerSecond,9:N0} requests/s   p50 {full.P50,8:F1} µs   p99 {full.P99,8:F1} µs");
        Console.WriteLine($"ratio   throughput with history / empty = {full.PerSecond / empty.PerSecond:F2}   p50 with history / empty = {full.P50 / empty.P50:F2}");
        return 0;
    }

    static HttpClient StartOnKestrel(ServiceFactory<global::Program> service)
    {
        service.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"# service listening on {address}");
        return new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
        };
    }

    sealed record EngineResult(double MeanMicros, double PerSecond, IReadOnlyList<(string Track, double Micros)> PerTrack);

    static EngineResult MeasureEngine(int iterations)
    {
        var call = ShippedCalls.Rehearsal2022();
        var documents = Documents.All.Select(d => (d.Track, Doc: Documents.Parse(d.Json))).ToArray();
        foreach (var (track, doc) in documents)
        {
            var outcome = EligibilityEngine.Assess(doc, call, EligibilityHistory.Empty).Outcome;
            if (outcome != EligibilityOutcome.Eligible) throw new InvalidOperationException($"{track} document is {outcome}; the benchmark wants complete documents.");
        }

        // Warm-up for at least 3 s: let tiered compilation and dynamic PGO reach their final code.
        var sink = 0;
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
            sink += EligibilityEngine.Assess(documents[i % documents.Length].Doc, call, EligibilityHistory.Empty).Findings.Count;

        var perTrack = new List<(string, double)>();
        foreach (var (track, doc) in documents)
        {
            var n = Math.Max(1, iterations / documents.Length);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) sink += EligibilityEngine.Assess(doc, call, EligibilityHistory.Empty).Findings.Count;
            perTrack.Add((track, sw.Elapsed.TotalMicroseconds / n));
        }

        var all = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) sink += EligibilityEngine.Assess(documents[i % documents.Length].Doc, call, EligibilityHistory.Empty).Findings.Count;
        all.Stop();
        GC.KeepAlive(sink);
        var mean = all.Elapsed.TotalMicroseconds / iterations;
        return new EngineResult(mean, iterations / all.Elapsed.TotalSeconds, perTrack);
    }

    sealed record HttpResult(double PerSecond, double P50, double P95, double P99, double Mean);

    static async Task<HttpResult> MeasureHttp(int requests)
    {
        await using var service = new ServiceFactory<global::Program>("eligibility-db");
        using var client = StartOnKestrel(service);
        return await MeasureHttp(client, requests);
    }

    static async Task<HttpResult> MeasureHttp(HttpClient client, int requests)
    {
        var bodies = Documents.All.Select(d => Encoding.UTF8.GetBytes(d.Json)).ToArray();

        async Task<long> Post(int i)
        {
            using var content = new ByteArrayContent(bodies[i % bodies.Length]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var start = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/api/eligibility/precheck", content);
            var payload = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"precheck answered {response.StatusCode}: {Encoding.UTF8.GetString(payload)}");
            return elapsed;
        }

        // Sanity: every document is Eligible through HTTP too.
        for (var i = 0; i < bodies.Length; i++)
        {
            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var body = await (await client.PostAsync("/api/eligibility/precheck", content)).Content.ReadAsStringAsync();
            var outcome = JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString();
            if (outcome != "Eligible") throw new InvalidOperationException($"{Documents.All[i].Track} over HTTP is {outcome}: {body}");
        }

        for (var i = 0; i < Math.Min(2_000, requests); i++) await Post(i); // warm-up

        var ticks = new long[requests];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++) ticks[i] = await Post(i);
        total.Stop();

        var micros = ticks.Select(t => t * 1_000_000.0 / Stopwatch.Frequency).Order().ToArray();
        double Percentile(double p) => micros[Math.Min(micros.Length - 1, (int)Math.Ceiling(p * micros.Length) - 1)];
        return new HttpResult(requests / total.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99), micros.Average());
    }
}
