using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Routing.Data;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>The routing service in memory with the 2022 call known, and the ways a case goes through it.</summary>
sealed class RoutingHost : IAsyncDisposable
{
    public ServiceFactory<Program> Service { get; }

    RoutingHost(TimeProvider? clock) => Service = new("routing-db")
    {
        ConfigureServices = services => { if (clock is not null) services.AddSingleton(clock); },
    };

    /// <param name="clock">The service's clock; the system clock when null.</param>
    public static async Task<RoutingHost> StartAsync(TimeProvider? clock = null)
    {
        var host = new RoutingHost(clock);
        await host.Service.PublishAsync(new CallPublished(Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(host.Query(db => db.Calls.Count())), n => n == 1, what: "the call known to routing");
        return host;
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();

    public T Query<T>(Func<RoutingDbContext, T> query) => Service.Query(query);

    /// <summary>Publishes submission and assessment (in the given order) and waits for the case to be ready.</summary>
    public Task<Guid> Arrive(EligibilityOutcome outcome, string region = Kunshan, bool assessmentFirst = false, string callId = CallId,
        string track = "industrial-brand", ApplicantKind kind = ApplicantKind.Enterprise) =>
        Arrive(Submitted(region: region, callId: callId, track: track, kind: kind), outcome, assessmentFirst);

    /// <summary>Publishes <paramref name="submitted"/> and its assessment and waits for the case to be with an office.</summary>
    public async Task<Guid> Arrive(ApplicationSubmitted submitted, EligibilityOutcome outcome = EligibilityOutcome.Eligible, bool assessmentFirst = false)
    {
        var (track, callId) = (submitted.TrackId, submitted.CallId);
        var assessed = Assessed(submitted.ApplicationId, outcome, track, callId);
        if (assessmentFirst) await Service.PublishAsync(assessed);
        await Service.PublishAsync(submitted);
        if (!assessmentFirst) await Service.PublishAsync(assessed);
        await Eventually.Get(() => Case(submitted.ApplicationId),
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("eligibility").GetString() == outcome.ToString() && c.GetProperty("status").GetString() == "AtOffice",
            what: "the case opened and assessed");
        return submitted.ApplicationId;
    }

    /// <summary>The case view as <paramref name="reader"/> (the province by default) sees it, or an undefined element on 404.</summary>
    public async Task<JsonElement> Case(Guid id, TestAccount? reader = null)
    {
        var response = await Service.CreateClient(reader ?? TestAccounts.Province).GetAsync($"/api/routing/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> Recommend(Guid id, TestAccount office, string opinion = "同意推荐") =>
        Service.CreateClient(office).PostAsJsonAsync($"/api/routing/{id}/recommend", new { opinion });

    public Task<HttpResponseMessage> Return(Guid id, TestAccount office, string reason = "材料不全") =>
        Service.CreateClient(office).PostAsJsonAsync($"/api/routing/{id}/return", new { reason });

    /// <summary>Recommends with the given office and asserts it went through.</summary>
    public async Task Recommended(Guid id, TestAccount office, string opinion = "同意推荐") =>
        Assert.Equal(HttpStatusCode.OK, (await Recommend(id, office, opinion)).StatusCode);

    /// <summary>The history rows of a case, as (what, office) pairs.</summary>
    public async Task<List<(string? What, string? Office)>> History(Guid id) =>
        [.. (await Case(id)).GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("what").GetString(), h.GetProperty("office").GetString()))];

    public static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
