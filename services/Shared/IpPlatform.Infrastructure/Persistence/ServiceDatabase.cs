using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IpPlatform.Infrastructure.Persistence;

/// <summary>The database engines a service can run on. Each has its own migrations.</summary>
public enum DatabaseProvider { Sqlite, SqlServer }

public static class ServiceDatabase
{
    /// <summary>Configuration key choosing the provider; SQLite when absent.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// Registers the service's own database. <typeparamref name="TSqlite"/> and <typeparamref name="TSqlServer"/>
    /// are thin subclasses of <typeparamref name="TContext"/> that exist only so each provider keeps its own
    /// migrations; the rest of the service only ever sees <typeparamref name="TContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TSqlServer>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext where TSqlite : TContext where TSqlServer : TContext
    {
        var provider = GetProvider(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? (provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(AppContext.BaseDirectory, connectionName + ".db")}"
                : throw new InvalidOperationException(
                    $"Database provider SqlServer needs the connection string 'ConnectionStrings:{connectionName}'."));

        // Pooled: every request and every message takes a context, and building one (its options, then EF's services
        // for them) was a tenth of the delivery service's CPU in a surge. A pooled context is reset when returned;
        // the contexts keep no state of their own beyond what EF resets.
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteDirectory(connectionString);
            builder.Services.AddDbContextPool<TContext, TSqlite>((services, o) => o.UseSqlite(connectionString)
                .AddInterceptors(AuditChain, SqliteSettings).AddOutboxSignal(services));
        }
        else
        {
            builder.Services.AddDbContextPool<TContext, TSqlServer>((services, o) => o
                .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure(5))
                .AddInterceptors(AuditChain).AddOutboxSignal(services));
        }

        builder.Services.AddSingleton(new DatabaseInfo(provider));
        builder.Services.AddExceptionHandler<ConcurrentChangeExceptionHandler>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    public static DatabaseProvider GetProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Unknown {ProviderKey} '{value}'; use Sqlite or SqlServer.");
    }

    static readonly Audit.AuditChainInterceptor AuditChain = new();
    static readonly SqliteConnectionSettings SqliteSettings = new();

    // Lets a commit that stored outbox rows wake the dispatcher at once instead of at its next poll.
    static DbContextOptionsBuilder AddOutboxSignal(this DbContextOptionsBuilder options, IServiceProvider services) =>
        services.GetService<Messaging.OutboxSignal>() is { } signal ? options.AddInterceptors(signal) : options;

    static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}

/// <summary>Which provider this process runs on.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);
