using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Infrastructure.Persistence;

/// <summary>
/// Options for <c>dotnet ef migrations add</c>, which builds each provider's context without the host.
/// The connection strings are placeholders: generating migrations never opens them.
/// </summary>
public static class DesignTime
{
    public static DbContextOptions<T> Sqlite<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlite("Data Source=design-time.db").Options;

    public static DbContextOptions<T> SqlServer<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlServer("Server=localhost;Database=design-time;Trusted_Connection=True;TrustServerCertificate=True").Options;
}
