using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

// One platform at a time: two AppHosts starting together on a small machine would each take minutes. Each collection
// has its own platform (its fixture is disposed when the collection ends), so collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace IpPlatform.EndToEnd.Tests;

/// <summary>The end-to-end test classes share one platform and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>
/// The real AppHost, booted once for the end-to-end tests: a private RabbitMQ node on a free port, the six
/// services on fresh SQLite files in a temporary state folder, and the gateway on a free port.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"ipplatform-e2e-{Guid.NewGuid():N}");
    DistributedApplication? app;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The Aspire dashboard's telemetry API: what a developer sees on its Traces page.</summary>
    public HttpClient Dashboard { get; private set; } = null!;

    public DistributedApplication App => app ?? throw new InvalidOperationException("not started");

    /// <summary>More AppHost arguments of a variant of the platform (e.g. replicas).</summary>
    protected virtual string[] ExtraArguments => [];

    /// <summary>The demo accounts' password (seeded by the identity service in Development).</summary>
    public const string DemoPassword = "Demo-2022!";
    const string ApplicantPassword = "Applicant-2022!";
    readonly Dictionary<string, string> tokens = [];

    /// <summary>An access token of <paramref name="account"/> from the identity service, through the gateway.</summary>
    public async Task<string> TokenAsync(string account, string password = DemoPassword)
    {
        lock (tokens)
            if (tokens.TryGetValue(account, out var cached)) return cached;
        var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "ipplatform-cli", ["username"] = account, ["password"] = password, ["scope"] = "api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"no token for {account}: {(int)response.StatusCode} {body}");
        var token = System.Text.Json.Nodes.JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
        lock (tokens) tokens[account] = token;
        return token;
    }

    /// <summary>A client of the gateway acting as <paramref name="account"/>.</summary>
    public async Task<HttpClient> As(string account, string password = DemoPassword)
    {
        var client = App.CreateHttpClient("gateway", "http");
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(account, password));
        return client;
    }

    /// <summary>A client of the gateway acting as the demo agency's system (client credentials).</summary>
    public async Task<HttpClient> AgencyAsync()
    {
        var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "agency-demo", ["client_secret"] = "agency-demo-secret",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"no agency token: {(int)response.StatusCode} {body}");
        var client = App.CreateHttpClient("gateway", "http");
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            System.Text.Json.Nodes.JsonNode.Parse(body)!["access_token"]!.GetValue<string>());
        return client;
    }

    /// <summary>Registers the applicant unit a document names (as the unit itself would) and returns a client acting as it.</summary>
    public async Task<HttpClient> RegisterApplicantAsync(System.Text.Json.Nodes.JsonObject document)
    {
        var applicant = document["applicant"]!;
        var response = await Gateway.PostAsJsonAsync("/api/identity/applicants", new
        {
            creditCode = (string?)applicant["creditCode"], name = (string?)applicant["name"], kind = (string?)applicant["kind"],
            regionCode = (string?)applicant["regionCode"],
            contact = new { name = "王敏", mobile = "13912345678", email = "wangmin@example.com" },
            password = ApplicantPassword,
        });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"registration refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await As((string)applicant["creditCode"]!, ApplicantPassword);
    }

    /// <summary>
    /// Uploads a file for each material the call requires of the track, so that the draft can be submitted. The
    /// materials are read from the shipped call data (the rehearsal call has the 2022 call's content), not from the
    /// running eligibility service: some tests stop it. The file is docs/samples' stand-in PDF.
    /// </summary>
    public async Task UploadRequiredMaterialsAsync(HttpClient applicant, string applicationId, string track = "industrial-brand")
    {
        var pdf = await File.ReadAllBytesAsync(SampleAttachment);
        foreach (var material in RequiredMaterials(track))
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", $"{material}.pdf");
            var response = await applicant.PostAsync($"/api/applications/{applicationId}/materials/{material}", form);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"upload of {material} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// The document's unit registers, creates the draft, uploads the required materials and submits it; the
    /// applicant's client and the application's id. The call must already be known to intake.
    /// </summary>
    public async Task<(HttpClient Applicant, string Id)> SubmitNewApplicationAsync(System.Text.Json.Nodes.JsonObject document)
    {
        var applicant = await RegisterApplicantAsync(document);
        var created = await applicant.PostAsJsonAsync("/api/applications", document);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        await UploadRequiredMaterialsAsync(applicant, id);
        Assert.Equal(HttpStatusCode.Accepted, (await applicant.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        return (applicant, id);
    }

    /// <summary>docs/samples' stand-in PDF, uploaded for every material.</summary>
    public static string SampleAttachment => IpPlatform.Tests.RepositoryFiles.Path("docs", "samples", "materials", "sample-attachment.pdf");

    /// <summary>The materials the shipped call data requires of a track (the rehearsal call has the 2022 call's content).</summary>
    public static IReadOnlyList<string> RequiredMaterials(string track)
    {
        var call = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(
            IpPlatform.Tests.RepositoryFiles.Path("services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")))!;
        return call["tracks"]!.AsArray().Single(t => (string?)t!["id"] == track)!["content"]!["materials"]!.AsArray()
            .Where(m => (bool?)m!["required"] != false).Select(m => (string)m!["id"]!).ToList();
    }

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        // The dashboard runs too (the testing builder turns it off by default), without a login, so that the
        // tests can read the traces it received.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.IpPlatform_AppHost>(
        [
            $"--Broker:Port={FreePort()}",
            $"--Broker:DistPort={FreePort()}",
            $"--Gateway:Port={FreePort()}",
            $"--Mail:Port={FreePort()}",
            $"--State:Directory={stateDirectory}",
            .. ExtraArguments,
        ], (options, _) =>
        {
            options.DisableDashboard = false;
            options.AllowUnsecuredTransport = true;
        }, cts.Token);
        app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        Gateway = app.CreateHttpClient("gateway", "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
        Dashboard = new HttpClient { BaseAddress = app.GetEndpoint("aspire-dashboard", "http"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Kills a service's process tree (SIGKILL: a crash, nothing is flushed or acknowledged) and waits
    /// until the orchestrator sees it gone.
    /// </summary>
    public async Task KillAsync(string resource)
    {
        var pid = ProcessIdOf(resource);
        Console.WriteLine($"killing {resource} tree at {pid}");
        foreach (var process in ProcessTree(pid).Reverse())
            try { System.Diagnostics.Process.GetProcessById(process).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }

        using var cts = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceAsync(resource, e =>
        {
            Console.WriteLine($"state of {resource}: {e.Snapshot.State?.Text} exit {e.Snapshot.ExitCode}");
            return e.Snapshot.State?.Text is "Finished" or "Exited" or "FailedToStart" || e.Snapshot.ExitCode is not null;
        }, cts.Token);
    }

    /// <summary>The process the orchestrator started for a resource of one process (a service runs as its built program).</summary>
    public int ProcessIdOf(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var current))
            throw new InvalidOperationException($"no state for {resource}");
        var pid = current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString()
            ?? throw new InvalidOperationException($"{resource} has no executable.pid (state {current.Snapshot.State?.Text})");
        return int.Parse(pid);
    }

    static IEnumerable<int> ProcessTree(int root)
    {
        yield return root;
        var childrenFile = $"/proc/{root}/task/{root}/children";
        if (!File.Exists(childrenFile)) yield break;
        foreach (var child in File.ReadAllText(childrenFile).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            foreach (var descendant in ProcessTree(child))
                yield return descendant;
    }

    public async Task StartAsync(string resource)
    {
        await RunCommand(resource, KnownResourceCommands.StartCommand);
        using var cts = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
    }

    async Task RunCommand(string resource, string command)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);
        if (!result.Success)
        {
            var state = App.ResourceNotifications.TryGetCurrentState(resource, out var e) ? e.Snapshot.State?.Text : "?";
            throw new InvalidOperationException($"{command} on {resource} failed: {result.Message} (state {state})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Dashboard?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        try { Directory.Delete(stateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // Below Linux's ephemeral range (32768–60999 by default): a port bind(0) hands out there can be taken again by an
    // outgoing connection or another process asking for any port in the seconds before the broker binds it (a run failed
    // on "could_not_start_listener"). Here only another fixture's pick can collide, and never one of this process's.
    static readonly HashSet<int> Given = [];
    static readonly Lock GivenLock = new();

    static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            lock (GivenLock)
                if (!Given.Add(port)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException("No free port found between 20000 and 32000.");
    }
}
