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
/// The OpenID Connect endpoints a browser visits (the web portal's sign-in): <c>/connect/authorize</c>
/// gives a code to a person with a session, or sends them to the login page first; <c>/connect/logout</c>
/// ends the session. OpenIddict has already checked the client, its redirect URI, scopes and PKCE challenge
/// before these run; a request it refused never gets here.
/// </summary>
public static class AuthorizationEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string LogoutPath = "/connect/logout";
    /// <summary>Where a sign-out goes when the client names no post-logout URI: the portal's home through the gateway.</summary>
    const string AfterLogout = "/";

    public static IEndpointRouteBuilder MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        // Public by nature: the person has no token yet; OpenIddict and the session decide.
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods(LogoutPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)Logout).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> Authorize(HttpContext http, UserManager<Account> users)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var subject = await SignInSession.SubjectAsync(http);
        var account = subject is null ? null : await users.FindByIdAsync(subject);
        // A session of an account deactivated or locked since is over: sign in again (which will refuse it).
        if (account is not null && !await users.CanSignInAsync(account))
        {
            await SignInSession.EndAsync(http);
            account = null;
        }

        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The person is not signed in.");
            if (account is not null) await SignInSession.EndAsync(http); // prompt=login: ask for the password again
            return TypedResults.Redirect(LoginPage.Url(ThisRequest(http, request)));
        }

        // The same principal the password grant signs in: identical claims in the access token.
        return TypedResults.SignIn(AccessTokenClaims.ForAccount(account, request.GetScopes()),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The authorization request again, as a local URL for after the login (a POSTed request becomes a GET
    /// with the same parameters, which the endpoint accepts too).
    /// </summary>
    static string ThisRequest(HttpContext http, OpenIddictRequest request)
    {
        var query = HttpMethods.IsGet(http.Request.Method)
            ? http.Request.QueryString
            : QueryString.Create(request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
        return http.Request.PathBase + http.Request.Path + query;
    }

    static async Task<SignOutHttpResult> Logout(HttpContext http)
    {
        await SignInSession.EndAsync(http);
        // OpenIddict redirects to the post_logout_redirect_uri when the client gave a registered one, else here.
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = AfterLogout },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    static ForbidHttpResult Refuse(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
