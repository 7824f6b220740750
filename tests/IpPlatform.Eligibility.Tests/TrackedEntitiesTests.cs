using IpPlatform.Eligibility.Data;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// The save interceptors (audit chain, outbox signal) find what a save adds without scanning every tracked entity
/// for changes: SaveChanges does that once itself, after them.
/// </summary>
public sealed class TrackedEntitiesTests : IDisposable
{
    readonly string file = Path.Combine(Path.GetTempPath(), $"ipplatform-tracked-{Guid.NewGuid():N}.db");

    EligibilityDbContext Open()
    {
        var db = new SqliteEligibilityDbContext(new DbContextOptionsBuilder<SqliteEligibilityDbContext>().UseSqlite($"Data Source={file}").Options);
        db.Database.Migrate();
        return db;
    }

    [Fact]
    public void Added_lists_the_unsaved_additions_of_one_type_without_detecting_changes()
    {
        using var db = Open();
        db.Audit(Accountability.Platform, "Saved", "first");
        db.SaveChanges();
        db.Audit(Accountability.Platform, "Staged", "second");
        db.CreditRecords.Add(CreditRecord.From("91320583MA1234567X", default, new DateOnly(2022, 1, 1), null, null));
        var scans = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => scans++;

        var added = db.ChangeTracker.Added<AuditEntry>();

        Assert.Equal("second", Assert.Single(added).Subject);
        Assert.Equal(0, scans);
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        // What it replaces scans: the test can tell the two apart.
        _ = db.ChangeTracker.Entries<AuditEntry>().ToList();
        Assert.Equal(1, scans);
    }

    [Fact]
    public void Added_leaves_change_detection_off_where_the_caller_turned_it_off()
    {
        using var db = Open();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        Assert.Empty(db.ChangeTracker.Added<AuditEntry>());
        Assert.False(db.ChangeTracker.AutoDetectChangesEnabled);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(file + suffix); } catch (IOException) { }
    }
}
