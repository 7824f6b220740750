using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace IpPlatform.AppHost;

/// <summary>The identity service and the issuer every service checks tokens against.</summary>
public sealed record IdentityService(IResourceBuilder<ProjectResource> Service, string Issuer);

public static class IdentityResources
{
    /// <summary>
    /// The OpenID Connect provider. Its issuer is <c>Identity:Issuer</c> when given to the AppHost (production:
    /// the public https address), else the local gateway; its development signing keys persist in the state
    /// folder, so tokens survive a restart. In production give it certificates instead
    /// (<c>Identity:SigningCertificate:Path</c>, <c>Identity:EncryptionCertificate:Path</c>): it refuses to start without.
    /// </summary>
    public static IdentityService AddIdentityService(this IDistributedApplicationBuilder builder, MessageBroker broker, StateFolder state, int gatewayPort)
    {
        var issuer = builder.Configuration["Identity:Issuer"] is { Length: > 0 } configured ? configured : $"http://localhost:{gatewayPort}/";
        var service = builder.AddPlatformService<Projects.IpPlatform_Identity>("identity", broker, state)
            .WithEnvironment("Identity__Issuer", issuer)
            .WithEnvironment("Identity__KeysDirectory", state.Combine("identity-keys"))
            // The web portal signs people in at the public address (the gateway) and is sent back there.
            .WithEnvironment("Identity__Portal__RedirectUris", $"{issuer.TrimEnd('/')}/signin-oidc")
            .WithEnvironment("Identity__Portal__PostLogoutRedirectUris", $"{issuer.TrimEnd('/')}/signout-callback-oidc");
        foreach (var key in new[] { "Identity:AllowPasswordGrant", "Identity:SeedDemoAccounts", "Identity:AccessTokenMinutes",
                                    "Identity:SigningCertificate:Path", "Identity:SigningCertificate:Password",
                                    "Identity:EncryptionCertificate:Path", "Identity:EncryptionCertificate:Password" })
            if (builder.Configuration[key] is { Length: > 0 } value)
                service.WithEnvironment(key.Replace(":", "__"), value);
        return new IdentityService(service, issuer);
    }

    /// <summary>The service checks tokens of <paramref name="identity"/>'s issuer, with keys fetched from it directly.</summary>
    public static IResourceBuilder<ProjectResource> WithIdentity(this IResourceBuilder<ProjectResource> service, IdentityService identity) =>
        service.WithEnvironment("Identity__Issuer", identity.Issuer).WithReference(identity.Service);

    /// <summary>Passes <c>RateLimits:Public:*</c> from the AppHost's command line to the gateway.</summary>
    public static IResourceBuilder<ProjectResource> WithPublicRateLimits(this IResourceBuilder<ProjectResource> gateway)
    {
        var configuration = gateway.ApplicationBuilder.Configuration;
        foreach (var key in new[] { "RateLimits:Public:PermitsPerSecond", "RateLimits:Public:Burst" })
            if (configuration[key] is { Length: > 0 } value)
                gateway.WithEnvironment(key.Replace(":", "__"), value);
        return gateway;
    }
}
