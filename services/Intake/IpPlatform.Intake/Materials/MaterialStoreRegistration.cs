using Microsoft.Data.Sqlite;

namespace IpPlatform.Intake.Materials;

/// <summary>
/// Chooses the materials store from configuration: <c>Materials:Store</c> = <c>Folder</c> (default) or <c>S3</c>.
/// The folder is <c>Materials:Path</c>; else <c>materials/</c> in <c>State:Directory</c>; else <c>materials/</c>
/// beside the SQLite database file (the AppHost puts it in the state folder); else beside the binaries.
/// </summary>
public static class MaterialStoreRegistration
{
    public const string Section = "Materials";

    public static IHostApplicationBuilder AddMaterialStore(this IHostApplicationBuilder builder, string databaseConnectionName)
    {
        builder.Services.AddSingleton<IMaterialStore>(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var kind = configuration[$"{Section}:Store"];
            switch (kind?.ToLowerInvariant())
            {
                case null or "" or "folder":
                    return new FolderMaterialStore(FolderPath(configuration, databaseConnectionName));
                case "s3":
                    var settings = configuration.GetSection($"{Section}:S3").Get<S3StoreSettings>() ?? new S3StoreSettings();
                    if (string.IsNullOrWhiteSpace(settings.Bucket))
                        throw new InvalidOperationException($"{Section}:Store is S3 but {Section}:S3:Bucket is not set.");
                    return new S3MaterialStore(S3MaterialStore.CreateClient(settings), settings);
                default:
                    throw new InvalidOperationException($"{Section}:Store '{kind}' is not one of Folder (the default), S3.");
            }
        });
        return builder;
    }

    /// <summary>The folder store's root for this configuration.</summary>
    public static string FolderPath(IConfiguration configuration, string databaseConnectionName)
    {
        if (configuration[$"{Section}:Path"] is { Length: > 0 } path) return Path.GetFullPath(path);
        if (configuration["State:Directory"] is { Length: > 0 } state) return Path.GetFullPath(Path.Combine(state, "materials"));
        if (configuration.GetConnectionString(databaseConnectionName) is { Length: > 0 } connection
            && Infrastructure.Persistence.ServiceDatabase.GetProvider(configuration) == Infrastructure.Persistence.DatabaseProvider.Sqlite)
        {
            var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(directory)) return Path.Combine(directory, "materials");
        }
        return Path.Combine(AppContext.BaseDirectory, "materials");
    }
}
