using System.Data.Common;
using Microsoft.Data.Sqlite;
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
    const int BusyTimeoutMs = 10_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    // Microsoft.Data.Sqlite runs a command synchronously whichever method is called: one path serves both.
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // EF opens a connection for every query outside a transaction: set on the native handle, not with a PRAGMA
    // statement, which SQLite would parse and run each time (a precheck asks three questions, so three more commands).
    static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            var rc = SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMs);
            if (rc != SQLitePCL.raw.SQLITE_OK) throw new InvalidOperationException($"sqlite3_busy_timeout failed ({rc}).");
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
        command.ExecuteNonQuery();
    }
}
