using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Tokens;

/// <summary>
/// The principals the token endpoint signs in: exactly the claims of <see cref="PlatformClaims"/>, all
/// bound for the access token (a JWT for audience <see cref="PlatformClaims.Audience"/>). Built from the
/// account as it is now, at every grant including refreshes, so a change of role or office shows in the
/// next token. Where the client signed in with OpenID Connect and the <c>profile</c> scope (the web portal),
/// the same claims about the person also go into its identity token, so that it needs no further call.
/// </summary>
public static class AccessTokenClaims
{
    /// <summary>What a person's token may carry; anything else requested is dropped.</summary>
    public static readonly IReadOnlySet<string> PersonScopes = new HashSet<string>
    {
        PlatformClaims.ApiScope, Scopes.OfflineAccess, Scopes.OpenId, Scopes.Profile,
    };

    /// <summary>The claims about the person an identity token carries under the <c>profile</c> scope (<c>sub</c> it always carries).</summary>
    static readonly IReadOnlySet<string> ProfileClaims = new HashSet<string>
    {
        PlatformClaims.Name, PlatformClaims.Role, PlatformClaims.Office, PlatformClaims.Division, PlatformClaims.Organisation,
    };

    public static ClaimsPrincipal ForAccount(Account account, IEnumerable<string> requestedScopes)
    {
        var identity = NewIdentity();
        identity.AddClaim(new Claim(PlatformClaims.Subject, account.Id));
        identity.AddClaim(new Claim(PlatformClaims.Name, account.UserName!));
        identity.AddClaim(new Claim(PlatformClaims.Role, account.Role));
        if (account.OfficeCode is not null)
            identity.AddClaim(new Claim(PlatformClaims.Office, account.OfficeCode));
        foreach (var division in account.Divisions)
            identity.AddClaim(new Claim(PlatformClaims.Division, division));
        if (account.CreditCode is not null)
            identity.AddClaim(new Claim(PlatformClaims.Organisation, account.CreditCode));

        // The API scope always: a person's token is for the platform's API whatever the client asked.
        return Finish(identity, [PlatformClaims.ApiScope, .. requestedScopes.Where(PersonScopes.Contains)]);
    }

    /// <summary>Another agency's system: its client id is the subject, its role <see cref="PlatformRoles.Agency"/>.</summary>
    public static ClaimsPrincipal ForMachineClient(string clientId, string? displayName)
    {
        var identity = NewIdentity();
        identity.AddClaim(new Claim(PlatformClaims.Subject, clientId));
        identity.AddClaim(new Claim(PlatformClaims.Name, string.IsNullOrWhiteSpace(displayName) ? clientId : displayName));
        identity.AddClaim(new Claim(PlatformClaims.Role, PlatformRoles.Agency));
        return Finish(identity, [PlatformClaims.ReadScope]);
    }

    static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, PlatformClaims.Name, PlatformClaims.Role);

    static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes.Distinct());
        identity.SetResources(PlatformClaims.Audience);
        var profile = identity.HasScope(Scopes.OpenId) && identity.HasScope(Scopes.Profile);
        identity.SetDestinations(claim => profile && ProfileClaims.Contains(claim.Type)
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
