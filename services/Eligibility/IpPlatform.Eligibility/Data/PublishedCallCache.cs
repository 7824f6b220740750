using System.Collections.Concurrent;
using IpPlatform.Contracts.Calls;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Data;

/// <summary>
/// The published calls as parsed documents, keyed by (id, version), so that a precheck or an assessment does not
/// read and deserialise the whole call each time. A read first asks the database for the call's current version
/// (a primary-key lookup of one column), so a version published elsewhere — another replica, or within the same
/// clock tick — is never answered from a stale entry. Versions never change once published, so an entry is never
/// wrong; older versions of a call are dropped when a newer one is cached, and when its <c>CallPublished</c>
/// arrives (<see cref="Consumers.CallPublishedConsumer"/>).
/// </summary>
public sealed class PublishedCallCache
{
    readonly ConcurrentDictionary<(string Id, int Version), CallDocument> calls = new();

    // Compiled once: every precheck asks it, and a LINQ query's expression-tree work per call showed in the precheck's profile.
    static readonly Func<EligibilityDbContext, string, CancellationToken, Task<int?>> CurrentVersion = EF.CompileAsyncQuery(
        (EligibilityDbContext db, string id, CancellationToken ct) => db.Calls.Where(c => c.Id == id).Select(c => (int?)c.Version).FirstOrDefault());

    /// <summary>The call <paramref name="id"/> at its current version, or null when there is none.</summary>
    public async Task<CallDocument?> FindAsync(EligibilityDbContext db, string? id, CancellationToken ct) =>
        (await FindVersionAsync(db, id, ct))?.Document;

    /// <summary>The call <paramref name="id"/> with its current version number, or null when there is none.</summary>
    public async Task<(CallDocument Document, int Version)?> FindVersionAsync(EligibilityDbContext db, string? id, CancellationToken ct)
    {
        if (id is null) return null;
        var version = await CurrentVersion(db, id, ct);
        if (version is not { } current)
        {
            Invalidate(id);
            return null;
        }
        if (calls.TryGetValue((id, current), out var cached)) return (cached, current);

        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null) return null;
        var document = call.Document;
        calls[(id, call.Version)] = document;
        foreach (var key in calls.Keys.Where(k => k.Id == id && k.Version < call.Version)) calls.TryRemove(key, out _);
        return (document, call.Version);
    }

    /// <summary>Forgets every cached version of a call (it was published again).</summary>
    public void Invalidate(string id)
    {
        foreach (var key in calls.Keys.Where(k => k.Id == id)) calls.TryRemove(key, out _);
    }
}
