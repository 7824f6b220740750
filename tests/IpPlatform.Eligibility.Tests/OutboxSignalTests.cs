using IpPlatform.Contracts.Events;
using IpPlatform.Eligibility.Data;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// The outbox dispatcher is woken when events are committed, and only then: a save that stages none would cost it a
/// query for nothing, and a wake before the caller's transaction commits finds rows it cannot see yet, leaving them
/// to the next poll.
/// </summary>
public sealed class OutboxSignalTests : IDisposable
{
    readonly string file = Path.Combine(Path.GetTempPath(), $"ipplatform-signal-{Guid.NewGuid():N}.db");
    readonly OutboxSignal signal = new();

    EligibilityDbContext Open()
    {
        var options = new DbContextOptionsBuilder<SqliteEligibilityDbContext>().UseSqlite($"Data Source={file}")
            .AddInterceptors(new AuditChainInterceptor(), signal).Options;
        var db = new SqliteEligibilityDbContext(options);
        db.Database.Migrate();
        return db;
    }

    bool Woken() => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None).GetAwaiter().GetResult();

    static AccountRegistered AnEvent() => new(Guid.NewGuid().ToString(), "someone", "applicant", null, null, DateTimeOffset.UtcNow);

    [Fact]
    public void A_save_that_stages_no_event_does_not_wake_the_dispatcher()
    {
        using var db = Open();
        db.Audit(Accountability.Platform, "Checked", "subject");

        db.SaveChanges();

        Assert.False(Woken());
    }

    [Fact]
    public async Task A_save_with_an_event_wakes_it_once_committed()
    {
        await using var db = Open();
        db.AddEvent(AnEvent());

        await db.SaveChangesAsync();

        Assert.True(Woken());
        Assert.False(Woken());
    }

    [Fact]
    public async Task Inside_the_callers_transaction_the_wake_waits_for_the_commit()
    {
        await using var db = Open();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddEvent(AnEvent());
        await db.SaveChangesAsync();
        db.Audit(Accountability.Platform, "Checked", "subject");
        await db.SaveChangesAsync();

        Assert.False(Woken());
        await transaction.CommitAsync();
        Assert.True(Woken());
    }

    [Fact]
    public async Task A_rolled_back_transaction_does_not_wake_it()
    {
        await using var db = Open();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AddEvent(AnEvent());
        await db.SaveChangesAsync();

        await transaction.RollbackAsync();

        Assert.False(Woken());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(file + suffix); } catch (IOException) { }
    }
}
