using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Testing;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>Every instant routing answers carries its offset, whatever SQLite hands back.</summary>
public sealed class InstantsTests : IAsyncLifetime
{
    RoutingHost host = null!;

    public async ValueTask InitializeAsync() => host = await RoutingHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var id = await host.Arrive(EligibilityOutcome.Eligible);
        (await host.Recommend(id, TestAccounts.County(Kunshan))).EnsureSuccessStatusCode();
        using var province = host.Service.CreateClient(TestAccounts.Province);
        using var admin = host.Service.CreateClient(TestAccounts.Admin);

        var seen = 0;
        foreach (var (client, path) in new[] { (province, $"/api/routing/{id}"), (province, $"/api/routing/cities/{Suzhou}/summary?callId={CallId}"), (admin, "/api/routing/audit") })
        {
            var (withoutOffset, count) = Instants.Walk(await client.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 4, $"only {seen} instants were read; the walk proves nothing without them");
    }
}
