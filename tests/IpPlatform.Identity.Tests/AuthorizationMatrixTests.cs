using System.Net;
using System.Text.Json;
using IpPlatform.Security;
using IpPlatform.Testing;
using Microsoft.Data.Sqlite;
using static IpPlatform.Testing.DenialMatrix;

namespace IpPlatform.Identity.Tests;

/// <summary>Who may call each endpoint of the identity service, with real tokens it issued; and its audit log.</summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    readonly IdentityFactory identity = new();
    HttpClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = identity.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await identity.DisposeAsync();

    static readonly EndpointRule[] Rules =
    [
        new("POST", "/api/identity/applicants", Anyone),
        new("GET", "/api/identity/regions", Anyone),
        new("GET", "/api/identity/me", [.. PlatformRoles.All]),
        new("POST", "/api/identity/accounts", PlatformRoles.Admin),
        new("GET", "/api/identity/accounts", PlatformRoles.Admin),
        new("GET", "/api/identity/accounts/{userName}", PlatformRoles.Admin),
        new("POST", "/api/identity/accounts/{userName}/deactivate", PlatformRoles.Admin),
        new("POST", "/api/identity/accounts/{userName}/reactivate", PlatformRoles.Admin),
        new("POST", "/api/identity/clients", PlatformRoles.Admin),
        new("GET", "/api/identity/clients", PlatformRoles.Admin),
        new("GET", "/api/identity/audit", PlatformRoles.Admin),
        new("GET", "/api/identity/audit/verify", PlatformRoles.Admin),
        // The token endpoint answers by OAuth's rules (a bad grant is a 400), not by a policy; discovery and
        // keys are served by OpenIddict's middleware, not by an endpoint.
        new("POST", "/connect/token", Anyone),
        // The browser's sign-in for the web portal: the person has no token yet.
        new("GET", "/connect/authorize", Anyone),
        new("POST", "/connect/authorize", Anyone),
        new("GET", "/connect/logout", Anyone),
        new("POST", "/connect/logout", Anyone),
        new("GET", "/connect/login", Anyone),
        new("POST", "/connect/login", Anyone),
    ];

    /// <summary>A token of a seeded account with the role of <paramref name="account"/> (a fresh applicant for the applicant role).</summary>
    async Task<string> TokenFor(TestAccount account)
    {
        switch (account.Role)
        {
            case PlatformRoles.Applicant:
                var code = Samples.NewCreditCode();
                await Samples.Body(await client.PostJson("/api/identity/applicants", Samples.Registration(code)), HttpStatusCode.Created);
                return await OAuth.AccessToken(client, code, Samples.Password);
            case PlatformRoles.Agency:
                return (await OAuth.Granted(OAuth.ClientCredentials(client, "agency-demo", "agency-demo-secret"))).GetProperty("access_token").GetString()!;
            default:
                return await OAuth.AccessToken(client, account.Name);
        }
    }

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_its_rule_says()
    {
        var failures = await FailuresAsync(identity.Services, client, TokenFor, Rules,
            new Dictionary<string, string> { ["userName"] = "expert-2" });

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Acts_on_accounts_are_in_a_chained_audit_log_that_names_an_edited_row()
    {
        var admin = await OAuth.SignedIn(identity, "admin");
        var code = Samples.NewCreditCode();
        await Samples.Body(await client.PostJson("/api/identity/applicants", Samples.Registration(code)), HttpStatusCode.Created);
        await Samples.Body(await admin.PostJson("/api/identity/accounts", Samples.StaffAccount(Samples.NewUserName("county"), PlatformRoles.CountyOffice, "320581")), HttpStatusCode.Created);
        await Samples.Body(await admin.PostAsync("/api/identity/accounts/expert-2/deactivate", null), HttpStatusCode.OK);

        var page = JsonDocument.Parse(await admin.GetStringAsync("/api/identity/audit")).RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["account.registered", "account.created", "account.deactivated"], page.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(code, page[0].GetProperty("actorName").GetString());
        Assert.Equal(["admin", "admin"], page.Skip(1).Select(e => e.GetProperty("actorName").GetString()));
        Assert.True(JsonDocument.Parse(await admin.GetStringAsync("/api/identity/audit/verify")).RootElement.GetProperty("intact").GetBoolean());

        await AuditTampering.RewriteEntryAsync($"Data Source={Path.Combine(identity.Folder, "identity.db")};Pooling=False", "ActorName = 'someone-else'");

        var verification = JsonDocument.Parse(await admin.GetStringAsync("/api/identity/audit/verify")).RootElement;
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        Assert.Equal(1, verification.GetProperty("entriesChecked").GetInt64());
    }
}
