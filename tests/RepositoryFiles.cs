namespace IpPlatform.Tests;

/// <summary>
/// Files of this repository that tests read (committed snapshots, samples, the shipped call data), found from the test
/// binaries by walking up to <c>IpPlatform.sln</c>. Compiled into every test project (tests/Directory.Build.props).
/// </summary>
internal static class RepositoryFiles
{
    static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "IpPlatform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IpPlatform.sln not found above the test binaries.");
    });

    /// <summary>The path of <paramref name="parts"/> below the repository's root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
