using System.Security.Claims;
using IpPlatform.Identity.Accounts;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IpPlatform.Identity.Api;

/// <summary>
/// A person's session with this service itself, after the login page: a cookie holding only who they are.
/// The authorization endpoint reads it to give the portal a code without asking again; the tokens are
/// built from the account, never from the cookie.
/// </summary>
public static class SignInSession
{
    public const string Scheme = "identity-session";
    public const string CookieName = "ipplatform.identity";
    public const string AntiforgeryCookieName = "ipplatform.identity.antiforgery";
    /// <summary>Only the identity service's own pages need the cookies; through the gateway the portal never sees them.</summary>
    public const string CookiePath = "/connect";

    /// <summary>The session cookie and the login form's antiforgery cookie.</summary>
    public static void AddSignInSession(this IServiceCollection services, IdentitySettings settings)
    {
        // Browsers see the issuer's address (the gateway), not this service's: there TLS decides whether the cookies are Secure.
        var secure = settings.Issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = CookiePath;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = secure;
            // Lax: the portal's redirect to /connect/authorize is a top-level navigation from the same site.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = LoginPage.Path;
            cookie.ReturnUrlParameter = LoginPage.ReturnUrlField;
            // As long as a refresh token: one working day, not extended by use.
            cookie.ExpireTimeSpan = IdentitySettings.RefreshTokenLifetime;
            cookie.SlidingExpiration = false;
        });

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.Path = CookiePath;
            antiforgery.Cookie.HttpOnly = true;
            // As the request came: behind the gateway it is plain HTTP, where 'Always' makes antiforgery refuse to
            // work at all. The token is worthless without the form's half, which only this origin's pages can read.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = LoginPage.AntiforgeryField;
        });
    }

    /// <summary>Starts the session for <paramref name="account"/>, which the caller has checked, then goes to the local <paramref name="returnUrl"/>.</summary>
    public static Task StartAsync(HttpContext http, Account account, string returnUrl)
    {
        var identity = new ClaimsIdentity(Scheme, PlatformClaims.Name, PlatformClaims.Role);
        identity.AddClaim(new Claim(PlatformClaims.Subject, account.Id));
        identity.AddClaim(new Claim(PlatformClaims.Name, account.UserName!));
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), 
            new AuthenticationProperties { IsPersistent = false, RedirectUri = returnUrl });
    }

    /// <summary>The subject of the current session, or null without one.</summary>
    public static async Task<string?> SubjectAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(Scheme);
        return session.Succeeded ? session.Principal.FindFirstValue(PlatformClaims.Subject) : null;
    }

    public static Task EndAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
