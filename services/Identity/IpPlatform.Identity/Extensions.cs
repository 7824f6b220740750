using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Api;
using IpPlatform.Identity.Data;
using IpPlatform.Identity.Tokens;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var settings = IdentitySettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.AddServiceDatabase<IdentityDbContext, SqliteIdentityDbContext, SqlServerIdentityDbContext>("identity-db");
        builder.Services.AddScoped<IDatabaseSeeder<IdentityDbContext>, IdentitySeeder>();
        // Publishes AccountRegistered (through the outbox) so the delivery service can e-mail account holders; consumes nothing.
        builder.AddServiceBus<IdentityDbContext>("identity", _ => { });

        builder.Services.AddIdentityCore<Account>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<IdentityDbContext>();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(settings.Issuer);
                // Each endpoint twice: the first (under the issuer, i.e. the gateway) is what discovery
                // advertises; the second matches requests however they reach this service.
                server.SetTokenEndpointUris(settings.PublicUri("connect/token").AbsoluteUri, "connect/token");
                server.SetAuthorizationEndpointUris(settings.PublicUri("connect/authorize").AbsoluteUri, "connect/authorize");
                server.SetEndSessionEndpointUris(settings.PublicUri("connect/logout").AbsoluteUri, "connect/logout");
                server.SetJsonWebKeySetEndpointUris(settings.PublicUri(".well-known/jwks").AbsoluteUri, ".well-known/jwks");
                server.SetConfigurationEndpointUris(".well-known/openid-configuration");

                if (settings.AllowPasswordGrant) server.AllowPasswordFlow();
                server.AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                // The web portal: code flow only, and every code bound to a PKCE challenge by SHA-256 (never 'plain').
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.RegisterScopes(PlatformClaims.ApiScope, PlatformClaims.ReadScope, Scopes.OfflineAccess, Scopes.OpenId, Scopes.Profile);
                server.RegisterClaims(PlatformClaims.Subject, PlatformClaims.Name, PlatformClaims.Role, PlatformClaims.Office,
                    PlatformClaims.Division, PlatformClaims.Organisation, PlatformClaims.Scope);

                // Other services validate the access token themselves from the published keys: a signed JWT, not encrypted.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(IdentitySettings.RefreshTokenLifetime);
                server.DisableSlidingRefreshTokenExpiration();
                server.AddTokenKeys(builder.Configuration, builder.Environment, settings);

                // TLS ends in front of the platform (the gateway); this service speaks HTTP.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(PlatformClaims.Audience);
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        // The login page's session, only read by the authorization endpoint: the API keeps accepting tokens alone.
        builder.Services.AddSignInSession(settings);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IdentityPolicies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(IdentityPolicies.Admin, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.Role, PlatformRoles.Admin));
    }

    /// <summary>
    /// Authentication (which also runs OpenIddict's endpoints) and authorization after the defaults'
    /// status-code pages, so that a 401 or 403 gets a problem document. Added once: left to the framework,
    /// they would run before the status-code pages; added twice, OpenIddict would handle a request twice.
    /// </summary>
    public static WebApplication UseTokenAuthentication(this WebApplication app)
    {
        // The markers UseAuthentication and UseAuthorization leave on the application builder.
        if (!((IApplicationBuilder)app).Properties.ContainsKey("__AuthenticationMiddlewareSet")) app.UseAuthentication();
        if (!((IApplicationBuilder)app).Properties.ContainsKey("__AuthorizationMiddlewareSet")) app.UseAuthorization();
        return app;
    }
}
