using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Monitoring.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Monitoring.Data;

public class MonitoringDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<KnownTrack> Tracks => Set<KnownTrack>();

    /// <summary>
    /// The period parameters of a decided application's track: those of the call version it was submitted under, the
    /// latest when the decision names none. Null while they are not known yet (the CallPublished still queued).
    /// </summary>
    public async Task<KnownTrack?> TrackOfAsync(ApplicationDecided decided, CancellationToken ct)
    {
        var tracks = Tracks.Where(t => t.CallId == decided.CallId && t.TrackId == decided.TrackId);
        if (decided.CallVersion is { } version)
        {
            if (await tracks.FirstOrDefaultAsync(t => t.CallVersion == version, ct) is { } exact) return exact;
            // Copies kept before monitoring kept every version hold only the latest: a newer one stands in for an older version.
            return await tracks.Where(t => t.CallVersion > version).OrderByDescending(t => t.CallVersion).FirstOrDefaultAsync(ct);
        }
        return await tracks.OrderByDescending(t => t.CallVersion).FirstOrDefaultAsync(ct);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Project>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.ApplicationId).IsUnique(); // one project per approved application
            e.Property(p => p.CallId).HasMaxLength(64);
            e.Property(p => p.TrackId).HasMaxLength(64);
            e.Property(p => p.UnitName).HasMaxLength(200);
            e.Property(p => p.CreditCode).HasMaxLength(18);
            e.Property(p => p.UnitKind).HasMaxLength(32);
            e.Property(p => p.RegionCode).HasMaxLength(6);
            e.Property(p => p.CityCode).HasMaxLength(6);
            e.Property(p => p.AcceptedBy).HasMaxLength(128);
            // The reading rule's columns: an applicant's, a county's and a city's projects are queried by them.
            e.HasIndex(p => p.CreditCode);
            e.HasIndex(p => p.RegionCode);
            e.HasIndex(p => p.CityCode);
            // Concurrency tokens: of two evaluations recorded at once, the second save fails instead of both passing the guards.
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            e.Property(p => p.EvaluationDueOn).IsConcurrencyToken();
            e.Ignore(p => p.IsOpenEnded);
            e.Ignore(p => p.IsActive);
            e.HasMany(p => p.Evaluations).WithOne().HasForeignKey(v => v.ProjectId);
            e.HasMany(p => p.Reports).WithOne().HasForeignKey(r => r.ProjectId);
        });
        model.Entity<Evaluation>(e =>
        {
            e.ToTable("Evaluations");
            e.HasKey(v => v.Id);
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.Remarks).HasMaxLength(2000);
            e.Property(v => v.RecordedBy).HasMaxLength(128);
        });
        model.Entity<ProgressReport>(e =>
        {
            e.ToTable("Reports");
            e.HasKey(r => r.Id);
            // The id is made by the domain; without this, a new report added to a loaded project would be taken for an existing one.
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Summary).HasMaxLength(4000);
            e.Property(r => r.FiledBy).HasMaxLength(128);
            // A report's indicators are read and written with it, never queried on their own: one JSON column.
            e.OwnsMany(r => r.Indicators, i =>
            {
                i.ToJson();
                i.Ignore(v => v.Met);
            });
        });
        model.Entity<KnownTrack>(e =>
        {
            // One copy per call version: a project keeps the parameters of the version its application was submitted under.
            e.HasKey(t => new { t.CallId, t.TrackId, t.CallVersion });
            e.Property(t => t.CallId).HasMaxLength(64);
            e.Property(t => t.TrackId).HasMaxLength(64);
            e.Property(t => t.TimeZone).HasMaxLength(64);
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteMonitoringDbContext(DbContextOptions<SqliteMonitoringDbContext> options) : MonitoringDbContext(options);
public sealed class SqlServerMonitoringDbContext(DbContextOptions<SqlServerMonitoringDbContext> options) : MonitoringDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteMonitoringDbContext>
{
    public SqliteMonitoringDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteMonitoringDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerMonitoringDbContext>
{
    public SqlServerMonitoringDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerMonitoringDbContext>());
}
