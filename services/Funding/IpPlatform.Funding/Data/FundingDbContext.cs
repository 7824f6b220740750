using IpPlatform.Contracts.Events;
using IpPlatform.Funding.Agreements;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Funding.Data;

public class FundingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<FundingAgreement> Agreements => Set<FundingAgreement>();
    public DbSet<TrackPlan> Plans => Set<TrackPlan>();

    /// <summary>
    /// The tranche plan of a decided application: that of the call version it was submitted under, the latest when the
    /// decision names none. Null while the plan is not known yet (its CallPublished still queued).
    /// </summary>
    public async Task<TrackPlan?> PlanOfAsync(ApplicationDecided decided, CancellationToken ct)
    {
        var plans = Plans.Where(p => p.CallId == decided.CallId && p.TrackId == decided.TrackId);
        if (decided.CallVersion is { } version)
        {
            if (await plans.FirstOrDefaultAsync(p => p.CallVersion == version, ct) is { } exact) return exact;
            // Plans kept before funding kept every version hold only the latest: a newer one stands in for an older version.
            return await plans.Where(p => p.CallVersion > version).OrderByDescending(p => p.CallVersion).FirstOrDefaultAsync(ct);
        }
        return await plans.OrderByDescending(p => p.CallVersion).FirstOrDefaultAsync(ct);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<FundingAgreement>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.ApplicationId).IsUnique(); // one agreement per approved application
            e.Property(a => a.CallId).HasMaxLength(64);
            e.Property(a => a.TrackId).HasMaxLength(64);
            e.Property(a => a.UnitName).HasMaxLength(200);
            e.Property(a => a.CreditCode).HasMaxLength(18);
            e.Property(a => a.UnitKind).HasMaxLength(32);
            e.Property(a => a.RegionCode).HasMaxLength(6);
            e.Property(a => a.TimeZone).HasMaxLength(64);
            e.Property(a => a.TotalCny).HasPrecision(18, 2);
            e.HasMany(a => a.Tranches).WithOne().HasForeignKey(t => t.AgreementId);
            e.Ignore(a => a.OrderedTranches);
            e.Ignore(a => a.DisbursedCny);
        });
        model.Entity<Tranche>(e =>
        {
            e.HasKey(t => t.Id);
            e.Property(t => t.Name).HasMaxLength(64);
            e.Property(t => t.AmountCny).HasPrecision(18, 2);
            e.Property(t => t.Trigger).HasConversion<string>().HasMaxLength(16);
            // A concurrency token: of two finance clerks paying the same tranche at once, the second save fails.
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            e.Property(t => t.VoucherNo).HasMaxLength(64);
            e.Property(t => t.DisbursedBy).HasMaxLength(128);
            e.Property(t => t.CancellationReason).HasMaxLength(1000);
            e.HasIndex(t => t.Status);
        });
        model.Entity<TrackPlan>(e =>
        {
            // One plan per call version: an application keeps the plan of the version it was submitted under.
            e.HasKey(p => new { p.CallId, p.TrackId, p.CallVersion });
            e.Property(p => p.CallId).HasMaxLength(64);
            e.Property(p => p.TrackId).HasMaxLength(64);
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.Ignore(p => p.Items);
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteFundingDbContext(DbContextOptions<SqliteFundingDbContext> options) : FundingDbContext(options);
public sealed class SqlServerFundingDbContext(DbContextOptions<SqlServerFundingDbContext> options) : FundingDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteFundingDbContext>
{
    public SqliteFundingDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteFundingDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerFundingDbContext>
{
    public SqlServerFundingDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerFundingDbContext>());
}
