using System.Net;
using static IpPlatform.Identity.Tests.Samples;

namespace IpPlatform.Identity.Tests;

/// <summary>Machine clients of other agencies, created by the administrator.</summary>
public sealed class ClientsApiTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    readonly HttpClient anonymous = factory.CreateClient();

    [Fact]
    public async Task A_created_clients_secret_is_shown_once_and_gets_agency_tokens()
    {
        using var admin = await OAuth.SignedIn(factory, "admin");
        var clientId = NewUserName("agency");

        var created = await Body(await admin.PostJson("/api/identity/clients", new { clientId, displayName = "省市场监管局数据中心" }), HttpStatusCode.Created);
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.True(secret.Length >= 40, secret);
        Assert.Equal(["ipplatform.read"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var claims = OAuth.Payload((await OAuth.Granted(OAuth.ClientCredentials(anonymous, clientId, secret))).GetProperty("access_token").GetString()!);
        Assert.Equal(clientId, claims.GetProperty("sub").GetString());
        Assert.Equal("省市场监管局数据中心", claims.GetProperty("name").GetString());
        Assert.Equal("agency", claims.GetProperty("role").GetString());
        Assert.Equal("ipplatform.read", claims.GetProperty("scope").GetString());
        Assert.Equal("invalid_client", (await OAuth.Refused(OAuth.ClientCredentials(anonymous, clientId, secret + "x"), HttpStatusCode.Unauthorized)).Error);
        // A machine client has no password grant.
        Assert.Equal("unauthorized_client", (await OAuth.Refused(anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = clientId, ["client_secret"] = secret, ["username"] = "admin", ["password"] = IdentityFactory.DemoPassword,
        })))).Error);

        var listed = await Body(await admin.GetAsync("/api/identity/clients"), HttpStatusCode.OK);
        var entry = listed.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId);
        Assert.Equal(["client_credentials"], entry.GetProperty("grantTypes").EnumerateArray().Select(g => g.GetString()));
        Assert.False(entry.TryGetProperty("clientSecret", out _));
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("clientId").GetString() == "ipplatform-cli"
                                                      && c.GetProperty("clientType").GetString() == "public");
    }

    [Fact]
    public async Task A_taken_or_malformed_client_id_is_refused()
    {
        using var admin = await OAuth.SignedIn(factory, "admin");

        await Problem(await admin.PostJson("/api/identity/clients", new { clientId = "agency-demo", displayName = "重复" }), HttpStatusCode.Conflict);
        Assert.Equal(["clientId", "displayName"], await InvalidFields(await admin.PostJson("/api/identity/clients", new { clientId = "Bad Id!", displayName = "" })));
        Assert.Equal(["clientId"], await InvalidFields(await admin.PostJson("/api/identity/clients", new { clientId = "ipplatform-cli", displayName = "CLI" })));
    }

    [Fact]
    public async Task Only_the_administrator_manages_clients()
    {
        using var finance = await OAuth.SignedIn(factory, "finance");
        await Problem(await finance.GetAsync("/api/identity/clients"), HttpStatusCode.Forbidden);
        await Problem(await anonymous.PostJson("/api/identity/clients", new { clientId = "x-agency", displayName = "X" }), HttpStatusCode.Unauthorized);
    }
}
