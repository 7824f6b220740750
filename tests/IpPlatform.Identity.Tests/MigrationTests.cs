using IpPlatform.Identity.Data;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Testing;

namespace IpPlatform.Identity.Tests;

/// <summary>Both providers' migrations create the current model (SQL Server's are checked without a server).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_describe_the_current_model()
    {
        using var db = new SqliteIdentityDbContext(DesignTime.Sqlite<SqliteIdentityDbContext>());
        Assert.Empty(MigrationChecks.Problems(db));
    }

    [Fact]
    public void SqlServer_migrations_describe_the_current_model()
    {
        using var db = new SqlServerIdentityDbContext(DesignTime.SqlServer<SqlServerIdentityDbContext>());
        Assert.Empty(MigrationChecks.Problems(db));
    }
}
