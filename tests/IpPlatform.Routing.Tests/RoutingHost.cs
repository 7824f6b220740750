using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Routing.Data;
using IpPlatform.Testing;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>The routing service in memory with the 2022 call known, and the ways a case goes through it.</summary>
sealed class RoutingHost : IAsyncDisposable
{
    public ServiceFactory<Program> Service { get; } = new("routing-db");

    public static async Task<RoutingHost> StartAsync()
    {
        var host = new RoutingHost();
        await host.Service.PublishAsync(new CallPublished(Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(host.Query(db => db.Calls.Count())), n => n == 1, what: "the call known to routing");
        return host;
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();

    public T Query<T>(Func<RoutingDbContext, T> query) => Service.Query(query);

    /// <summary>Publishes submission and assessment (in the given order) and waits for the case to be ready.</summary>
    public async Task<Guid> Arrive(EligibilityOutcome outcome, string region = Kunshan, bool assessmentFirst = false, string callId = CallId,
        string track = "industrial-brand", ApplicantKind kind = ApplicantKind.Enterprise)
    {
        var submitted = Submitted(region: region, callId: callId, track: track, kind: kind);
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

    public static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
