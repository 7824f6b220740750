using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Review.Data;

public class ReviewDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReviewCase> Reviews => Set<ReviewCase>();
    public DbSet<KnownApplicant> Applicants => Set<KnownApplicant>();
    public DbSet<TrackDivision> TrackDivisions => Set<TrackDivision>();

    /// <summary>Who is already approved on a call and track, other than <paramref name="exceptApplicationId"/>.</summary>
    public Task<List<ApplicantSummary>> ApprovedApplicantsAsync(string callId, string trackId, Guid exceptApplicationId, CancellationToken ct) =>
        (from review in Reviews
         where review.CallId == callId && review.TrackId == trackId && review.Decision == ProvincialDecision.Approved
               && review.ApplicationId != exceptApplicationId
         join applicant in Applicants on review.ApplicationId equals applicant.ApplicationId
         select new ApplicantSummary(applicant.Name, applicant.CreditCode, applicant.Kind, applicant.RegionCode))
        .ToListAsync(ct);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ReviewCase>(e =>
        {
            e.HasKey(r => r.ApplicationId);
            e.Property(r => r.CallId).HasMaxLength(64);
            e.Property(r => r.TrackId).HasMaxLength(64);
            e.Property(r => r.CityOfficeRegionCode).HasMaxLength(6);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.ApprovedAmountCny).HasPrecision(18, 2);
            e.Property(r => r.DecidedBy).HasMaxLength(128);
            e.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ApplicationId);
            e.HasIndex(r => new { r.CallId, r.TrackId, r.Decision });
        });
        model.Entity<ExpertScore>(e =>
        {
            e.ToTable("ExpertScores");
            e.HasKey(s => s.Id);
            e.Property(s => s.Expert).HasMaxLength(100);
            e.Property(s => s.Score).HasPrecision(5, 2);
            // One score per expert, also against two concurrent requests.
            e.HasIndex(s => new { s.ApplicationId, s.Expert }).IsUnique();
        });
        model.Entity<KnownApplicant>(e =>
        {
            e.HasKey(a => a.ApplicationId);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.CreditCode).HasMaxLength(18);
            e.Property(a => a.Kind).HasMaxLength(32);
            e.Property(a => a.RegionCode).HasMaxLength(6);
        });
        model.Entity<TrackDivision>(e =>
        {
            e.HasKey(t => new { t.CallId, t.TrackId });
            e.Property(t => t.CallId).HasMaxLength(64);
            e.Property(t => t.TrackId).HasMaxLength(64);
            e.Property(t => t.Division).HasMaxLength(100);
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteReviewDbContext(DbContextOptions<SqliteReviewDbContext> options) : ReviewDbContext(options);
public sealed class SqlServerReviewDbContext(DbContextOptions<SqlServerReviewDbContext> options) : ReviewDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteReviewDbContext>
{
    public SqliteReviewDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteReviewDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerReviewDbContext>
{
    public SqlServerReviewDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerReviewDbContext>());
}
