using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Testing;

namespace IpPlatform.Intake.Tests;

/// <summary>Every instant intake answers carries its offset, whatever SQLite hands back.</summary>
public sealed class InstantsTests : IntakeServiceTest
{
    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var id = await CreateDraft("open");
        (await Client.PostAsync($"/api/applications/{id}/submit", null)).EnsureSuccessStatusCode();
        using var admin = As(TestAccounts.Admin);

        var seen = 0;
        foreach (var (client, path) in new[] { (Client, $"/api/applications/{id}"), (Client, "/api/applications"), (admin, "/api/applications/audit") })
        {
            var (withoutOffset, count) = Instants.Walk(await client.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 4, $"only {seen} instants were read; the walk proves nothing without them");
    }
}
