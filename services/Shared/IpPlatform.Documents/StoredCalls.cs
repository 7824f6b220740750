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

    static readonly ConcurrentDictionary<(string Store, string CallId, int Version), CallDocument> Versions = new();

    /// <summary>
    /// The document of one published version of a call in one service's store, its text read with
    /// <paramref name="readText"/> only the first time this process asks. A published version never changes (a
    /// correction is a new version), and its text is some 43 KB: read for every submission it was, per service, a
    /// large-object allocation (an 86 KB string) and a hash of the whole text to find the parsed copy.
    /// <paramref name="store"/> tells apart services (and test databases) sharing a process. Null when there is no text.
    /// </summary>
    public static async Task<CallDocument?> VersionAsync(string store, string callId, int version,
        Func<CancellationToken, Task<string?>> readText, CancellationToken ct)
    {
        if (Versions.TryGetValue((store, callId, version), out var known)) return known;
        if (await readText(ct) is not { Length: > 0 } text) return null;
        if (Versions.Count >= Bound) Versions.Clear();
        return Versions.GetOrAdd((store, callId, version), Read(text));
    }
}
