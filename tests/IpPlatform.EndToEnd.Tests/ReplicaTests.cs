using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>The platform with two eligibility processes sharing its database and competing on its queues.</summary>
public sealed class TwoEligibilityReplicasFixture : PlatformFixture
{
    protected override string[] ExtraArguments => ["--Replicas:eligibility=2"];
}

[CollectionDefinition(Name)]
public sealed class ReplicaCollection : ICollectionFixture<TwoEligibilityReplicasFixture>
{
    public const string Name = "two eligibility replicas";
}

/// <summary>
/// Scale-out correctness (issue 8): with two eligibility replicas every submitted application is assessed exactly once
/// (competing consumers on one queue, one outbox dispatcher per SQLite file, the inbox against redelivery), counted in
/// the delivery service's public feed, which keeps each distinct event it received.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaTests(TwoEligibilityReplicasFixture platform)
{
    const int Applications = 8;
    static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task With_two_eligibility_replicas_each_submitted_application_is_assessed_exactly_once()
    {
        Assert.Equal(2, await RunningReplicas("eligibility"));

        var ids = new List<string>();
        for (var i = 0; i < Applications; i++)
        {
            ids.Add((await platform.SubmitNewApplicationAsync(Documents.IndustrialBrand())).Id);
        }

        // Every application assessed: wait for all of them in the feed, then a little longer so that a second
        // assessment of any of them (the defect looked for) would have had time to arrive too.
        var agency = await platform.AgencyAsync();
        var deadline = DateTime.UtcNow + StageTimeout;
        Dictionary<string, int> assessments = [];
        while (DateTime.UtcNow < deadline)
        {
            assessments = await AssessmentsPerApplication(agency);
            if (ids.All(assessments.ContainsKey)) break;
            await Task.Delay(500);
        }
        Assert.All(ids, id => Assert.True(assessments.ContainsKey(id), $"{id} not assessed within {StageTimeout}"));
        await Task.Delay(TimeSpan.FromSeconds(5));
        assessments = await AssessmentsPerApplication(agency);

        Assert.Equal(ids.Select(id => (id, 1)).Order(), ids.Select(id => (id, assessments[id])).Order());
        // The replicas are still both up: an assessment lost with a crashed process would otherwise go unseen.
        Assert.Equal(2, await RunningReplicas("eligibility"));
    }

    /// <summary>The number of EligibilityAssessed events per application in the public feed, read page by page.</summary>
    static async Task<Dictionary<string, int>> AssessmentsPerApplication(HttpClient agency)
    {
        var counts = new Dictionary<string, int>();
        string? after = null;
        while (true)
        {
            var page = JsonNode.Parse(await agency.GetStringAsync(
                $"/api/events?type=EligibilityAssessed&limit=100{(after is null ? "" : $"&after={after}")}"))!;
            foreach (var cloudEvent in page["events"]!.AsArray())
            {
                var subject = (string)cloudEvent!["subject"]!;
                counts[subject] = counts.GetValueOrDefault(subject) + 1;
            }
            if (page["hasMore"]?.GetValue<bool>() != true) return counts;
            after = (string?)page["next"];
        }
    }

    /// <summary>How many processes of <paramref name="resource"/> the orchestrator reports running.</summary>
    async Task<int> RunningReplicas(string resource)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var running = new HashSet<string>();
        try
        {
            // The watch replays every resource's current state first; replicas are distinct resource ids of one resource.
            await foreach (var e in platform.App.ResourceNotifications.WatchAsync(cts.Token))
            {
                if (e.Resource.Name != resource) continue;
                if (e.Snapshot.State?.Text == "Running") running.Add(e.ResourceId);
                else running.Remove(e.ResourceId);
                if (running.Count >= 2) break;
            }
        }
        catch (OperationCanceledException) { }
        return running.Count;
    }
}
