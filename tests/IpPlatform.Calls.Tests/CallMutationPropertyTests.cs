using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Funding.Agreements;
using IpPlatform.Monitoring.Projects;
using IpPlatform.Routing.Recommendations;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Calls.Tests;

// Every variant of the shipped call is either refused when it is published (the JSON does not bind, or the
// validator names a field) or usable end to end by each service's own domain code: eligibility assesses every
// sample document, intake reads the deadline in the call's time zone, routing computes each city's quota,
// funding builds the tranche plan of an approval, monitoring opens the project with its evaluation dates.
public class CallMutationPropertyTests
{
    private static readonly JsonNode?[] OddValues =
    [
        null, JsonValue.Create(""), JsonValue.Create("Mars/Olympus"), JsonValue.Create("Whenever"), JsonValue.Create(-1),
        JsonValue.Create(0), JsonValue.Create(0.5m), JsonValue.Create(1.5m), JsonValue.Create(int.MaxValue),
        JsonValue.Create(79228162514264337593543950335m), JsonValue.Create(true), JsonValue.Create("0001-01-01"),
        JsonValue.Create("9999-12-31"), new JsonArray(), new JsonObject(),
    ];

    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var path in Leaves(Shipped(), "")) data.Add(path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Each_odd_value_at_each_field_is_refused_or_usable(string path)
    {
        var variants = OddValues.Select(v => (Label: v?.ToJsonString() ?? "null", Json: Set(Shipped(), path, v?.DeepClone())))
            .Append(("removed", Remove(Shipped(), path)))
            .Append(("unknown sibling", AddSibling(Shipped(), path)));
        foreach (var (label, json) in variants)
            AssertRefusedOrUsable(json, $"{path} = {label}");
    }

    [Fact]
    public void The_shipped_call_itself_is_usable()
    {
        var (refused, _) = Publish(Shipped());
        Assert.False(refused);
    }

    [Theory]
    [InlineData("timeZone", "\"Mars/Olympus\"", "timeZone")]
    [InlineData("tracks[2].tranches[0].trigger", "\"Whenever\"", "tracks[2].tranches[0].trigger")]
    [InlineData("tracks[2].tranches[0].share", "0.9", "tracks[2].tranches")]
    [InlineData("tracks[0].parameters.recentYears", "3", "tracks[0].parameters.recentYears")]
    [InlineData("tracks[3].parameters.recentYears", "0", "tracks[3].parameters.recentYears")]
    [InlineData("tracks[2].onlineDeadline", "\"2021-01-01\"", "tracks[2].onlineDeadline")]
    [InlineData("tracks[2].evaluationAfterMonths", "100000", "tracks[2].evaluationAfterMonths")]
    [InlineData("issuedOn", "\"0001-01-01\"", "issuedOn")]
    [InlineData("tracks[2].content.materials[0].allowedTypes", "[\"exe\"]", "tracks[2].content.materials[0].allowedTypes")]
    [InlineData("tracks[2].content.materials[0].maxBytes", "0", "tracks[2].content.materials[0].maxBytes")]
    [InlineData("tracks[2].content.targets[0].minimum", "-1", "tracks[2].content.targets[0].minimum")]
    [InlineData("tracks[2].content.tasks[1].id", "\"brand-strategy\"", "tracks[2].content.tasks[1].id")]
    [InlineData("tracks[2].paperDeadlineAt", "\"2022-01-01T17:00\"", "tracks[2].paperDeadlineAt")]
    [InlineData("tracks[2].onlineDeadlineAt", "\"2022-01-29T23:59\"", "tracks[2].onlineDeadlineAt")]
    [InlineData("tracks[0].routing.firstOffice[1].level", "\"Province\"", "tracks[0].routing.firstOffice[1].level")]
    public void Known_bad_variants_are_refused_naming_the_field(string path, string value, string field)
    {
        var json = Set(Shipped(), path, JsonNode.Parse(value));
        var call = JsonSerializer.Deserialize<CallDocument>(json.ToJsonString(), DocumentJson.Options)!;
        Assert.Contains(field, CallValidator.Validate(call).Keys);
    }

    private static void AssertRefusedOrUsable(JsonNode json, string variant)
    {
        try
        {
            Publish(json);
        }
        catch (Exception e)
        {
            Assert.Fail($"Variant {variant} was accepted but then failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Refused at publication (true), or used the way every service uses it.</summary>
    private static (bool Refused, CallDocument? Call) Publish(JsonNode json)
    {
        CallDocument call;
        try
        {
            call = JsonSerializer.Deserialize<CallDocument>(json.ToJsonString(), DocumentJson.Options)!;
        }
        catch (JsonException)
        {
            return (true, null); // the endpoint answers 400 before the validator runs
        }
        if (call is null || CallValidator.Validate(call).Count > 0) return (true, call);
        Use(call);
        return (false, call);
    }

    private static void Use(CallDocument call)
    {
        // intake: today in the call's time zone against the deadline
        _ = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(call.TimeZone));
        foreach (var (_, doc, history) in AllComplete())
        {
            if (call.FindTrack(doc.Track) is null) continue;
            var result = EligibilityEngine.Assess(doc with { CallId = call.Id }, call, history);
            Assert.NotEmpty(result.Findings);
        }
        foreach (var track in call.Tracks)
        {
            // routing: the limit of a city with no grants, and with many, incentive region or not
            foreach (var (grants, incentive) in new[] { (0, false), (1_000_000, true) })
            {
                var limit = QuotaLimit.Of(track.Quota, new CityFigures(call.Id, "320500", grants, incentive, DateTime.UtcNow));
                Assert.True(limit.IsKnown, $"{track.Id}: {limit.MissingReason}");
            }
            var decided = new ApplicationDecided(Guid.NewGuid(), call.Id, track.Id, ProvincialDecision.Approved, 1_000_000.01m, 88m, "集体决策",
                new ApplicantSummary("某某单位", "91320583MA1P2K3L4X", track.AdmittedKinds[0].ToString(), "320583"), DateTimeOffset.UtcNow);
            // funding: the plan of an approval, every tranche with a trigger funding releases on
            var agreement = FundingAgreement.Create(decided, TrackPlan.From(call, track), DateTime.UtcNow);
            Assert.Equal(1_000_000.01m, agreement.Tranches.Sum(t => t.AmountCny));
            // monitoring: the project's evaluation and end dates
            var project = IpPlatform.Monitoring.Projects.Project.Open(decided, KnownTrack.From(call, track), DateTime.UtcNow);
            Assert.True(project.EvaluationDueOn > project.StartsOn);
        }
    }

    private static JsonNode Shipped() => JsonNode.Parse(JsonSerializer.Serialize(Call, DocumentJson.Options))!;

    private static IEnumerable<string> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")).Prepend(path).Where(p => p.Length > 0),
        JsonArray a => a.SelectMany((item, i) => Leaves(item, $"{path}[{i}]")).Prepend(path),
        _ => [path],
    };

    private static (JsonNode Parent, string? Key, int Index) Locate(JsonNode root, string path)
    {
        var parts = path.Replace("[", ".[").Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        foreach (var part in parts[..^1]) node = part.StartsWith('[') ? node[int.Parse(part[1..^1])]! : node[part]!;
        var last = parts[^1];
        return last.StartsWith('[') ? (node, null, int.Parse(last[1..^1])) : (node, last, -1);
    }

    private static JsonNode Set(JsonNode root, string path, JsonNode? value)
    {
        var (parent, key, index) = Locate(root, path);
        if (key is null) parent.AsArray()[index] = value; else parent.AsObject()[key] = value;
        return root;
    }

    private static JsonNode Remove(JsonNode root, string path)
    {
        var (parent, key, index) = Locate(root, path);
        if (key is null) parent.AsArray().RemoveAt(index); else parent.AsObject().Remove(key);
        return root;
    }

    private static JsonNode AddSibling(JsonNode root, string path)
    {
        var (parent, _, _) = Locate(root, path);
        if (parent is JsonObject o) o["surpriseField"] = 1; else parent.AsArray().Add(JsonValue.Create(1));
        return root;
    }
}
