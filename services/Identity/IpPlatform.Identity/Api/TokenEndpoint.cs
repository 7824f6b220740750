using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Tokens;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Api;

/// <summary>
/// <c>POST /connect/token</c>. OpenIddict has already authenticated the client and checked that it may use
/// the grant and scopes; this decides who the token is for. Every refusal is <c>invalid_grant</c> with
/// the same description, so a caller cannot tell a wrong password from a locked or deactivated account.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";
    const string Refused = "The user name or password is wrong, or the account cannot sign in now.";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Exchange).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<Results<SignInHttpResult, ForbidHttpResult>> Exchange(
        HttpContext http, UserManager<Account> users, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var account = await users.CheckAsync(request.Username, request.Password);
            return account is null ? Refuse() : SignIn(AccessTokenClaims.ForAccount(account, request.GetScopes()));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code (with its client, redirect URI and PKCE verifier) or the refresh token was validated
            // by OpenIddict; the account is read again so that a deactivation stops both at once.
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = granted.Principal?.GetClaim(Claims.Subject);
            var account = subject is null ? null : await users.FindByIdAsync(subject);
            if (account is not { IsActive: true }) return Refuse();
            return SignIn(AccessTokenClaims.ForAccount(account, granted.Principal!.GetScopes()));
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!)
                ?? throw new InvalidOperationException("OpenIddict authenticated a client it cannot find.");
            return SignIn(AccessTokenClaims.ForMachineClient(request.ClientId!, await applications.GetDisplayNameAsync(application)));
        }

        return TypedResults.Forbid(Error(Errors.UnsupportedGrantType, "The grant type is not supported."),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    static SignInHttpResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    static ForbidHttpResult Refuse() =>
        TypedResults.Forbid(Error(Errors.InvalidGrant, Refused), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
