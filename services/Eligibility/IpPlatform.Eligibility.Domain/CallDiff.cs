using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;

namespace IpPlatform.Eligibility.Domain;

/// <summary>One field that differs between two calls: its path, and its JSON value before and after (null when absent).</summary>
public sealed record CallChange(string Path, JsonNode? Before, JsonNode? After);

/// <summary>
/// Compares calls field by field (two versions of one call, or two years' calls), and decides whether a
/// republication carries anything new.
/// </summary>
public static class CallDiff
{
    /// <summary>
    /// The call as JSON with parameters in name order, so that the same content always reads the same
    /// whatever order an administrator's file listed them in.
    /// </summary>
    public static string Canonical(CallDocument call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var ordered = call with
        {
            Tracks = [.. call.Tracks.Select(t => t with { Parameters = new SortedDictionary<string, decimal>(t.Parameters.ToDictionary(), StringComparer.Ordinal) })],
        };
        return JsonSerializer.Serialize(ordered, DocumentJson.Options);
    }

    /// <summary>True when both calls carry the same content.</summary>
    public static bool SameContent(CallDocument a, CallDocument b) => Canonical(a) == Canonical(b);

    /// <summary>
    /// Every differing field, in document order. Tracks (and any list of objects with an <c>id</c>) are matched
    /// by id, so a track inserted in the middle shows as one added track, not as every later track changed;
    /// paths then read <c>tracks[hvp-new].parameters.pctWeight</c>. Other lists are compared by position.
    /// </summary>
    public static IReadOnlyList<CallChange> Between(CallDocument from, CallDocument to)
    {
        var changes = new List<CallChange>();
        Compare(JsonNode.Parse(Canonical(from)), JsonNode.Parse(Canonical(to)), "", changes);
        return changes;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<CallChange> changes)
    {
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Concat(ob.Select(p => p.Key).Where(k => !oa.ContainsKey(k))))
                    Compare(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", changes);
                break;
            case (JsonArray la, JsonArray lb) when ById(la) is { } ia && ById(lb) is { } ib:
                foreach (var id in ia.Keys.Concat(ib.Keys.Where(k => !ia.ContainsKey(k))))
                    Compare(ia.GetValueOrDefault(id), ib.GetValueOrDefault(id), $"{path}[{id}]", changes);
                break;
            case (JsonArray la, JsonArray lb):
                for (var i = 0; i < Math.Max(la.Count, lb.Count); i++)
                    Compare(i < la.Count ? la[i] : null, i < lb.Count ? lb[i] : null, $"{path}[{i}]", changes);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b)) changes.Add(new CallChange(path, a?.DeepClone(), b?.DeepClone()));
                break;
        }
    }

    private static Dictionary<string, JsonNode>? ById(JsonArray list)
    {
        if (list.Count == 0 || list.Any(n => n is not JsonObject o || o["id"] is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            return null;
        var byId = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in list)
            if (!byId.TryAdd(node!["id"]!.GetValue<string>(), node!)) return null;
        return byId;
    }
}
