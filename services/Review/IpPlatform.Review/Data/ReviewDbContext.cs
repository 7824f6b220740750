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
    public DbSet<CollectiveDecision> Decisions => Set<CollectiveDecision>();

    /// <summary>Credit codes of every organisation applying on a call and track (for the draw's conflict rule).</summary>
    public async Task<IReadOnlySet<string>> OrganisationsOnTrackAsync(string callId, string trackId, CancellationToken ct) =>
        (await Applicants.Where(a => a.CallId == callId && a.TrackId == trackId && a.CreditCode != "").Select(a => a.CreditCode).ToListAsync(ct))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The approvals standing on a call and track: finally approved (and not cancelled), or approved in a collective
    /// decision still under publicity (and not withdrawn on an objection).
    /// </summary>
    public async Task<List<Commitment>> StandingApprovalsAsync(string callId, string trackId, CancellationToken ct)
    {
        var final = await (
            from review in Reviews
            where review.CallId == callId && review.TrackId == trackId && review.Status == ReviewStatus.Decided && review.Decision == ProvincialDecision.Approved
            join applicant in Applicants on review.ApplicationId equals applicant.ApplicationId
            select new { review.ApplicationId, review.ApprovedAmountCny, applicant.Name, applicant.CreditCode, applicant.Kind, applicant.RegionCode })
            .ToListAsync(ct);
        var pending = await (
            from decision in Decisions
            where decision.CallId == callId && decision.TrackId == trackId && decision.Status == CollectiveDecisionStatus.InPublicity
            from item in decision.Items
            where item.Outcome == ProvincialDecision.Approved
            join applicant in Applicants on item.ApplicationId equals applicant.ApplicationId
            select new { item.ApplicationId, ApprovedAmountCny = item.AmountCny, applicant.Name, applicant.CreditCode, applicant.Kind, applicant.RegionCode })
            .ToListAsync(ct);
        return [.. final.Concat(pending).Select(a => new Commitment(a.ApplicationId, new ApplicantSummary(a.Name, a.CreditCode, a.Kind, a.RegionCode), a.ApprovedAmountCny ?? 0))];
    }

    /// <summary>What a decision needs of each of <paramref name="ids"/> that is in review (tracked, with scores and seats).</summary>
    public async Task<Dictionary<Guid, DecisionCandidate>> CandidatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var reviews = await Reviews.Include(r => r.Scores).Include(r => r.Seats).Where(r => ids.Contains(r.ApplicationId)).ToListAsync(ct);
        var applicants = await Applicants.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).ToDictionaryAsync(a => a.ApplicationId, ct);
        return reviews.ToDictionary(r => r.ApplicationId, r => applicants.GetValueOrDefault(r.ApplicationId) is { } a
            ? new DecisionCandidate(r, a.Summary, a.RequestedCny, a.CallVersion)
            : new DecisionCandidate(r, null, null, null));
    }

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
            e.HasIndex(r => r.DecisionId);
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
            e.Property(a => a.ProjectName).HasMaxLength(200);
            e.Property(a => a.RequestedCny).HasPrecision(18, 2);
        });
        model.Entity<TrackDivision>(e =>
        {
            e.HasKey(t => new { t.CallId, t.TrackId });
            e.Property(t => t.CallId).HasMaxLength(64);
            e.Property(t => t.TrackId).HasMaxLength(64);
            e.Property(t => t.Division).HasMaxLength(100);
            e.Property(t => t.Rules).HasConversion(Json<ReviewRules>(), JsonComparer<ReviewRules>());
            // Serialises the collective decisions of a track (see TrackDivision.LedgerVersion).
            e.Property(t => t.LedgerVersion).IsConcurrencyToken();
        });
        model.Entity<CollectiveDecision>(e =>
        {
            e.ToTable("CollectiveDecisions");
            e.HasKey(d => d.Id);
            e.Property(d => d.CallId).HasMaxLength(64);
            e.Property(d => d.TrackId).HasMaxLength(64);
            e.Property(d => d.RecordedBy).HasMaxLength(128);
            e.Property(d => d.FinalisedBy).HasMaxLength(128);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.Participants).HasConversion(Json<List<string>>(), JsonComparer<List<string>>()).HasMaxLength(4000);
            e.HasMany(d => d.Items).WithOne().HasForeignKey(i => i.DecisionId);
            e.HasMany(d => d.Objections).WithOne().HasForeignKey(o => o.DecisionId);
            e.Ignore(d => d.PublicityEndsAt);
            e.Ignore(d => d.Approvals);
            e.HasIndex(d => new { d.CallId, d.TrackId, d.Status });
        });
        model.Entity<DecisionItem>(e =>
        {
            e.ToTable("DecisionItems");
            e.HasKey(i => i.Id);
            e.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.AmountCny).HasPrecision(18, 2);
            e.Property(i => i.Reason).HasMaxLength(1000);
            e.HasIndex(i => new { i.DecisionId, i.ApplicationId }).IsUnique();
            e.HasIndex(i => i.ApplicationId);
        });
        model.Entity<Objection>(e =>
        {
            e.ToTable("DecisionObjections");
            e.HasKey(o => o.Id);
            // The objection makes its own id; added through the decision's collection it is new, not an update.
            e.Property(o => o.Id).ValueGeneratedNever();
            e.Property(o => o.Objector).HasMaxLength(200);
            e.Property(o => o.Grounds).HasMaxLength(2000);
            e.Property(o => o.RecordedBy).HasMaxLength(128);
            e.Property(o => o.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.Resolution).HasMaxLength(1000);
            e.Property(o => o.ResolvedBy).HasMaxLength(128);
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
