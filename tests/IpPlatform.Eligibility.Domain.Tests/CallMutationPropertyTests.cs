using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

// Every variant of the shipped call is either refused when it is published (the JSON does not bind, or the
// validator names a field) or usable: the engine assesses every sample document, and the arithmetic the other
// services apply to a call (time zone, tranche triggers and amounts, quota bands, evaluation dates) succeeds.
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
        var zone = TimeZoneInfo.FindSystemTimeZoneById(call.TimeZone); // intake's deadline, funding's and monitoring's dates
        _ = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        foreach (var (_, doc, history) in AllComplete())
        {
            if (call.FindTrack(doc.Track) is null) continue;
            var result = EligibilityEngine.Assess(doc with { CallId = call.Id }, call, history);
            Assert.NotEmpty(result.Findings);
        }
        foreach (var track in call.Tracks)
        {
            // funding: tranche amounts of a large approved amount, each trigger one funding releases
            foreach (var tranche in track.Tranches)
            {
                Assert.Contains(tranche.Trigger, TrancheTriggers.All);
                _ = decimal.Round(100_000_000m * tranche.Share, 2);
            }
            // routing: the quota of a city with any number of grants
            _ = track.Quota.Kind switch
            {
                QuotaKind.PerCity => track.Quota.PerCity!.Value + track.Quota.IncentiveBonus,
                QuotaKind.ByInventionGrants => track.Quota.Bands.First(b => 0 > b.GrantsAbove).Quota + track.Quota.IncentiveBonus,
                _ => 0,
            };
            // monitoring: evaluation and end dates of a project started on the last day a call could start one
            var start = track.OnlineDeadline.AddYears(1);
            _ = start.AddMonths(track.EvaluationAfterMonths * 3);
            if (track.PeriodYears is { } years) _ = start.AddYears(years);
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
