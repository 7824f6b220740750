using System.Collections.Concurrent;
using System.Text.Json;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Documents;

/// <summary>
/// Reads a call document stored as JSON, once per distinct text: services keep each published version's text and
/// read it for every message and request that needs it. Parsing a call (seven tracks with their content rules) was
/// about 8 % of intake's, routing's and eligibility's CPU in a submission surge; a version's text never changes, and
/// the document is immutable (init-only, read-only lists), so one parsed instance serves every reader.
/// </summary>
public static class StoredCalls
{
    // Keyed by the text itself: two stored versions with the same text are the same document. Bounded: a province
    // keeps a handful of calls and versions; past the bound the memo starts again rather than grow.
    const int Bound = 64;
    static readonly ConcurrentDictionary<string, CallDocument> Parsed = new(StringComparer.Ordinal);

    /// <summary>The call document the JSON holds; the same instance for the same text. Treat it as read-only.</summary>
    public static CallDocument Read(string json)
    {
        if (Parsed.TryGetValue(json, out var call)) return call;
        call = JsonSerializer.Deserialize<CallDocument>(json, DocumentJson.Options)
            ?? throw new JsonException("The stored call document is null.");
        if (Parsed.Count >= Bound) Parsed.Clear();
        return Parsed.GetOrAdd(json, call);
    }
}
