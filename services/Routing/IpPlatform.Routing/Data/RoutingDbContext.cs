using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Routing.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IpPlatform.Routing.Data;

public class RoutingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<KnownCall> Calls => Set<KnownCall>();
    public DbSet<KnownCallVersion> CallVersions => Set<KnownCallVersion>();
    public DbSet<CityFigures> CityFigures => Set<CityFigures>();
    public DbSet<CitySummaryTable> SummaryTables => Set<CitySummaryTable>();

    /// <summary>
    /// The call document of <paramref name="callVersion"/> when routing has it, else of the call's latest version;
    /// null when routing knows neither (or only rows kept before documents were stored).
    /// </summary>
    public async Task<CallDocument?> CallDocumentAsync(string callId, int? callVersion, CancellationToken ct)
    {
        // Each version's text (some 43 KB) is read once per process: see StoredCalls.VersionAsync.
        var store = Database.GetConnectionString() ?? "";
        if (callVersion is { } v && await StoredCalls.VersionAsync(store, callId, v, ct => CallVersions.AsNoTracking()
                .Where(c => c.CallId == callId && c.Version == v).Select(c => c.CallText).FirstOrDefaultAsync(ct), ct) is { } versioned)
            return versioned;
        var current = await Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => (int?)c.Version).FirstOrDefaultAsync(ct);
        return current is not { } latest ? null : await StoredCalls.VersionAsync(store, callId, latest, ct => Calls.AsNoTracking()
            .Where(c => c.Id == callId && c.Version == latest).Select(c => c.CallText).FirstOrDefaultAsync(ct), ct);
    }

    /// <summary>A city's use of its quota on one call and track: what it has forwarded, against the track's rule.</summary>
    /// <remarks>
    /// The limit is the rule of <paramref name="callVersion"/> (the version the case was submitted under) when routing
    /// has it, else of the call's latest version.
    /// </remarks>
    public async Task<QuotaUsage> QuotaUsageAsync(string callId, string trackId, string cityCode, CancellationToken ct, int? callVersion = null)
    {
        // Only the quota rules: the row also holds the call's whole text (some 43 KB), not needed here.
        var quotasText = callVersion is { } v
            ? await CallVersions.AsNoTracking().Where(c => c.CallId == callId && c.Version == v).Select(c => c.QuotasText).FirstOrDefaultAsync(ct)
            : null;
        quotasText ??= await Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => c.QuotasText).FirstOrDefaultAsync(ct);
        var quotas = quotasText is null ? null : KnownCall.QuotasFrom(quotasText);
        var figures = await CityFigures.FindAsync([callId, cityCode], ct);
        var used = await Recommendations.Where(Recommendation.RecommendedByCity(callId, cityCode)).CountAsync(r => r.TrackId == trackId, ct);
        var delivered = await SummaryTables.AnyAsync(t => t.CallId == callId && t.CityCode == cityCode && t.TrackId == trackId && t.DeliveredAtUtc != null, ct);
        return new QuotaUsage(used, QuotaLimit.Of(quotas?.GetValueOrDefault(trackId), figures)) { TableDelivered = delivered };
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<KnownCallVersion>(e =>
        {
            e.HasKey(v => new { v.CallId, v.Version });
            e.Property(v => v.CallId).HasMaxLength(64);
            e.Ignore(v => v.Quotas);
            e.Ignore(v => v.Call);
        });
        model.Entity<Recommendation>(e =>
        {
            // The index that makes the quota hold under concurrent city recommendations; the filter keeps
            // cases without a slot out of it on SQL Server (SQLite already treats NULLs as distinct).
            e.HasIndex(r => new { r.CallId, r.TrackId, r.CityCode, r.CityQuotaSlot }).IsUnique().HasFilter("[CityQuotaSlot] IS NOT NULL");
            e.Property(r => r.Status).IsConcurrencyToken();
            e.HasKey(r => r.ApplicationId);
            e.Property(r => r.CallId).HasMaxLength(64);
            e.Property(r => r.TrackId).HasMaxLength(64);
            e.Property(r => r.ApplicantName).HasMaxLength(200);
            e.Property(r => r.CreditCode).HasMaxLength(18);
            e.Property(r => r.ApplicantKind).HasMaxLength(32);
            e.Property(r => r.RegionCode).HasMaxLength(6);
            e.Property(r => r.CityCode).HasMaxLength(6);
            e.Property(r => r.CurrentLevel).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(r => r.Eligibility).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.CityOpinionBy).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.ProjectName).HasMaxLength(300);
            e.Property(r => r.ProvincialFundsCny).HasPrecision(18, 2);
            e.HasMany(r => r.History).WithOne().HasForeignKey(s => s.ApplicationId);
            e.HasIndex(r => new { r.CallId, r.CityCode, r.TrackId, r.Status });
        });
        model.Entity<RoutingStep>(e =>
        {
            e.ToTable("RoutingHistory");
            e.HasKey(s => s.Id);
            e.Property(s => s.What).HasMaxLength(64);
            e.Property(s => s.Office).HasMaxLength(32);
            e.Property(s => s.ByName).HasMaxLength(128);
            e.Property(s => s.ByRole).HasMaxLength(32);
            e.Property(s => s.ByOffice).HasMaxLength(16);
        });
        model.Entity<KnownCall>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
            e.Ignore(c => c.Quotas);
            e.Ignore(c => c.Call);
        });
        model.Entity<CitySummaryTable>(e =>
        {
            e.HasKey(t => new { t.CallId, t.CityCode, t.TrackId });
            e.Property(t => t.CallId).HasMaxLength(64);
            e.Property(t => t.CityCode).HasMaxLength(6);
            e.Property(t => t.TrackId).HasMaxLength(64);
            e.Property(t => t.DeliveredByName).HasMaxLength(128);
            e.Property(t => t.DeliveredByRole).HasMaxLength(32);
            e.Property(t => t.Fingerprint).HasMaxLength(64);
            // Two offices' concurrent changes (order, delivery): the second one's save fails instead of overwriting.
            e.Property(t => t.DeliveredAtUtc).IsConcurrencyToken();
            e.Property(t => t.OrderedAtUtc).IsConcurrencyToken();
            e.Ignore(t => t.Order);
            e.Ignore(t => t.DeliveredRows);
        });
        model.Entity<CityFigures>(e =>
        {
            e.HasKey(f => new { f.CallId, f.CityCode });
            e.Property(f => f.CallId).HasMaxLength(64);
            e.Property(f => f.CityCode).HasMaxLength(6);
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteRoutingDbContext(DbContextOptions<SqliteRoutingDbContext> options) : RoutingDbContext(options);
public sealed class SqlServerRoutingDbContext(DbContextOptions<SqlServerRoutingDbContext> options) : RoutingDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteRoutingDbContext>
{
    public SqliteRoutingDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteRoutingDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerRoutingDbContext>
{
    public SqlServerRoutingDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerRoutingDbContext>());
}
