using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Infrastructure.Persistence;

/// <summary>
/// Something a service wants in its database before it serves requests (e.g. shipped calls).
/// Runs after migrations, in its own scope; must be idempotent.
/// </summary>
public interface IDatabaseSeeder<TContext> where TContext : DbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Applies pending migrations at start-up, before the web server accepts requests (hosted services start
/// first), then runs the service's seeders. A failure stops the process: serving on a stale schema would
/// lose writes.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = IpPlatformTelemetry.ActivitySource.StartActivity($"migrate {typeof(TContext).Name}");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            logger.LogInformation("Applying {Count} migration(s) to {Context}: {Migrations}", pending.Count, typeof(TContext).Name, pending);
        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
            // Readers must not block the outbox dispatcher's writer and vice versa.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
            await SeedAsync(seeder, db, cancellationToken);
    }

    /// <summary>
    /// Replicas of a service start together on one fresh database: both see a shipped row missing, both insert it, and
    /// the slower one's commit fails on the key. Seeders are idempotent, so it seeds again and now finds the row.
    /// </summary>
    async Task SeedAsync(IDatabaseSeeder<TContext> seeder, TContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await seeder.SeedAsync(db, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                logger.LogInformation(ex, "Seeder {Seeder} lost a race for a row (another replica seeding?); seeding again", seeder.GetType().Name);
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
