using Microsoft.Data.Sqlite;

namespace IpPlatform.Testing;

/// <summary>
/// What someone with access to a service's database file could do behind the service's back: rewrite one audit
/// entry. The audit chain's verification must then name that entry.
/// </summary>
public static class AuditTampering
{
    /// <summary>Runs <c>UPDATE AuditLog SET <paramref name="assignment"/> WHERE Sequence = <paramref name="sequence"/></c> and fails unless it changed one row.</summary>
    /// <param name="connectionString">The service's SQLite connection string.</param>
    /// <param name="assignment">The SET clause, e.g. <c>ActorName = 'someone else'</c> (test-owned text, not user input).</param>
    /// <param name="sequence">The entry to rewrite.</param>
    public static async Task RewriteEntryAsync(string connectionString, string assignment, long sequence = 2)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE AuditLog SET {assignment} WHERE Sequence = $sequence";
        update.Parameters.AddWithValue("$sequence", sequence);
        var changed = await update.ExecuteNonQueryAsync();
        if (changed != 1) throw new InvalidOperationException($"Expected to rewrite audit entry {sequence}; {changed} rows changed.");
    }
}
