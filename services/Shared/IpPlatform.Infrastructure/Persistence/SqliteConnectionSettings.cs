using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpPlatform.Infrastructure.Persistence;

/// <summary>
/// Settings every SQLite connection of a service gets when it opens. SQLite lets one writer at a time; without a busy
/// timeout a second writer (a request beside the outbox dispatcher or a consumer) gets SQLITE_BUSY at once, and
/// Microsoft.Data.Sqlite then retries after a fixed 150 ms sleep that blocks a pool thread — the tail of the
/// submit → assessed latency and, with several such sleeps at once, a starved thread pool. SQLite's own busy handler
/// waits in steps of 1–100 ms and takes the lock as soon as the other writer commits.
/// </summary>
sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>A writer waits up to 10 s for the lock inside SQLite before the provider's own retry takes over.</summary>
    const string Pragmas = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    // Microsoft.Data.Sqlite runs a command synchronously whichever method is called: one path serves both.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
