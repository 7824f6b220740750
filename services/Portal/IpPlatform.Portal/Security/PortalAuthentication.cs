using System.Globalization;
using System.Security.Claims;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Portal.Security;

/// <summary>
/// Sign-in: OpenID Connect, authorization code with PKCE, as the public client <see cref="ClientId"/> of the
/// identity service at its public issuer (the gateway's address); a cookie session keeps the tokens (SaveTokens),
/// and the access token is refreshed with the refresh token shortly before it expires.
/// </summary>
public static class PortalAuthentication
{
    public const string ClientId = "ipplatform-portal";
    /// <summary>A token this close to its expiry is refreshed before it is used.</summary>
    static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);

    /// <summary>The claims of the access token the portal's pages read (role, office, organisation, division, name).</summary>
    static readonly string[] CopiedClaims =
        [PlatformClaims.Name, PlatformClaims.Role, PlatformClaims.Office, PlatformClaims.Organisation, PlatformClaims.Division];

    public static void AddPortalAuthentication(this IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration[PlatformAuthentication.IssuerKey] is { Length: > 0 } configured ? configured : PlatformAuthentication.DefaultIssuer;
        var local = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "ipplatform.portal";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.HttpOnly = true;
                o.AccessDeniedPath = "/access-denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8); // the refresh token's lifetime: the session cannot outlive it
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = RefreshWhenExpiringAsync;
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = issuer;
                o.ClientId = ClientId;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // The code comes back on a top-level GET redirect: the correlation and nonce cookies can then be Lax, which
                // browsers keep over plain http too (SameSite=None needs Secure, which a local http gateway cannot offer).
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.SaveTokens = true;
                // TLS ends in front of the gateway in production; locally the issuer is plain http.
                o.RequireHttpsMetadata = !local;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", PlatformClaims.ApiScope, "offline_access" }) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = PlatformClaims.Name;
                o.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                o.Events.OnTokenValidated = CopyAccessTokenClaims;
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.Applicant, p => p.RequireRole(PlatformRoles.Applicant))
            .AddPolicy(PortalPolicies.Office, p => p.RequireRole(PlatformRoles.CountyOffice, PlatformRoles.CityOffice))
            .AddPolicy(PortalPolicies.Window, p => p.RequireRole(PlatformRoles.CountyOffice, PlatformRoles.CityOffice, PlatformRoles.CityGovernment))
            .AddPolicy(PortalPolicies.CitySummary, p => p.RequireRole(PlatformRoles.CityOffice, PlatformRoles.CityGovernment))
            .AddPolicy(PortalPolicies.Province, p => p.RequireRole(PlatformRoles.Province))
            .AddPolicy(PortalPolicies.Admin, p => p.RequireRole(PlatformRoles.Admin))
            .AddPolicy(PortalPolicies.Expert, p => p.RequireRole(PlatformRoles.Expert))
            .AddPolicy(PortalPolicies.Finance, p => p.RequireRole(PlatformRoles.Finance))
            .AddPolicy(PortalPolicies.SignedIn, p => p.RequireAuthenticatedUser());
    }

    /// <summary>
    /// The identity service states the account's role, office and organisation in the access token (the audience the
    /// services read); the portal shows the same facts, so it takes them from there into the session's identity.
    /// </summary>
    static Task CopyAccessTokenClaims(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || context.TokenEndpointResponse?.AccessToken is not { Length: > 0 } accessToken)
            return Task.CompletedTask;
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(accessToken)) return Task.CompletedTask; // an encrypted or opaque token: the id token's claims must do
        var token = handler.ReadJsonWebToken(accessToken);
        foreach (var type in CopiedClaims)
        {
            if (identity.HasClaim(c => c.Type == type)) continue;
            foreach (var claim in token.Claims.Where(c => c.Type == type))
                identity.AddClaim(new Claim(type, claim.Value));
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Before a request uses an access token that is about to expire, the refresh token buys a new one and the cookie is
    /// renewed with it. A refused refresh (the account was deactivated, the refresh token expired) ends the session.
    /// </summary>
    static async Task RefreshWhenExpiringAsync(CookieValidatePrincipalContext context)
    {
        if (context.Properties.GetTokenValue("expires_at") is not { } expiresText
            || !DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt))
            return;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        if (expiresAt - now > RefreshAhead) return;

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var tokens = refreshToken is null ? null : await RedeemAsync(context.HttpContext, refreshToken);
        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.UpdateTokenValue("access_token", tokens.AccessToken);
        if (!string.IsNullOrEmpty(tokens.RefreshToken)) context.Properties.UpdateTokenValue("refresh_token", tokens.RefreshToken);
        if (int.TryParse(tokens.ExpiresIn, CultureInfo.InvariantCulture, out var seconds))
            context.Properties.UpdateTokenValue("expires_at", now.AddSeconds(seconds).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    static async Task<OpenIdConnectMessage?> RedeemAsync(HttpContext http, string refreshToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = options.ClientId!, ["refresh_token"] = refreshToken,
        }), http.RequestAborted);
        if (!response.IsSuccessStatusCode) return null;
        var message = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(http.RequestAborted));
        return string.IsNullOrEmpty(message.AccessToken) ? null : message;
    }

    /// <summary>
    /// <c>/account/login</c> starts the sign-in (and returns to a local page); <c>POST /account/logout</c> (anti-forgery
    /// checked) ends the portal's session and the identity service's, when it offers an end-session endpoint.
    /// </summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/login", (string? returnUrl) => TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        account.MapPost("/logout", async (HttpContext http, IOptionsMonitor<OpenIdConnectOptions> oidc) =>
            {
                // A cross-site form must not sign people out: the form carries the page's anti-forgery token.
                if (http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is not { IsValid: true })
                    return Results.BadRequest();
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
                var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
                if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return Results.LocalRedirect("/");
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
            })
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(PortalPolicies.SignedIn);
    }

    /// <summary>Only a path of this site: an absolute return URL would make the portal an open redirector.</summary>
    static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";
}

/// <summary>The portal's page policies, by the role claim of the signed-in account.</summary>
public static class PortalPolicies
{
    public const string Applicant = "portal-applicant";
    /// <summary>County and city IP offices.</summary>
    public const string Office = "portal-office";
    public const string SignedIn = "portal-signed-in";
    /// <summary>Those who receive paper copies at a window: county and city offices and city governments.</summary>
    public const string Window = "portal-window";
    /// <summary>The city's summary table: city offices and city governments.</summary>
    public const string CitySummary = "portal-city-summary";
    /// <summary>The provincial office's review, ranking and decision screens (the service checks the track's division).</summary>
    public const string Province = "portal-province";
    /// <summary>The provincial administrator's pages: accounts, calls, city figures, imports, audit.</summary>
    public const string Admin = "portal-admin";
    /// <summary>Review experts: the applications they were drawn for and their score sheets.</summary>
    public const string Expert = "portal-expert";
    /// <summary>The finance department: tranches to pay and their payment records.</summary>
    public const string Finance = "portal-finance";
}
