using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpPlatform.Infrastructure.Audit;

/// <summary>
/// One entry of a service's append-only audit log: who did what to which subject, when. Entries form a
/// hash chain: each <see cref="Hash"/> covers the entry's fields and the previous entry's hash, so an edited,
/// removed or reordered row breaks the chain from that row on.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Hash a first entry chains to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public Guid Id { get; private set; }
    /// <summary>1, 2, 3… in the order the entries were committed; unique, assigned when saved.</summary>
    public long Sequence { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public string? ActorOffice { get; private set; }
    /// <summary>What happened, e.g. <c>application.recommended</c>.</summary>
    public string Action { get; private set; } = "";
    /// <summary>What it happened to, e.g. an application id or a call id.</summary>
    public string Subject { get; private set; } = "";
    /// <summary>The act's particulars as JSON (opinion, amount…).</summary>
    public string? Details { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    AuditEntry() { }

    internal static AuditEntry Stage(Actor actor, string action, string subject, string? details, DateTime atUtc) => new()
    {
        Id = Guid.NewGuid(), AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc),
        ActorId = actor.AccountId, ActorName = actor.Name, ActorRole = actor.Role, ActorOffice = actor.OfficeCode,
        Action = action, Subject = subject, Details = details,
    };

    internal void Chain(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>
    /// SHA-256 over a JSON array of every field and the previous hash: unambiguous, and independent of how
    /// the database hands back the time (ticks, not a formatted string that may lose its UTC marker).
    /// </summary>
    public string ComputeHash()
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            Sequence, AtUtc.Ticks, ActorId, ActorName, ActorRole, ActorOffice, Action, Subject, Details, PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

public static class AuditLog
{
    /// <summary>
    /// Stages an audit entry in <paramref name="db"/>; it is chained and stored by the caller's next
    /// SaveChanges, in the same transaction as the state change it records.
    /// </summary>
    public static void Audit(this DbContext db, Actor actor, string action, string subject, object? details = null, TimeProvider? clock = null) =>
        db.AuditWithDetails(actor, action, subject, details is null ? null : JsonSerializer.Serialize(details, Outbox.Json), clock);

    /// <summary><see cref="Audit"/> with the particulars already as JSON (written with <see cref="Outbox.Json"/>).</summary>
    internal static void AuditWithDetails(this DbContext db, Actor actor, string action, string subject, string? detailsJson, TimeProvider? clock) =>
        db.Set<AuditEntry>().Add(AuditEntry.Stage(actor, action, subject, detailsJson, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime));

    /// <summary>Adds the audit table to a service's model.</summary>
    public static ModelBuilder AddAuditLog(this ModelBuilder model)
    {
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.HasKey(a => a.Id);
            // A second writer that read the same last entry cannot commit the same place in the chain.
            e.HasIndex(a => a.Sequence).IsUnique();
            e.HasIndex(a => a.Subject);
            e.Property(a => a.ActorId).HasMaxLength(128);
            e.Property(a => a.ActorName).HasMaxLength(128);
            e.Property(a => a.ActorRole).HasMaxLength(32);
            e.Property(a => a.ActorOffice).HasMaxLength(16);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Subject).HasMaxLength(128);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
        });
        return model;
    }
}

/// <summary>
/// Chains staged audit entries when they are saved. Within a process, writers of one database take turns
/// from reading the last entry to their commit, so concurrent requests never fork the chain; across
/// replicas the unique sequence turns a fork into a refused (409) write instead.
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    static readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();
    static readonly ConditionalWeakTable<DbContext, SemaphoreSlim> held = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Pending(eventData.Context) is not { Count: > 0 } pending) return result;
        var gate = Enter(eventData.Context!);
        gate.Wait();
        try { Chain(eventData.Context!, pending, LastAsync(eventData.Context!, CancellationToken.None).GetAwaiter().GetResult()); }
        catch { Release(eventData.Context!); throw; }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Pending(eventData.Context) is not { Count: > 0 } pending) return result;
        var gate = Enter(eventData.Context!);
        await gate.WaitAsync(cancellationToken);
        try { Chain(eventData.Context!, pending, await LastAsync(eventData.Context!, cancellationToken)); }
        catch { Release(eventData.Context!); throw; }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) { Release(eventData.Context); return result; }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    // A lost optimistic-concurrency race is thrown through this hook, not through SaveChangesFailed: release
    // here too, or every later save of this database would wait on the gate for ever.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    static List<AuditEntry>? Pending(DbContext? context) =>
        context?.ChangeTracker.Added<AuditEntry>();

    static SemaphoreSlim Enter(DbContext context)
    {
        var key = context.Database.GetConnectionString() ?? context.GetType().FullName!;
        var gate = gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        held.AddOrUpdate(context, gate);
        return gate;
    }

    static void Release(DbContext? context)
    {
        if (context is not null && held.TryGetValue(context, out var gate))
        {
            held.Remove(context);
            gate.Release();
        }
    }

    static async Task<(long Sequence, string Hash)> LastAsync(DbContext context, CancellationToken ct)
    {
        var last = await context.Set<AuditEntry>().AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        return last is null ? (0, AuditEntry.Genesis) : (last.Sequence, last.Hash);
    }

    static void Chain(DbContext context, List<AuditEntry> pending, (long Sequence, string Hash) last)
    {
        var (sequence, hash) = last;
        foreach (var entry in pending.OrderBy(e => e.AtUtc))
        {
            entry.Chain(++sequence, hash);
            hash = entry.Hash;
        }
    }
}
