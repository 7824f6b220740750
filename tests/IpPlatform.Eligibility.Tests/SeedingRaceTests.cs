using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Testing;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// Two replicas starting together on one fresh database both seed the shipped calls; the slower one's insert fails on
/// the key. The migrator seeds again (seeders are idempotent) instead of stopping the process, which left the
/// replicated service never healthy.
/// </summary>
public sealed class SeedingRaceTests : IDisposable
{
    readonly string file = Path.Combine(Path.GetTempPath(), $"ipplatform-seed-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_seeder_that_lost_a_race_for_a_row_runs_again_and_the_start_goes_on()
    {
        var seeder = new LosesTheFirstRace(failures: 1);

        await Migrator(seeder).StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, seeder.Calls);
    }

    [Fact]
    public async Task A_seeder_that_keeps_failing_still_stops_the_start()
    {
        var seeder = new LosesTheFirstRace(failures: int.MaxValue);

        await Assert.ThrowsAsync<DbUpdateException>(() => Migrator(seeder).StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, seeder.Calls);
    }

    [Fact]
    public async Task Two_replicas_starting_together_on_a_fresh_database_both_start_and_each_shipped_call_is_stored_and_published_once()
    {
        using var first = new ServiceFactory<Program>("eligibility-db", file);
        using var second = new ServiceFactory<Program>("eligibility-db", file);

        // CreateClient starts the host: migrations and seeders run before it returns (or throws).
        await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));

        var shipped = ShippedCalls.All().Select(c => c.Id).Order().ToList();
        Assert.Equal(shipped, first.Query<EligibilityDbContext, List<string>>(db => [.. db.Calls.Select(c => c.Id).Order()]));
        Assert.Equal(shipped.Count, first.Query<EligibilityDbContext, int>(db =>
            db.Set<IpPlatform.Infrastructure.Messaging.OutboxMessage>().Count(m => m.MessageType.Contains("CallPublished"))));
    }

    DatabaseMigrator<EligibilityDbContext> Migrator(IDatabaseSeeder<EligibilityDbContext> seeder)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<EligibilityDbContext, SqliteEligibilityDbContext>(o => o.UseSqlite($"Data Source={file}"))
            .AddScoped(_ => seeder)
            .BuildServiceProvider();
        return new DatabaseMigrator<EligibilityDbContext>(services, services.GetRequiredService<ILogger<DatabaseMigrator<EligibilityDbContext>>>());
    }

    sealed class LosesTheFirstRace(int failures) : IDatabaseSeeder<EligibilityDbContext>
    {
        public int Calls { get; private set; }

        public Task SeedAsync(EligibilityDbContext db, CancellationToken cancellationToken) =>
            ++Calls <= failures
                ? throw new DbUpdateException("UNIQUE constraint failed: Calls.Id (the other replica inserted it first)")
                : Task.CompletedTask;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            try { File.Delete(path); } catch (IOException) { }
    }
}
