using IpPlatform.Review.Data;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Testing;

namespace IpPlatform.Review.Tests;

/// <summary>Both providers' migrations create the current model (SQL Server's are checked without a server).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_describe_the_current_model()
    {
        using var db = new SqliteReviewDbContext(DesignTime.Sqlite<SqliteReviewDbContext>());
        Assert.Empty(MigrationChecks.Problems(db));
    }

    [Fact]
    public void SqlServer_migrations_describe_the_current_model()
    {
        using var db = new SqlServerReviewDbContext(DesignTime.SqlServer<SqlServerReviewDbContext>());
        Assert.Empty(MigrationChecks.Problems(db));
    }
}
