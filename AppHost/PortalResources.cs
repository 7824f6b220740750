using Aspire.Hosting.ApplicationModel;

namespace IpPlatform.AppHost;

public static class PortalResources
{
    /// <summary>
    /// The web portal. It signs people in at the identity service's public issuer and calls the APIs at the same address
    /// (the gateway), so it needs no reference to any service: no database, no back door. <c>Portal:GatewayUrl</c> given to
    /// the AppHost overrides the address the portal calls the APIs at. The identity service learns the portal's callbacks
    /// at the same public address (<see cref="IdentityResources.AddIdentityService"/>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPortal(this IDistributedApplicationBuilder builder, IdentityService identity)
    {
        var portal = builder.AddProject<Projects.IpPlatform_Portal>("portal", launchProfileName: null)
            .WithHostEnvironment()
            .WithHttpEndpoint(name: "http", isProxied: false) // one process: no proxy hop between the gateway and the pages
            .WithPatientHttpHealthCheck("/health")
            .WithBuiltProgram()
            .WithSmallFootprint()
            .WithEnvironment("Identity__Issuer", identity.Issuer);
        if (builder.Configuration["Portal:GatewayUrl"] is { Length: > 0 } gateway)
            portal.WithEnvironment("Portal__GatewayUrl", gateway);
        return portal;
    }
}
