using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Eligibility.Tests;

/// <summary>The precheck shows the track's deadlines as they stand on the service's clock.</summary>
public sealed class PrecheckDeadlineTests : IAsyncDisposable
{
    sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    // 2022-01-30 23:59 in Shanghai (UTC+8) is 15:59 UTC; the online deadline closes at 16:00 UTC.
    readonly Clock clock = new(new DateTimeOffset(2022, 1, 30, 15, 59, 30, TimeSpan.Zero));
    readonly ServiceFactory<Program> service;

    public PrecheckDeadlineTests() =>
        service = new("eligibility-db") { ConfigureServices = s => s.AddSingleton<TimeProvider>(clock) };

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    async Task<JsonElement> Deadlines()
    {
        using var client = service.CreateClient();
        var response = await client.PostAsJsonAsync("/api/eligibility/precheck", Samples.IndustrialBrand(Samples.Code(41), callId: "2022"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deadlines");
    }

    [Fact]
    public async Task Online_and_paper_deadlines_are_shown_with_their_zone_closing_instant_and_whether_they_are_open()
    {
        var deadlines = await Deadlines();

        var online = deadlines.GetProperty("online");
        Assert.Equal("2022-01-30T23:59", online.GetProperty("local").GetString());
        Assert.Equal("Asia/Shanghai", online.GetProperty("timeZone").GetString());
        Assert.Equal(new DateTimeOffset(2022, 1, 30, 16, 0, 0, TimeSpan.Zero), online.GetProperty("closesAtUtc").GetDateTimeOffset());
        Assert.True(online.GetProperty("open").GetBoolean());
        var paper = deadlines.GetProperty("paper");
        Assert.Equal("2022-02-04T17:00", paper.GetProperty("local").GetString());
        Assert.Equal(new DateTimeOffset(2022, 2, 4, 9, 1, 0, TimeSpan.Zero), paper.GetProperty("closesAtUtc").GetDateTimeOffset());
        Assert.True(paper.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task The_online_deadline_closes_at_the_minute_after_it_while_the_paper_one_stays_open()
    {
        clock.Now = new DateTimeOffset(2022, 1, 30, 16, 0, 0, TimeSpan.Zero);

        var deadlines = await Deadlines();

        Assert.False(deadlines.GetProperty("online").GetProperty("open").GetBoolean());
        Assert.True(deadlines.GetProperty("paper").GetProperty("open").GetBoolean());
    }
}

/// <summary>The call cache is keyed by version: a correction published in the same clock tick is used at once.</summary>
public sealed class PrecheckCallVersionTests : IAsyncDisposable
{
    sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2022, 1, 10, 2, 0, 0, TimeSpan.Zero);
    }

    readonly ServiceFactory<Program> service = new("eligibility-db") { ConfigureServices = s => s.AddSingleton<TimeProvider>(new FrozenClock()) };

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task A_correction_published_at_the_same_instant_decides_the_next_precheck()
    {
        using var client = service.CreateClient();
        using var admin = service.CreateClient(TestAccounts.Admin);
        var document = Samples.IndustrialBrand(Samples.Code(42), rdCny: 28_000_000m); // 3.5 % of sales
        async Task<string?> Rd() => (await (await client.PostAsJsonAsync("/api/eligibility/precheck", document)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "IB-RD").GetProperty("result").GetString();
        Assert.Equal("Pass", await Rd()); // and now version 1 is cached

        var rehearsal = IpPlatform.Eligibility.Domain.ShippedCalls.Rehearsal2022();
        var stricter = rehearsal with
        {
            Tracks = [.. rehearsal.Tracks.Select(t => t.Id != "industrial-brand" ? t : t with
            {
                Parameters = new Dictionary<string, decimal>(t.Parameters) { [IpPlatform.Eligibility.Domain.ParameterNames.RdShareOfSalesMin] = 0.04m },
            })],
        };
        var corrected = await admin.PostAsJsonAsync("/api/eligibility/calls/2022-rehearsal/versions",
            new { reason = "研发占比 4%", call = stricter }, IpPlatform.Documents.DocumentJson.Options);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);

        Assert.Equal("Fail", await Rd());
    }
}
