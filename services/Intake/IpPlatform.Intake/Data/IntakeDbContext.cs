using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Materials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Intake.Data;

public class IntakeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<KnownCall> Calls => Set<KnownCall>();
    public DbSet<KnownCallVersion> CallVersions => Set<KnownCallVersion>();

    /// <summary>
    /// The call a submitted application was submitted under (its version), for what is printed and listed of it; a
    /// draft, or an application whose version intake did not keep (older than versions here), gets the current one.
    /// </summary>
    public async Task<CallDocument?> CallAsSubmittedAsync(Application application, CancellationToken ct) =>
        (application.CallVersion is { } version ? await CallVersionAsync(application.CallId, version, ct) : null)
        ?? (await CurrentCallAsync(application.CallId, ct))?.Document;

    /// <summary>The version of a call new submissions are made under, and its document; null when intake knows no such call.</summary>
    public async Task<(CallDocument Document, int Version)?> CurrentCallAsync(string? callId, CancellationToken ct)
    {
        if (callId is null) return null;
        var version = await Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => (int?)c.Version).FirstOrDefaultAsync(ct);
        if (version is not { } current) return null;
        // A call kept from before versions were stored has its text only in Calls, as long as no later version replaced it.
        var document = await CallVersionAsync(callId, current, ct)
            ?? await StoredCalls.VersionAsync(Store, callId, current, ct => Calls.AsNoTracking()
                .Where(c => c.Id == callId && c.Version == current).Select(c => c.DocumentText).FirstOrDefaultAsync(ct), ct);
        return document is null ? null : (document, current);
    }

    /// <summary>One published version of a call, its text read from the database once per process.</summary>
    Task<CallDocument?> CallVersionAsync(string callId, int version, CancellationToken ct) =>
        StoredCalls.VersionAsync(Store, callId, version, ct => CallVersions.AsNoTracking()
            .Where(v => v.CallId == callId && v.Version == version).Select(v => v.DocumentText).FirstOrDefaultAsync(ct), ct);

    string Store => Database.GetConnectionString() ?? "";

    public DbSet<ApplicationMaterial> Materials => Set<ApplicationMaterial>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Application>(e =>
        {
            e.HasKey(a => a.Id);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.Property(a => a.CallId).HasMaxLength(64);
            e.Property(a => a.TrackId).HasMaxLength(64);
            e.Property(a => a.ApplicantName).HasMaxLength(200);
            e.Property(a => a.CreditCode).HasMaxLength(18);
            e.Property(a => a.ApplicantKind).HasMaxLength(32);
            e.Property(a => a.RegionCode).HasMaxLength(6);
            e.Property(a => a.Stage).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.Eligibility).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.LastOfficeLevel).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Decision).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.ApprovedAmountCny).HasPrecision(18, 2);
            e.Property(a => a.DisbursedCny).HasPrecision(18, 2);
            e.Ignore(a => a.Document);
            e.HasMany(a => a.Timeline).WithOne().HasForeignKey(t => t.ApplicationId);
            e.Property(a => a.OwnerCreditCode).HasMaxLength(18);
            e.Property(a => a.CityCode).HasMaxLength(6);
            e.HasIndex(a => a.CreditCode);
            // The worklists (GET /api/applications): each actor's filter column, newest first.
            e.HasIndex(a => new { a.OwnerCreditCode, a.CreatedAtUtc });
            e.HasIndex(a => new { a.RegionCode, a.CreatedAtUtc });
            e.HasIndex(a => new { a.CityCode, a.CreatedAtUtc });
            e.HasIndex(a => a.CreatedAtUtc);
            // The worklists' filters (?status=, ?callId=&track=) over the province-wide lists; an office's list is
            // already narrowed by its own index above.
            e.HasIndex(a => new { a.Stage, a.CreatedAtUtc });
            e.HasIndex(a => new { a.CallId, a.TrackId, a.CreatedAtUtc });
            // A window clerk types or scans the fingerprint: found by an index, never by recomputing every record.
            e.Property(a => a.SubmissionFingerprint).HasMaxLength(64).IsFixedLength();
            e.HasIndex(a => a.SubmissionFingerprint);
            e.OwnsOne(a => a.PaperCopy, p =>
            {
                p.Property(c => c.Level).HasConversion<string>().HasMaxLength(16);
                p.Property(c => c.OfficeCode).HasMaxLength(6);
                p.Property(c => c.Reason).HasMaxLength(PaperCopy.MaxReasonLength);
                p.Property(c => c.RecordedBy).HasMaxLength(128);
            });
        });
        model.Entity<ApplicationEvent>(e =>
        {
            e.ToTable("ApplicationTimeline");
            e.HasKey(t => t.Id);
            e.Property(t => t.What).HasMaxLength(64);
            e.Property(t => t.ByName).HasMaxLength(128);
            e.Property(t => t.ByRole).HasMaxLength(32);
            e.Property(t => t.ByOffice).HasMaxLength(16);
        });
        model.Entity<KnownCall>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Ignore(c => c.Document);
        });
        model.Entity<KnownCallVersion>(e =>
        {
            e.HasKey(v => new { v.CallId, v.Version });
            e.Property(v => v.CallId).HasMaxLength(64);
            e.Ignore(v => v.Document);
        });
        model.Entity<ApplicationMaterial>(e =>
        {
            e.HasKey(m => m.Id);
            e.Property(m => m.MaterialId).HasMaxLength(64);
            e.Property(m => m.FileName).HasMaxLength(255);
            e.Property(m => m.ContentType).HasMaxLength(128);
            e.Property(m => m.Sha256).HasMaxLength(64).IsFixedLength();
            e.Property(m => m.UploadedBy).HasMaxLength(128);
            e.HasOne<Application>().WithMany().HasForeignKey(m => m.ApplicationId);
            e.HasIndex(m => new { m.ApplicationId, m.MaterialId });
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteIntakeDbContext(DbContextOptions<SqliteIntakeDbContext> options) : IntakeDbContext(options);
public sealed class SqlServerIntakeDbContext(DbContextOptions<SqlServerIntakeDbContext> options) : IntakeDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteIntakeDbContext>
{
    public SqliteIntakeDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteIntakeDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerIntakeDbContext>
{
    public SqlServerIntakeDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerIntakeDbContext>());
}
