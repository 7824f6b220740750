using Microsoft.AspNetCore.Mvc;
using IpPlatform.Security;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;

namespace IpPlatform.Gateway;

/// <summary>
/// The platform's only external HTTP endpoint: one route prefix per service under <c>/api/</c>, each
/// service's OpenAPI document under <c>/openapi/{service}.json</c>, and one Scalar page listing them.
/// Destinations are service names, resolved through Aspire's service discovery.
/// </summary>
public static partial class Extensions
{
    /// <summary>Route prefix → service. The services map the same prefixes themselves, so paths pass through unchanged.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Service, string Title)> Services =
    [
        ("/api/applications", "intake", "Intake: applications"),
        ("/api/eligibility", "eligibility", "Eligibility and calls"),
        ("/api/routing", "routing", "Recommendation routing"),
        ("/api/reviews", "review", "Expert review and decision"),
        ("/api/funding", "funding", "Funding tranches"),
        ("/api/monitoring", "monitoring", "Project monitoring"),
        ("/api/identity", "identity", "Identity: accounts, applicant registration"),
        ("/api/events", "delivery", "Delivery: event feed, webhooks, notifications"),
    ];

    /// <summary>Further prefixes of a service listed above, passed through unchanged.</summary>
    static readonly (string Prefix, string Service)[] MorePrefixes =
    [
        ("/connect", "identity"), ("/.well-known", "identity"), // OpenID Connect
        ("/api/webhooks", "delivery"), ("/api/notifications", "delivery"),
    ];

    /// <summary>The public contract of the integration events (AsyncAPI 3.0), served by the delivery service.</summary>
    public const string AsyncApiPath = "/api/events/asyncapi.json";

    /// <summary>
    /// Anonymous endpoints, limited per client: precheck, the published calls, applicant registration and
    /// the token endpoint (which also slows password guessing).
    /// </summary>
    static readonly (string Id, string Service, string Path, string[] Methods)[] PublicEndpoints =
    [
        ("precheck", "eligibility", "/api/eligibility/precheck", ["POST"]),
        ("calls", "eligibility", "/api/eligibility/calls", ["GET"]),
        ("call", "eligibility", "/api/eligibility/calls/{**rest}", ["GET"]), // a call, its versions, a diff
        ("register", "identity", "/api/identity/applicants", ["POST"]),
        ("token", "identity", "/connect/token", ["POST"]),
        ("login", "identity", "/connect/login", ["POST"]), // password guessing on the sign-in page, like the token endpoint
        ("asyncapi", "delivery", AsyncApiPath, ["GET"]),
        ("event-schema", "delivery", "/api/events/schemas/{name}", ["GET"]),
    ];

    /// <summary>
    /// Order of the portal's catch-all route: after every other route of the gateway (YARP's default order is 0, the
    /// public endpoints' -1), so <c>/scalar</c>, <c>/openapi/*</c>, <c>/api/*</c>, <c>/connect/*</c>, <c>/.well-known/*</c> keep their services.
    /// </summary>
    const int PortalOrder = 1000;

    /// <summary>The AppHost references the portal (service discovery names it); then the portal is served at "/".</summary>
    internal static bool HasPortal(IConfiguration configuration) => configuration.GetSection("services:portal").Exists();

    /// <summary>
    /// HTTP/1.1 to the services, stated rather than left to YARP's default (ask for HTTP/2, fall back): over plain http
    /// inside the platform there is no HTTP/2 to negotiate, and pooled keep-alive connections are what a hop costs least
    /// with. The proxied answer streams through unbuffered (YARP's default), so the gateway holds no bodies.
    /// </summary>
    static readonly Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig ToServices = new()
    {
        Version = System.Net.HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (prefix, service, _) in Services)
        {
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-api",
                ClusterId = service,
                Match = new RouteMatch { Path = prefix + "/{**rest}" },
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-api-root",
                ClusterId = service,
                Match = new RouteMatch { Path = prefix },
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json" },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [service] = new() { Address = $"http://{service}" },
                },
                HttpRequest = ToServices,
            });
        }

        foreach (var (prefix, service) in MorePrefixes)
        {
            var id = $"{service}{prefix.Replace('/', '-').Replace('.', '-')}";
            routes.Add(new RouteConfig { RouteId = id, ClusterId = service, Match = new RouteMatch { Path = prefix + "/{**rest}" } });
            routes.Add(new RouteConfig { RouteId = id + "-root", ClusterId = service, Match = new RouteMatch { Path = prefix } });
        }
        // More specific than the service's catch-all, and tried first.
        foreach (var (id, service, path, methods) in PublicEndpoints)
            routes.Add(new RouteConfig
            {
                RouteId = $"public-{id}",
                ClusterId = service,
                Order = -1,
                Match = new RouteMatch { Path = path, Methods = methods },
                RateLimiterPolicy = PublicRateLimit.PolicyName,
            });

        if (HasPortal(builder.Configuration))
        {
            // The web portal owns every other path, "/" included; tried last, after every API, identity and document route.
            routes.Add(new RouteConfig { RouteId = "portal", ClusterId = "portal", Order = PortalOrder, Match = new RouteMatch { Path = "/{**rest}" } });
            clusters.Add(new ClusterConfig
            {
                ClusterId = "portal",
                Destinations = new Dictionary<string, DestinationConfig> { ["portal"] = new() { Address = "http://portal" } },
                HttpRequest = ToServices,
            });
        }

        builder.AddGatewayTracing();
        builder.AddClientAddress();
        builder.AddPublicRateLimit();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver();
    }

    public static void MapGateway(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapReverseProxy();
        // Absolute document URLs: Scalar would make "/openapi/…" relative to its own page (/scalar/openapi/…).
        app.MapScalarApiReference("/scalar", (options, context) =>
        {
            options.WithTitle("IpPlatform API")
                .AddPreferredSecuritySchemes(BearerSecurityDocumentTransformer.OAuthScheme, BearerSecurityDocumentTransformer.BearerScheme)
                .AddPasswordFlow(BearerSecurityDocumentTransformer.OAuthScheme, flow =>
                {
                    flow.ClientId = "ipplatform-cli";
                    flow.SelectedScopes = ["api", "offline_access"];
                });
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            foreach (var (_, service, title) in Services)
                options.AddDocument(service, title, $"{origin}/openapi/{service}.json");
            options.AddAsyncApiDocument("events", "Integration events (AsyncAPI 3.0)", $"{origin}{AsyncApiPath}");
        });
        // Without the portal (a gateway started on its own) "/" still leads somewhere useful: the API reference.
        if (!HasPortal(app.Configuration))
            app.MapGet("/", () => TypedResults.Redirect("/scalar")).ExcludeFromDescription();
    }

    /// <summary>
    /// Refuses a declared body over the limit before anything is forwarded, as a 400 problem document
    /// (the public contract says 400). Bodies without a length are capped by Kestrel's same limit. Uploads of an
    /// application's materials (申报材料: PDFs and scans of up to the call's per-file limit) get the larger
    /// <c>Materials:MaxRequestBytes</c> (default 64 MiB); intake enforces each material's own limit.
    /// </summary>
    public static void UseRequestBodyLimit(this WebApplication app)
    {
        var uploadLimit = app.Configuration.GetValue<long?>("Materials:MaxRequestBytes") ?? 64L * 1024 * 1024;
        app.Use(async (context, next) =>
        {
            var limit = IsMaterialUpload(context.Request) ? uploadLimit : ServiceDefaultsExtensions.MaxRequestBodyBytes;
            if (limit != ServiceDefaultsExtensions.MaxRequestBodyBytes
                && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Request body too large",
                        Detail = $"The body has {context.Request.ContentLength} bytes; the limit is {limit}.",
                        Type = "https://ipplatform.jiangsu.example/problems/body-too-large",
                    },
                });
                return;
            }
            await next(context);
        });
    }

    static bool IsMaterialUpload(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)) && MaterialUploadPath().IsMatch(request.Path.Value ?? "");

    [System.Text.RegularExpressions.GeneratedRegex("^/api/applications/[0-9a-fA-F-]{36}/materials/[^/]+(/[^/]+)?$")]
    private static partial System.Text.RegularExpressions.Regex MaterialUploadPath();
}
