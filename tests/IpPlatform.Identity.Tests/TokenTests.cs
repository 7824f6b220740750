using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IpPlatform.Identity.Tests;

/// <summary>The token contract other services rely on: grants, claims, signature, discovery.</summary>
public sealed class TokenTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Password_grant_gives_a_county_office_a_signed_jwt_with_its_role_and_office()
    {
        var response = await OAuth.Granted(OAuth.PasswordGrant(client, "county-320583", IdentityFactory.DemoPassword));
        var jwt = response.GetProperty("access_token").GetString()!;
        Assert.Equal("Bearer", response.GetProperty("token_type").GetString());

        var claims = OAuth.Payload(jwt);
        Assert.Equal("county-320583", claims.GetProperty("name").GetString());
        Assert.Equal("county-office", claims.GetProperty("role").GetString());
        Assert.Equal("320583", claims.GetProperty("office").GetString());
        Assert.Equal(["ipplatform-api"], OAuth.Values(claims, "aud"));
        Assert.Equal(IdentityFactory.Issuer, claims.GetProperty("iss").GetString());
        Assert.False(string.IsNullOrEmpty(claims.GetProperty("sub").GetString()));
        Assert.Contains("api", claims.GetProperty("scope").GetString()!.Split(' '));
        Assert.False(claims.TryGetProperty("division", out _));
        Assert.False(claims.TryGetProperty("org", out _));

        // Lifetime: the configured default of 15 minutes.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("iat").GetInt64());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.Equal(TimeSpan.FromMinutes(15), expires - issuedAt);
        Assert.True(expires > DateTimeOffset.UtcNow);

        Assert.Equal("RS256", OAuth.Header(jwt).GetProperty("alg").GetString());
        var validation = await OAuth.Validate(client, jwt);
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Fact]
    public async Task A_province_account_carries_one_division_claim_per_division()
    {
        var all = OAuth.Payload(await OAuth.AccessToken(client, "province"));
        var protection = OAuth.Payload(await OAuth.AccessToken(client, "province-protection"));

        Assert.Equal("province", all.GetProperty("role").GetString());
        Assert.Equal(["省知识产权局知识产权保护处", "省知识产权局产业促进处", "省知识产权局知识产权服务处"], OAuth.Values(all, "division"));
        Assert.Equal(["省知识产权局知识产权保护处"], OAuth.Values(protection, "division"));
        Assert.False(all.TryGetProperty("office", out _));
    }

    [Fact]
    public async Task A_city_government_token_names_its_city()
    {
        var claims = OAuth.Payload(await OAuth.AccessToken(client, "citygov-320500"));
        Assert.Equal("city-government", claims.GetProperty("role").GetString());
        Assert.Equal("320500", claims.GetProperty("office").GetString());
    }

    [Fact]
    public async Task Refresh_grant_gives_a_new_access_token_for_the_same_account()
    {
        var first = await OAuth.Granted(OAuth.PasswordGrant(client, "city-320500", IdentityFactory.DemoPassword, "api offline_access"));
        var refreshToken = first.GetProperty("refresh_token").GetString()!;

        var refreshed = await OAuth.Granted(OAuth.RefreshGrant(client, refreshToken));

        var before = OAuth.Payload(first.GetProperty("access_token").GetString()!);
        var after = OAuth.Payload(refreshed.GetProperty("access_token").GetString()!);
        Assert.Equal(before.GetProperty("sub").GetString(), after.GetProperty("sub").GetString());
        Assert.Equal("city-office", after.GetProperty("role").GetString());
        Assert.Equal("320500", after.GetProperty("office").GetString());
        Assert.Equal(["ipplatform-api"], OAuth.Values(after, "aud"));
        Assert.NotEqual(before.GetProperty("jti").GetString(), after.GetProperty("jti").GetString());
    }

    [Fact]
    public async Task Without_offline_access_no_refresh_token_is_issued()
    {
        var response = await OAuth.Granted(OAuth.PasswordGrant(client, "expert-1", IdentityFactory.DemoPassword));
        Assert.False(response.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_neutral_invalid_grant()
    {
        var wrongPassword = await OAuth.Refused(OAuth.PasswordGrant(client, "finance", "Not-the-password-1"));
        var unknownUser = await OAuth.Refused(OAuth.PasswordGrant(client, "nobody-here", IdentityFactory.DemoPassword));

        Assert.Equal("invalid_grant", wrongPassword.Error);
        Assert.Equal(wrongPassword, unknownUser);
    }

    [Fact]
    public async Task Client_credentials_for_the_demo_agency_give_an_agency_token_with_the_read_scope()
    {
        var response = await OAuth.Granted(OAuth.ClientCredentials(client, "agency-demo", "agency-demo-secret"));
        var jwt = response.GetProperty("access_token").GetString()!;

        var claims = OAuth.Payload(jwt);
        Assert.Equal("agency-demo", claims.GetProperty("sub").GetString());
        Assert.Equal("agency", claims.GetProperty("role").GetString());
        Assert.Equal("示例机构（演示）", claims.GetProperty("name").GetString());
        Assert.Equal("ipplatform.read", claims.GetProperty("scope").GetString());
        Assert.Equal(["ipplatform-api"], OAuth.Values(claims, "aud"));
        Assert.False(response.TryGetProperty("refresh_token", out _));
        Assert.True((await OAuth.Validate(client, jwt)).IsValid);
    }

    [Fact]
    public async Task Client_credentials_with_a_wrong_secret_are_refused()
    {
        var (error, _) = await OAuth.Refused(OAuth.ClientCredentials(client, "agency-demo", "not-the-secret"), HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", error);
    }

    [Fact]
    public async Task The_cli_cannot_ask_for_the_agencies_read_scope()
    {
        var (error, description) = await OAuth.Refused(OAuth.PasswordGrant(client, "admin", IdentityFactory.DemoPassword, "ipplatform.read"));
        Assert.Equal("invalid_request", error); // OpenIddict's answer to a scope the client is not permitted
        Assert.Contains("scope", description);
    }

    [Fact]
    public async Task Discovery_advertises_the_configured_issuer_and_its_endpoints_under_it()
    {
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal(IdentityFactory.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(IdentityFactory.Issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(IdentityFactory.Issuer + ".well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("password", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("client_credentials", grants);
    }

    [Fact]
    public async Task The_jwks_publishes_the_rsa_key_that_signs_the_tokens()
    {
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        var kid = OAuth.Header(await OAuth.AccessToken(client, "expert-2")).GetProperty("kid").GetString();

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == kid);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _)); // never the private part
    }

    [Fact]
    public async Task The_access_token_opens_this_services_own_api()
    {
        using var signedIn = await OAuth.SignedIn(factory, "county-320281");

        var me = await Samples.Body(await signedIn.GetAsync("/api/identity/me"), HttpStatusCode.OK);

        Assert.Equal("county-320281", me.GetProperty("userName").GetString());
        Assert.Equal("county-office", me.GetProperty("role").GetString());
        Assert.Equal("320281", me.GetProperty("office").GetString());
        Assert.True(me.GetProperty("active").GetBoolean());
        Assert.EndsWith("Z", me.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task An_agency_token_has_no_account_view()
    {
        var token = (await OAuth.Granted(OAuth.ClientCredentials(client, "agency-demo", "agency-demo-secret"))).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me") { Headers = { Authorization = new("Bearer", token) } };

        var problem = await Samples.Problem(await client.SendAsync(request), HttpStatusCode.NotFound);
        Assert.Contains("machine client", problem.GetProperty("detail").GetString());
    }
}
