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
/// refresh grants, no secret), and the machine clients of other agencies (client credentials with a
/// secret, read scope only), which the administrator creates.
/// </summary>
public static partial class PlatformClients
{
    public const string CliClientId = "ipplatform-cli";

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

    /// <summary>A machine client's registration, or null with the reasons in <paramref name="errors"/>.</summary>
    public static OpenIddictApplicationDescriptor? Machine(string? clientId, string? displayName, string secret, FieldErrors errors)
    {
        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
            errors.Add("clientId", "A client id of 3 to 64 lower-case letters, digits or '-' is required, e.g. agency-customs.");
        else if (clientId == CliClientId)
            errors.Add("clientId", $"'{CliClientId}' is the platform's own command-line client.");
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
