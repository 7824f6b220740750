using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Data;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Review.Tests;

/// <summary>The demo experts a Development start puts in the pool, for the walkthrough.</summary>
public sealed class DemoExpertsTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("review-db")
    {
        ConfigureServices = s => s.AddScoped<IDatabaseSeeder<ReviewDbContext>, DemoExpertsSeeder>(),
    };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task The_identity_services_demo_experts_are_in_the_pool_for_every_shipped_track()
    {
        var pool = await service.CreateClient(TestAccounts.Admin).GetFromJsonAsync<JsonElement>("/api/reviews/experts?trackId=industrial-brand");

        var experts = pool.EnumerateArray().ToList();
        Assert.Equal(["expert-1", "expert-2"], experts.Select(e => e.GetProperty("accountName").GetString()));
        Assert.All(experts, e =>
        {
            Assert.True(e.GetProperty("active").GetBoolean());
            Assert.True(CreditCode.IsValid(e.GetProperty("employerCreditCode").GetString()));
            Assert.Equal(7, e.GetProperty("tracks").GetArrayLength());
        });
    }
}
