using IpPlatform.Eligibility.Data;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// Every SQLite connection of a service waits for the write lock inside SQLite (busy timeout) instead of failing at
/// once into the provider's fixed 150 ms sleep, which blocked a pool thread per waiting writer.
/// </summary>
public sealed class SqliteConnectionTests : IDisposable
{
    readonly string file = Path.Combine(Path.GetTempPath(), $"ipplatform-busy-{Guid.NewGuid():N}.db");

    [Fact]
    public void A_service_connection_waits_for_the_write_lock_inside_sqlite()
    {
        using var service = new ServiceFactory<Program>("eligibility-db", file);
        service.CreateClient();

        var timeout = service.Query<EligibilityDbContext, long>(db =>
        {
            var connection = db.Database.GetDbConnection();
            db.Database.OpenConnection(); // through EF, so the interceptor runs as it does for every query
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout;";
                return (long)command.ExecuteScalar()!;
            }
            finally { db.Database.CloseConnection(); }
        });

        Assert.Equal(10_000, timeout);
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", ".dispatcher" })
            try { File.Delete(file + suffix); } catch (IOException) { }
    }
}
