using System.Text.Json;
using System.Text.Json.Serialization;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpPlatform.Review.Data;

public class ReviewDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReviewCase> Reviews => Set<ReviewCase>();
    public DbSet<KnownApplicant> Applicants => Set<KnownApplicant>();
    public DbSet<TrackDivision> TrackDivisions => Set<TrackDivision>();
    public DbSet<ExpertProfile> Experts => Set<ExpertProfile>();

    /// <summary>Credit codes of every organisation applying on a call and track (for the draw's conflict rule).</summary>
    public async Task<IReadOnlySet<string>> OrganisationsOnTrackAsync(string callId, string trackId, CancellationToken ct) =>
        (await Applicants.Where(a => a.CallId == callId && a.TrackId == trackId && a.CreditCode != "").Select(a => a.CreditCode).ToListAsync(ct))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Who is already approved on a call and track, other than <paramref name="exceptApplicationId"/>.</summary>
    public Task<List<ApplicantSummary>> ApprovedApplicantsAsync(string callId, string trackId, Guid exceptApplicationId, CancellationToken ct) =>
        (from review in Reviews
         where review.CallId == callId && review.TrackId == trackId && review.Status == ReviewStatus.Decided && review.Decision == ProvincialDecision.Approved
               && review.ApplicationId != exceptApplicationId
         join applicant in Applicants on review.ApplicationId equals applicant.ApplicationId
         select new ApplicantSummary(applicant.Name, applicant.CreditCode, applicant.Kind, applicant.RegionCode))
        .ToListAsync(ct);

    /// <summary>The review rules of a case's track; the defaults while the call is unknown here.</summary>
    public async Task<ReviewRules> RulesOfAsync(ReviewCase review, CancellationToken ct) =>
        (await TrackDivisions.AsNoTracking().FirstOrDefaultAsync(t => t.CallId == review.CallId && t.TrackId == review.TrackId, ct))?.Rules ?? new ReviewRules();

    /// <summary>The review rules of each case's track, looked up once for a list.</summary>
    public async Task<Func<ReviewCase, ReviewRules>> RulesAsync(IEnumerable<ReviewCase> reviews, CancellationToken ct)
    {
        var calls = reviews.Select(r => r.CallId).Distinct().ToList();
        var tracks = await TrackDivisions.AsNoTracking().Where(t => calls.Contains(t.CallId)).ToListAsync(ct);
        var fallback = new ReviewRules();
        return r => tracks.FirstOrDefault(t => t.CallId == r.CallId && t.TrackId == r.TrackId)?.Rules ?? fallback;
    }

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
            e.Property(r => r.CancelledBy).HasMaxLength(128);
            e.Property(r => r.CancellationReason).HasMaxLength(1000);
            e.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ApplicationId);
            e.HasMany(r => r.Seats).WithOne().HasForeignKey(s => s.ApplicationId);
            e.Ignore(r => r.ActiveSeats);
            e.Ignore(r => r.AlreadyDrawn);
            e.HasIndex(r => new { r.CallId, r.TrackId, r.Decision });
        });
        model.Entity<ExpertScore>(e =>
        {
            e.ToTable("ExpertScores");
            e.HasKey(s => s.Id);
            e.Property(s => s.Expert).HasMaxLength(100);
            e.Property(s => s.Score).HasPrecision(9, 2);
            e.Property(s => s.BonusPoints).HasPrecision(9, 2);
            e.Property(s => s.Points).HasConversion(Json<Dictionary<string, decimal>>(), JsonComparer<Dictionary<string, decimal>>()).HasMaxLength(2000);
            // One score per expert, also against two concurrent requests.
            e.HasIndex(s => new { s.ApplicationId, s.Expert }).IsUnique();
        });
        model.Entity<PanelSeat>(e =>
        {
            e.ToTable("PanelSeats");
            e.HasKey(s => s.Id);
            e.Property(s => s.Expert).HasMaxLength(100);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.DeclineReason).HasMaxLength(500);
            // Nobody is drawn twice for one application, also against two concurrent draws.
            e.HasIndex(s => new { s.ApplicationId, s.Expert }).IsUnique();
        });
        model.Entity<ExpertProfile>(e =>
        {
            e.ToTable("Experts");
            e.HasKey(x => x.AccountName);
            e.Property(x => x.AccountName).HasMaxLength(100);
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.Property(x => x.EmployerName).HasMaxLength(200);
            e.Property(x => x.EmployerCreditCode).HasMaxLength(18);
            e.Property(x => x.CityCode).HasMaxLength(6);
        });
        model.Entity<KnownApplicant>(e =>
        {
            e.HasKey(a => a.ApplicationId);
            e.Property(a => a.CallId).HasMaxLength(64);
            e.Property(a => a.TrackId).HasMaxLength(64);
            e.HasIndex(a => new { a.CallId, a.TrackId });
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
            e.Property(t => t.Rules).HasConversion(Json<ReviewRules>(), JsonComparer<ReviewRules>());
        });
        model.AddOutboxAndInbox();
        model.AddAuditLog();
    }

    // Small documents kept as JSON text: compared by their JSON, so a change inside is saved.
    static ValueConverter<T, string> Json<T>() => new(v => JsonSerializer.Serialize(v, JsonOptions), s => JsonSerializer.Deserialize<T>(s, JsonOptions)!);

    static ValueComparer<T> JsonComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
        v => JsonSerializer.Serialize(v, JsonOptions).GetHashCode(),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonOptions), JsonOptions)!);

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
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
