using System.Collections.Concurrent;
using IpPlatform.Contracts.Calls;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Data;

/// <summary>
/// The published calls as parsed documents, so that a precheck or an assessment does not read and deserialise
/// the whole call each time. An entry is dropped when its <c>CallPublished</c> arrives
/// (<see cref="Consumers.CallPublishedConsumer"/>); as that event reaches only one replica of a competing queue,
/// a read also compares the stored publication instant (a primary-key lookup of one column) and reloads a
/// call replaced elsewhere.
/// </summary>
public sealed class PublishedCallCache
{
    readonly ConcurrentDictionary<string, (DateTime PublishedAtUtc, CallDocument Document)> calls = new(StringComparer.Ordinal);

    /// <summary>The call <paramref name="id"/> as published, or null when there is none.</summary>
    public async Task<CallDocument?> FindAsync(EligibilityDbContext db, string? id, CancellationToken ct)
    {
        if (id is null) return null;
        var publishedAt = await db.Calls.AsNoTracking().Where(c => c.Id == id).Select(c => (DateTime?)c.PublishedAtUtc).FirstOrDefaultAsync(ct);
        if (publishedAt is null)
        {
            calls.TryRemove(id, out _);
            return null;
        }
        if (calls.TryGetValue(id, out var cached) && cached.PublishedAtUtc == publishedAt) return cached.Document;

        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (call is null) return null;
        var document = call.Document;
        calls[id] = (call.PublishedAtUtc, document);
        return document;
    }

    /// <summary>Forgets a call (it was published again).</summary>
    public void Invalidate(string id) => calls.TryRemove(id, out _);
}
