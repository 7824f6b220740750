using IpPlatform.Delivery.Data;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Testing;

namespace IpPlatform.Delivery.Tests;

/// <summary>Both providers' migrations create the current model (SQL Server's are checked without a server).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_describe_the_current_model()
    {
        using var db = new SqliteDeliveryDbContext(DesignTime.Sqlite<SqliteDeliveryDbContext>());
        Assert.Empty(MigrationChecks.Problems(db));
    }

    [Fact]
    public void SqlServer_migrations_describe_the_current_model()
    {
        using var db = new SqlServerDeliveryDbContext(DesignTime.SqlServer<SqlServerDeliveryDbContext>());
        Assert.Empty(MigrationChecks.Problems(db));
    }
}
