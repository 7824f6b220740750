using System.Text.Json;
using System.Text.RegularExpressions;

namespace IpPlatform.Testing;

/// <summary>
/// Walks a JSON answer for instants written without their offset: a reader (another agency's system) would take
/// <c>2026-11-25T20:13:33</c> for local time. Dates that are dates (<c>yyyy-MM-dd</c>) are not instants.
/// </summary>
public static partial class Instants
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex DateTimeStart();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetEnd();

    /// <summary>JSON paths of date-time strings without <c>Z</c> or an offset, with their value; and how many instants were seen.</summary>
    public static (IReadOnlyList<string> WithoutOffset, int Seen) Walk(JsonElement json)
    {
        var bad = new List<string>();
        var seen = 0;
        void Visit(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Visit(p.Value, $"{path}.{p.Name}");
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Visit(item, $"{path}[{i++}]");
                    break;
                case JsonValueKind.String when DateTimeStart().IsMatch(e.GetString()!):
                    seen++;
                    if (!OffsetEnd().IsMatch(e.GetString()!)) bad.Add($"{path} = {e.GetString()}");
                    break;
            }
        }
        Visit(json, "$");
        return (bad, seen);
    }
}
