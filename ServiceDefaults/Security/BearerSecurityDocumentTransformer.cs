using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IpPlatform.Security;

/// <summary>
/// Declares in each service's OpenAPI document how to authenticate: a bearer JWT from the identity service,
/// obtainable with the password flow of the development CLI client at <c>/connect/token</c> (through the
/// gateway). Scalar reads this to offer "Authorize".
/// </summary>
public sealed class BearerSecurityDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string OAuthScheme = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token of the identity service (scripts/token.sh <account> prints one).",
        };
        document.Components.SecuritySchemes[OAuthScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Password flow of the client ipplatform-cli (development only).",
            Flows = new OpenApiOAuthFlows
            {
                Password = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/connect/token", UriKind.Relative),
                    RefreshUrl = new Uri("/connect/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string> { [PlatformClaims.ApiScope] = "The platform's API", ["offline_access"] = "Refresh tokens" },
                },
            },
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuthScheme, document)] = [PlatformClaims.ApiScope] });
        return Task.CompletedTask;
    }
}
