using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Eligibility.Data;

public class EligibilityDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PublishedCall> Calls => Set<PublishedCall>();
    public DbSet<CallVersion> CallVersions => Set<CallVersion>();
    public DbSet<ProjectRecord> Projects => Set<ProjectRecord>();
    public DbSet<CreditRecord> CreditRecords => Set<CreditRecord>();
    public DbSet<SubmittedApplicationRecord> SubmittedApplications => Set<SubmittedApplicationRecord>();
    public DbSet<Assessment> Assessments => Set<Assessment>();

    /// <summary>One published version of a call, its text (some 43 KB) read from the database once per process (see StoredCalls.VersionAsync).</summary>
    public Task<CallDocument?> CallVersionAsync(string callId, int version, CancellationToken ct) =>
        StoredCalls.VersionAsync(Database.GetConnectionString() ?? "", callId, version, ct => CallVersions.AsNoTracking()
            .Where(v => v.CallId == callId && v.Version == version).Select(v => v.DocumentText).FirstOrDefaultAsync(ct), ct);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<PublishedCall>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Ignore(c => c.Document);
        });
        model.Entity<CallVersion>(e =>
        {
            e.HasKey(v => new { v.CallId, v.Version });
            e.Property(v => v.CallId).HasMaxLength(64);
            e.Property(v => v.Reason).HasMaxLength(2000);
            e.Property(v => v.PublishedBy).HasMaxLength(128);
            e.Ignore(v => v.Document);
        });
        model.Entity<ProjectRecord>(e =>
        {
            e.HasKey(p => p.Id);
            e.Property(p => p.CreditCode).HasMaxLength(18);
            e.Property(p => p.TrackId).HasMaxLength(64);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.Source).HasMaxLength(16);
            e.Property(p => p.GiNameKey).HasMaxLength(256);
            e.HasIndex(p => p.CreditCode);
            e.HasIndex(p => p.RegionCode);
            e.HasIndex(p => p.GiNameKey);
            e.HasIndex(p => new { p.CreditCode, p.TrackId, p.CallYear });
            // One index per question the history rules ask (HistoryLoader): PZ-HIERARCHY, GI-NOT-ONGOING.
            e.HasIndex(p => new { p.TrackId, p.RegionCode, p.Kind });
            e.HasIndex(p => new { p.TrackId, p.GiNameKey, p.Status });
            e.HasIndex(p => p.ApplicationId).IsUnique();
        });
        model.Entity<CreditRecord>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.CreditCode).HasMaxLength(18);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(c => c.CreditCode);
        });
        model.Entity<SubmittedApplicationRecord>(e =>
        {
            e.HasKey(a => a.ApplicationId);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.GiNameKey).HasMaxLength(256);
            e.HasIndex(a => new { a.CallId, a.TrackId });
            // GI-UNIQUE: the other submissions of a call and track designating one GI.
            e.HasIndex(a => new { a.CallId, a.TrackId, a.GiNameKey });
        });
        model.Entity<Assessment>(e =>
        {
            e.HasKey(a => a.Id);
            e.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(a => a.ApplicationId);
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteEligibilityDbContext(DbContextOptions<SqliteEligibilityDbContext> options) : EligibilityDbContext(options);
public sealed class SqlServerEligibilityDbContext(DbContextOptions<SqlServerEligibilityDbContext> options) : EligibilityDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteEligibilityDbContext>
{
    public SqliteEligibilityDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteEligibilityDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerEligibilityDbContext>
{
    public SqlServerEligibilityDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerEligibilityDbContext>());
}
