using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpPlatform.Testing;

/// <summary>
/// Whether a context's migrations describe its current model, for either provider, without a database:
/// SQL Server cannot run here, so this is what keeps its migrations from silently falling behind.
/// </summary>
public static class MigrationChecks
{
    public static IReadOnlyList<string> Problems(DbContext db)
    {
        var name = db.GetType().Name;
        var problems = new List<string>();
        if (!db.Database.GetMigrations().Any())
            problems.Add($"{name} has no migrations");
        if (db.Database.HasPendingModelChanges())
            problems.Add($"{name}'s model changed after its last migration: add one for each provider (README, Databases)");

        // The script a fresh database would run must create every table of the model.
        var script = db.GetService<IMigrator>().GenerateScript();
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
            if (!script.Contains($"CREATE TABLE {table}"))
                problems.Add($"{name}'s migrations never create {table}");
        }
        return problems;
    }
}
