using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;

namespace IpPlatform.Intake.Tests;

/// <summary>The online deadline is a local minute, inclusive, in the call's zone, enforced on the server's clock.</summary>
public sealed class DeadlineTests : IntakeServiceTest
{
    [Theory]
    [InlineData(23, 59, 59, true)]   // the last second of 2022-01-30 in Shanghai
    [InlineData(0, 0, 0, false)]     // the first second of 2022-01-31
    public async Task A_day_deadline_closes_at_local_midnight(int hour, int minute, int second, bool accepted)
    {
        var id = await CreateDraft("closed");
        Clock.SetShanghai(2022, 1, hour == 0 ? 31 : 30, hour, minute, second);

        var response = await Client.PostAsync($"/api/applications/{id}/submit", null);

        await AssertOutcome(response, accepted, id);
    }

    [Theory]
    [InlineData(16, 59, 59, true)]
    [InlineData(17, 0, 59, true)]    // the deadline minute itself is on time
    [InlineData(17, 1, 0, false)]
    public async Task A_deadline_at_17_00_accepts_the_whole_minute_and_not_one_more(int hour, int minute, int second, bool accepted)
    {
        await PublishCall(Samples.Call("five-pm", new DateOnly(2022, 2, 10), deadlineAt: LocalMinute.Parse("2022-02-10T17:00")));
        var id = await CreateDraft("five-pm");
        Clock.SetShanghai(2022, 2, 10, hour, minute, second);

        var response = await Client.PostAsync($"/api/applications/{id}/submit", null);

        await AssertOutcome(response, accepted, id);
    }

    [Fact]
    public async Task The_view_shows_the_online_and_paper_deadlines_as_local_minutes_and_closing_instants()
    {
        await PublishCall(Samples.Call("five-pm", new DateOnly(2022, 2, 10), deadlineAt: LocalMinute.Parse("2022-02-10T17:00"),
            paperDeadlineAt: LocalMinute.Parse("2022-02-15T17:00")));
        var id = await CreateDraft("five-pm");
        var closed = await CreateDraft("closed");

        var deadlines = (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("deadlines");
        var dayOnly = (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{closed}")).GetProperty("deadlines");

        Assert.Equal("2022-02-10T17:00+08:00", deadlines.GetProperty("online").GetProperty("local").GetString());
        Assert.Equal("Asia/Shanghai", deadlines.GetProperty("online").GetProperty("timeZone").GetString());
        Assert.Equal("2022-02-10T09:01:00Z", deadlines.GetProperty("online").GetProperty("closesAt").GetString());
        Assert.Equal("2022-02-15T09:01:00Z", deadlines.GetProperty("paper").GetProperty("closesAt").GetString());
        Assert.Equal("2022-01-30T23:59+08:00", dayOnly.GetProperty("online").GetProperty("local").GetString());
        Assert.Equal("2022-01-30T16:00:00Z", dayOnly.GetProperty("online").GetProperty("closesAt").GetString());
        Assert.Equal(JsonValueKind.Null, dayOnly.GetProperty("paper").ValueKind);
    }

    async Task PublishCall(CallDocument call)
    {
        var before = Service.Query((IntakeDbContext db) => db.Calls.Count());
        await Service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Count())), n => n == before + 1,
            what: $"call {call.Id} known to intake");
    }

    async Task AssertOutcome(HttpResponseMessage response, bool accepted, Guid id)
    {
        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
            return;
        }
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("deadline-passed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("Draft", (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("status").GetString());
    }
}
