using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Testing;

/// <summary>SQLite's plan for a query as EF sends it: shows whether an index answers it or the table is read whole.</summary>
public static class QueryPlans
{
    /// <summary>The plan's lines (e.g. "SEARCH Notifications USING INDEX …"), the query's parameters bound to dummies.</summary>
    public static string Explain<T>(DbContext db, IQueryable<T> query)
    {
        // ToQueryString puts the parameters' values first, as ".param set" lines: keep the statement only.
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith('.') && !line.StartsWith("--", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct())
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = "x"; // a plan is made, not run: any value will do
                command.Parameters.Add(parameter);
            }
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read()) lines.Add(reader.GetString(3));
            return string.Join('\n', lines);
        }
        finally { db.Database.CloseConnection(); }
    }
}
