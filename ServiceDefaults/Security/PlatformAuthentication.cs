using System.Security.Claims;
using IpPlatform.Contracts.Actors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IpPlatform.Security;

/// <summary>
/// Every service checks the caller's access token itself (the gateway forwards it and is not the only
/// guard): a JWT signed by the identity service, for audience <see cref="PlatformClaims.Audience"/>, from the
/// configured issuer. The signing keys come straight from the identity service's JWKS document.
/// </summary>
public static class PlatformAuthentication
{
    /// <summary>The public issuer (the gateway's address), the same value the identity service stamps.</summary>
    public const string IssuerKey = "Identity:Issuer";
    /// <summary>Where to fetch the signing keys; by default the identity service found by service discovery.</summary>
    public const string KeysUrlKey = "Identity:KeysUrl";
    public const string DefaultIssuer = "http://localhost:8080/";

    public static TBuilder AddPlatformAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var issuer = builder.Configuration[IssuerKey] is { Length: > 0 } configured ? configured : DefaultIssuer;
        var keysUrl = builder.Configuration[KeysUrlKey] is { Length: > 0 } url ? url : KeysUrlFromDiscovery(builder.Configuration, issuer);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = false; // TLS ends in front of the gateway; the key fetch is internal
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = PlatformClaims.Audience,
                NameClaimType = PlatformClaims.Name,
                RoleClaimType = PlatformClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                keysUrl, new JsonWebKeySetRetriever(issuer), new HttpDocumentRetriever { RequireHttps = false })
            {
                // Keys rotate rarely; an unknown kid triggers a refresh (RefreshOnIssuerKeyNotFound) anyway.
                AutomaticRefreshInterval = TimeSpan.FromHours(1),
                RefreshInterval = TimeSpan.FromSeconds(10),
            };
        });

        builder.Services.AddAuthorizationBuilder()
            // An endpoint that forgot its policy still needs a valid token; the denial-matrix tests catch it too.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPlatformPolicies();
        return builder;
    }

    /// <summary>The identity service's own address from Aspire's service discovery, else the issuer's.</summary>
    static string KeysUrlFromDiscovery(IConfiguration configuration, string issuer)
    {
        var identity = configuration["services:identity:http:0"];
        var root = string.IsNullOrWhiteSpace(identity) ? issuer : identity;
        return root.TrimEnd('/') + "/.well-known/jwks";
    }

    /// <summary>The acting account of a request, from its validated token.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(PlatformClaims.Subject)
                 ?? throw new InvalidOperationException("An authenticated principal without a subject.");
        return new Actor(
            id,
            user.FindFirstValue(PlatformClaims.Name) ?? id,
            user.FindFirstValue(PlatformClaims.Role) ?? "",
            user.FindFirstValue(PlatformClaims.Office));
    }

    /// <summary>The divisions of a provincial-office account.</summary>
    public static IReadOnlyList<string> Divisions(this ClaimsPrincipal user) =>
        user.FindAll(PlatformClaims.Division).Select(c => c.Value).ToList();

    /// <summary>The credit code of an applicant account, or null.</summary>
    public static string? Organisation(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Organisation);

    /// <summary>
    /// Builds the validation configuration from a bare JWKS document: the services need the keys only, and
    /// the identity service's discovery document names public (gateway) addresses a service should not call.
    /// </summary>
    sealed class JsonWebKeySetRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var document = await retriever.GetDocumentAsync(address, cancel);
            var keys = new JsonWebKeySet(document);
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys()) configuration.SigningKeys.Add(key);
            return configuration;
        }
    }
}

/// <summary>
/// The named policies endpoints state. Each says which roles may call; where the act also depends on
/// the case (jurisdiction, ownership, division), the domain type that owns the act decides.
/// </summary>
public static class PlatformPolicies
{
    public const string Admin = "admin";
    /// <summary>County and city IP offices.</summary>
    public const string Office = "office";
    public const string CityOffice = "city-office";
    public const string CityGovernment = "city-government";
    public const string Province = "province";
    public const string Expert = "expert";
    public const string Finance = "finance";
    public const string Applicant = "applicant";
    /// <summary>Any staff account or an agency client with the read scope: reads, narrowed by the domain's jurisdiction rule.</summary>
    public const string StaffReader = "staff-reader";
    /// <summary>Reads of one case: its applicant or a staff reader, narrowed by the domain's ownership and jurisdiction rule.</summary>
    public const string CaseReader = "case-reader";
    /// <summary>Any valid token (the account's own view, precheck for a signed-in applicant...).</summary>
    public const string Authenticated = "authenticated";

    public static AuthorizationBuilder AddPlatformPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Admin, p => p.RequireRole(PlatformRoles.Admin))
        .AddPolicy(Office, p => p.RequireRole(PlatformRoles.CountyOffice, PlatformRoles.CityOffice))
        .AddPolicy(CityOffice, p => p.RequireRole(PlatformRoles.CityOffice))
        .AddPolicy(CityGovernment, p => p.RequireRole(PlatformRoles.CityGovernment))
        .AddPolicy(Province, p => p.RequireRole(PlatformRoles.Province))
        .AddPolicy(Expert, p => p.RequireRole(PlatformRoles.Expert))
        .AddPolicy(Finance, p => p.RequireRole(PlatformRoles.Finance))
        .AddPolicy(Applicant, p => p.RequireRole(PlatformRoles.Applicant))
        .AddPolicy(StaffReader, p => p.RequireAssertion(context => IsStaffReader(context.User)))
        .AddPolicy(CaseReader, p => p.RequireAssertion(context =>
            context.User.FindFirst(PlatformClaims.Role)?.Value == PlatformRoles.Applicant || IsStaffReader(context.User)))
        .AddPolicy(Authenticated, p => p.RequireAuthenticatedUser());

    static bool IsStaffReader(ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Role)?.Value switch
    {
        null or PlatformRoles.Applicant => false,
        PlatformRoles.Agency => HasScope(user, PlatformClaims.ReadScope),
        var role => PlatformRoles.All.Contains(role),
    };

    static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope);
}
