using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Identity.Accounts;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IpPlatform.Identity.Data;

/// <summary>
/// Accounts (ASP.NET Core Identity's user tables; roles are a property of the account, so no role tables)
/// and OpenIddict's applications, authorizations, scopes and tokens.
/// </summary>
public class IdentityDbContext(DbContextOptions options) : IdentityUserContext<Account>(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.UseOpenIddict();
        model.AddAuditLog();
        model.AddOutboxAndInbox();
        model.Entity<Account>(e =>
        {
            e.Property(a => a.DisplayName).HasMaxLength(200);
            e.Property(a => a.Role).HasMaxLength(32);
            e.Property(a => a.OfficeCode).HasMaxLength(6);
            e.Property(a => a.CreditCode).HasMaxLength(18);
            e.Property(a => a.ApplicantKind).HasConversion<string>().HasMaxLength(32);
            e.Property(a => a.RegionCode).HasMaxLength(6);
            e.Property(a => a.ContactName).HasMaxLength(100);
            e.Property(a => a.ContactMobile).HasMaxLength(11);
            e.Property(a => a.ContactEmail).HasMaxLength(200);
            // Stored without a kind; read back as UTC so that JSON writes the instant with its Z.
            e.Property(a => a.CreatedAtUtc).HasConversion(UtcDateTime);
            e.Property(a => a.UpdatedAtUtc).HasConversion(UtcDateTime);
            e.HasIndex(a => a.Role);
        });
    }

    static readonly ValueConverter<DateTime, DateTime> UtcDateTime =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

// One subclass per provider so that each keeps its own migrations (Migrations/Sqlite, Migrations/SqlServer).
public sealed class SqliteIdentityDbContext(DbContextOptions<SqliteIdentityDbContext> options) : IdentityDbContext(options);
public sealed class SqlServerIdentityDbContext(DbContextOptions<SqlServerIdentityDbContext> options) : IdentityDbContext(options);

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteIdentityDbContext>
{
    public SqliteIdentityDbContext CreateDbContext(string[] args) => new(DesignTime.Sqlite<SqliteIdentityDbContext>());
}

sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerIdentityDbContext>
{
    public SqlServerIdentityDbContext CreateDbContext(string[] args) => new(DesignTime.SqlServer<SqlServerIdentityDbContext>());
}
