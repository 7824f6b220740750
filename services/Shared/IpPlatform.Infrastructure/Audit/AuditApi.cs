using IpPlatform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Infrastructure.Audit;

/// <summary>The administrator's view of a service's audit log: the entries, and a verification of the chain.</summary>
public static class AuditApi
{
    /// <summary>Maps <c>{prefix}/audit</c> and <c>{prefix}/audit/verify</c> for the service's database.</summary>
    public static IEndpointRouteBuilder MapAuditApi<TContext>(this IEndpointRouteBuilder app, string prefix) where TContext : DbContext
    {
        var audit = app.MapGroup($"{prefix}/audit").WithTags("Audit").RequireAuthorization(PlatformPolicies.Admin);
        // Handlers take the service's context by its base type: the route analyzers cannot follow an open generic.
        static DbContext Db(HttpContext http) => http.RequestServices.GetRequiredService<TContext>();
        audit.MapGet("", (HttpContext http, long? after, int? take, string? subject, CancellationToken ct) =>
            AuditEndpoints.List(Db(http), after, take, subject, ct)).WithSummary("The audit log in order, a page at a time (after = last sequence seen)");
        audit.MapGet("/verify", (HttpContext http, CancellationToken ct) => AuditEndpoints.Verify(Db(http), ct)).WithSummary("Recomputes the hash chain and names the first broken entry");
        return app;
    }
}

static class AuditEndpoints
{
    const int MaxPage = 500;

    public static async Task<Ok<AuditPage>> List(DbContext db, long? after, int? take, string? subject, CancellationToken ct)
    {
        var size = Math.Clamp(take ?? 100, 1, MaxPage);
        var query = db.Set<AuditEntry>().AsNoTracking().Where(a => a.Sequence > (after ?? 0));
        if (!string.IsNullOrWhiteSpace(subject)) query = query.Where(a => a.Subject == subject);
        var entries = await query.OrderBy(a => a.Sequence).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new AuditPage(entries.Select(AuditEntryView.From).ToList(), entries.Count == size ? entries[^1].Sequence : null));
    }

    public static async Task<Ok<AuditVerification>> Verify(DbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable(), ct));
}

public static class AuditVerifier
{
    /// <summary>Walks the chain in sequence order; stops at the first entry that does not hold.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        long checkedCount = 0, expectedSequence = 1;
        var previousHash = AuditEntry.Genesis;
        await foreach (var entry in entries.WithCancellation(ct))
        {
            var broken =
                entry.Sequence != expectedSequence ? $"sequence {entry.Sequence} where {expectedSequence} was expected: an entry is missing or was inserted"
                : entry.PreviousHash != previousHash ? "its previous-hash does not match the entry before it"
                : entry.ComputeHash() != entry.Hash ? "its content does not match its hash: the row was changed"
                : null;
            if (broken is not null)
                return new AuditVerification(false, checkedCount, new BrokenEntry(entry.Sequence, entry.Id, broken));
            previousHash = entry.Hash;
            expectedSequence++;
            checkedCount++;
        }
        return new AuditVerification(true, checkedCount, null);
    }
}

/// <param name="Intact">True when every entry holds.</param>
/// <param name="EntriesChecked">Entries verified before the first broken one (all of them when intact).</param>
/// <param name="FirstBroken">The first entry that does not hold, and why.</param>
public sealed record AuditVerification(bool Intact, long EntriesChecked, BrokenEntry? FirstBroken);

public sealed record BrokenEntry(long Sequence, Guid Id, string Reason);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, long? NextAfter);

public sealed record AuditEntryView(
    long Sequence, DateTimeOffset At, string ActorId, string ActorName, string ActorRole, string? ActorOffice,
    string Action, string Subject, string? Details, string PreviousHash, string Hash)
{
    public static AuditEntryView From(AuditEntry a) => new(
        a.Sequence, new DateTimeOffset(DateTime.SpecifyKind(a.AtUtc, DateTimeKind.Utc)), a.ActorId, a.ActorName, a.ActorRole,
        a.ActorOffice, a.Action, a.Subject, a.Details, a.PreviousHash, a.Hash);
}
