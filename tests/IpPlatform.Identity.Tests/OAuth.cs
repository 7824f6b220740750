using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IpPlatform.Identity.Tests;

/// <summary>What a client of the identity service does: ask the token endpoint, read the JWT it gets.</summary>
public static class OAuth
{
    public const string Cli = "ipplatform-cli";

    public static Task<HttpResponseMessage> PasswordGrant(HttpClient client, string userName, string password, string? scope = null) =>
        Token(client, new()
        {
            ["grant_type"] = "password", ["client_id"] = Cli, ["username"] = userName, ["password"] = password,
            ["scope"] = scope,
        });

    public static Task<HttpResponseMessage> RefreshGrant(HttpClient client, string refreshToken) =>
        Token(client, new() { ["grant_type"] = "refresh_token", ["client_id"] = Cli, ["refresh_token"] = refreshToken });

    public static Task<HttpResponseMessage> ClientCredentials(HttpClient client, string clientId, string secret, string? scope = null) =>
        Token(client, new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope });

    static Task<HttpResponseMessage> Token(HttpClient client, Dictionary<string, string?> form) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(form.Where(f => f.Value is not null)!));

    /// <summary>The token response of a grant that must succeed.</summary>
    public static async Task<JsonElement> Granted(Task<HttpResponseMessage> grant)
    {
        var response = await grant;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>An access token for <paramref name="userName"/> (the demo password unless given).</summary>
    public static async Task<string> AccessToken(HttpClient client, string userName, string password = IdentityFactory.DemoPassword) =>
        (await Granted(PasswordGrant(client, userName, password))).GetProperty("access_token").GetString()!;

    /// <summary>A client acting for <paramref name="userName"/>.</summary>
    public static async Task<HttpClient> SignedIn(IdentityFactory factory, string userName, string password = IdentityFactory.DemoPassword)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AccessToken(client, userName, password));
        return client;
    }

    /// <summary>The OAuth error of a refused grant (RFC 6749 §5.2), after checking it is a 400.</summary>
    public static async Task<(string Error, string? Description)> Refused(Task<HttpResponseMessage> grant, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = await grant;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, response.StatusCode);
        return (body.GetProperty("error").GetString()!,
            body.TryGetProperty("error_description", out var description) ? description.GetString() : null);
    }

    /// <summary>The JWT's claims as its payload holds them (no validation; see <see cref="Validate"/>).</summary>
    public static JsonElement Payload(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length); // signed, not encrypted (a JWE has five parts)
        return JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1])).RootElement;
    }

    public static JsonElement Header(string jwt) => JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[0])).RootElement;

    /// <summary>The values of a claim that may be one string or an array of strings.</summary>
    public static string[] Values(JsonElement payload, string claim) =>
        !payload.TryGetProperty(claim, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
        : [value.GetString()!];

    /// <summary>Validates <paramref name="jwt"/> as another service would: keys from the JWKS endpoint, issuer and audience.</summary>
    public static async Task<TokenValidationResult> Validate(HttpClient client, string jwt)
    {
        var jwks = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = IdentityFactory.Issuer,
            ValidAudience = "ipplatform-api",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
        });
    }
}
