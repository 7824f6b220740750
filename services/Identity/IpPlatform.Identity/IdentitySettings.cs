namespace IpPlatform.Identity;

/// <summary>
/// The identity service's configuration (section <c>Identity</c>), read once at start-up: OpenIddict's
/// server options are fixed when the host is built.
/// </summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";
    public const string IssuerKey = Section + ":Issuer";
    public const string AccessTokenMinutesKey = Section + ":AccessTokenMinutes";
    public const string AllowPasswordGrantKey = Section + ":AllowPasswordGrant";
    public const string SeedDemoAccountsKey = Section + ":SeedDemoAccounts";
    public const string DemoPasswordKey = Section + ":DemoPassword";
    public const string KeysDirectoryKey = Section + ":KeysDirectory";
    public const string InitialAdminPasswordKey = Section + ":InitialAdminPassword";
    public const string SigningCertificatePathKey = Section + ":SigningCertificate:Path";
    public const string SigningCertificatePasswordKey = Section + ":SigningCertificate:Password";
    public const string EncryptionCertificatePathKey = Section + ":EncryptionCertificate:Path";
    public const string EncryptionCertificatePasswordKey = Section + ":EncryptionCertificate:Password";

    /// <summary>The gateway's address: clients reach <c>/connect/*</c> and <c>/.well-known/*</c> through it.</summary>
    public const string DefaultIssuer = "http://localhost:8080/";
    public const int DefaultAccessTokenMinutes = 15;
    public const string DefaultDemoPassword = "Demo-2022!";
    /// <summary>A person's sign-in lasts one working day; refreshing does not extend it.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(8);

    public required Uri Issuer { get; init; }
    public required TimeSpan AccessTokenLifetime { get; init; }
    /// <summary>Whether the CLI may exchange a user name and password for tokens (the password grant).</summary>
    public required bool AllowPasswordGrant { get; init; }
    public required bool SeedDemoAccounts { get; init; }
    public required string DemoPassword { get; init; }
    /// <summary>Where development keys are kept between starts when no certificates are configured.</summary>
    public required string KeysDirectory { get; init; }
    /// <summary>
    /// Where no demo accounts are seeded, the first administrator (<c>admin</c>) is created with this
    /// password while no administrator exists; null to create none.
    /// </summary>
    public string? InitialAdminPassword { get; init; }

    public static IdentitySettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var issuerText = configuration[IssuerKey] ?? DefaultIssuer;
        if (!Uri.TryCreate(issuerText, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{IssuerKey} must be an absolute http(s) URL, e.g. {DefaultIssuer}; found '{issuerText}'.");

        var minutes = configuration.GetValue<int?>(AccessTokenMinutesKey) ?? DefaultAccessTokenMinutes;
        if (minutes is < 1 or > 24 * 60)
            throw new InvalidOperationException($"{AccessTokenMinutesKey} must be between 1 and 1440 minutes; found {minutes}.");

        // Both conveniences are on by default where people try the platform out, and off elsewhere unless asked for.
        var development = environment.IsDevelopment();
        var keysDirectory = configuration[KeysDirectoryKey];
        return new IdentitySettings
        {
            Issuer = issuer,
            AccessTokenLifetime = TimeSpan.FromMinutes(minutes),
            AllowPasswordGrant = configuration.GetValue<bool?>(AllowPasswordGrantKey) ?? development,
            SeedDemoAccounts = configuration.GetValue<bool?>(SeedDemoAccountsKey) ?? development,
            DemoPassword = configuration[DemoPasswordKey] is { Length: > 0 } demoPassword ? demoPassword : DefaultDemoPassword,
            InitialAdminPassword = configuration[InitialAdminPasswordKey] is { Length: > 0 } adminPassword ? adminPassword : null,
            KeysDirectory = string.IsNullOrWhiteSpace(keysDirectory)
                ? Path.Combine(environment.ContentRootPath, "keys")
                : Path.GetFullPath(keysDirectory, environment.ContentRootPath),
        };
    }

    /// <summary>An address under the issuer, e.g. <c>connect/token</c>, as clients outside see it.</summary>
    public Uri PublicUri(string relativePath) =>
        new(new Uri(Issuer.AbsoluteUri.EndsWith('/') ? Issuer.AbsoluteUri : Issuer.AbsoluteUri + "/"), relativePath);
}
