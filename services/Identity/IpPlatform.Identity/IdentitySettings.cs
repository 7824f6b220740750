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
    /// <summary>Where the web portal may receive authorization codes (a list, or one value separated by ';').</summary>
    public const string PortalRedirectUrisKey = Section + ":Portal:RedirectUris";
    /// <summary>Where the web portal may send people after signing out (a list, or one value separated by ';').</summary>
    public const string PortalPostLogoutRedirectUrisKey = Section + ":Portal:PostLogoutRedirectUris";

    /// <summary>The gateway's address: clients reach <c>/connect/*</c> and <c>/.well-known/*</c> through it.</summary>
    public const string DefaultIssuer = "http://localhost:8080/";
    public const int DefaultAccessTokenMinutes = 15;
    public const string DefaultDemoPassword = "Demo-2022!";
    /// <summary>The portal's OpenID Connect callbacks as the gateway serves them in development.</summary>
    public const string DefaultPortalRedirectUri = "http://localhost:8080/signin-oidc";
    public const string DefaultPortalPostLogoutRedirectUri = "http://localhost:8080/signout-callback-oidc";
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
    /// <summary>The redirect URIs registered for the web portal's client; updated at each start.</summary>
    public IReadOnlyList<Uri> PortalRedirectUris { get; init; } = [new(DefaultPortalRedirectUri)];
    public IReadOnlyList<Uri> PortalPostLogoutRedirectUris { get; init; } = [new(DefaultPortalPostLogoutRedirectUri)];

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
            PortalRedirectUris = AbsoluteUris(configuration, PortalRedirectUrisKey, DefaultPortalRedirectUri),
            PortalPostLogoutRedirectUris = AbsoluteUris(configuration, PortalPostLogoutRedirectUrisKey, DefaultPortalPostLogoutRedirectUri),
        };
    }

    /// <summary>
    /// A list of absolute http(s) URIs: the section's children (<c>Key:0</c>, <c>Key:1</c>, …) or, easier to pass
    /// in one environment variable, its own value separated by ';'. The default where neither is given.
    /// </summary>
    static IReadOnlyList<Uri> AbsoluteUris(IConfiguration configuration, string key, string defaultUri)
    {
        var section = configuration.GetSection(key);
        var texts = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (texts.Count == 0 && section.Value is { } value) texts = [.. value.Split(';')];
        texts = [.. texts.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct()];
        if (texts.Count == 0) return [new Uri(defaultUri)];

        return [.. texts.Select(text => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Fragment.Length == 0
            ? uri
            : throw new InvalidOperationException($"{key} must list absolute http(s) URLs without a fragment, e.g. {defaultUri}; found '{text}'."))];
    }

    /// <summary>An address under the issuer, e.g. <c>connect/token</c>, as clients outside see it.</summary>
    public Uri PublicUri(string relativePath) =>
        new(new Uri(Issuer.AbsoluteUri.EndsWith('/') ? Issuer.AbsoluteUri : Issuer.AbsoluteUri + "/"), relativePath);
}
