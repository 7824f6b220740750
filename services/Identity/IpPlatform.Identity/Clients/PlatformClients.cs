using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IpPlatform.Identity.Accounts;
using IpPlatform.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Clients;

/// <summary>
/// The OAuth clients of the platform: the public command-line client people sign in with (password and
/// refresh grants, no secret), the public web portal (authorization code with PKCE, refresh; no secret:
/// its tokens are only ever exchanged by the portal's server but it keeps no secret of its own), and the machine clients of other agencies (client credentials with a
/// secret, read scope only), which the administrator creates.
/// </summary>
public static partial class PlatformClients
{
    public const string CliClientId = "ipplatform-cli";
    public const string PortalClientId = "ipplatform-portal";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();

    public static OpenIddictApplicationDescriptor Cli() => new()
    {
        ClientId = CliClientId,
        ClientType = ClientTypes.Public,
        DisplayName = "IpPlatform command line",
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
            Permissions.Prefixes.Scope + PlatformClaims.ApiScope,
        },
    };

    /// <summary>
    /// The web portal: people sign in on this service's login page and the portal gets a code for the
    /// redirect URIs of <paramref name="settings"/> only, which it redeems with its PKCE verifier. Its consent
    /// is implicit: the portal is the platform's own.
    /// </summary>
    public static OpenIddictApplicationDescriptor Portal(IdentitySettings settings)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = PortalClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "IpPlatform web portal",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + PlatformClaims.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(settings.PortalRedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(settings.PortalPostLogoutRedirectUris);
        return descriptor;
    }

    /// <summary>A machine client's registration, or null with the reasons in <paramref name="errors"/>.</summary>
    public static OpenIddictApplicationDescriptor? Machine(string? clientId, string? displayName, string secret, FieldErrors errors)
    {
        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
            errors.Add("clientId", "A client id of 3 to 64 lower-case letters, digits or '-' is required, e.g. agency-customs.");
        else if (clientId is CliClientId or PortalClientId)
            errors.Add("clientId", $"'{clientId}' is one of the platform's own clients.");
        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            errors.Add("displayName", "The agency's display name (at most 100 characters) is required.");
        if (errors.Any) return null;

        return new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret, // stored hashed by OpenIddict
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + PlatformClaims.ReadScope,
            },
        };
    }

    /// <summary>A fresh secret: 256 random bits, URL-safe. Shown once; only its hash is kept.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
