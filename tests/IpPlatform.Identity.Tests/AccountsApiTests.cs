using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Identity;
using static IpPlatform.Identity.Tests.Samples;

namespace IpPlatform.Identity.Tests;

/// <summary>The administrator's accounts API, its authorization, and what deactivation and lockout do to grants.</summary>
public sealed class AccountsApiTests(IdentityFactory factory) : IClassFixture<IdentityFactory>, IAsyncLifetime
{
    readonly HttpClient anonymous = factory.CreateClient();
    HttpClient admin = null!;

    public async ValueTask InitializeAsync() => admin = await OAuth.SignedIn(factory, "admin");

    public ValueTask DisposeAsync()
    {
        admin.Dispose();
        anonymous.Dispose();
        return ValueTask.CompletedTask;
    }

    async Task<string> CreateStaff(string role, string? officeCode = null, string[]? divisions = null)
    {
        var userName = NewUserName(role);
        var created = await Body(await admin.PostJson("/api/identity/accounts", StaffAccount(userName, role, officeCode, divisions)), HttpStatusCode.Created);
        Assert.Equal(userName, created.GetProperty("userName").GetString());
        return userName;
    }

    [Fact]
    public async Task The_administrator_creates_a_county_office_account_that_can_then_sign_in()
    {
        var userName = NewUserName("county");
        var response = await admin.PostJson("/api/identity/accounts", StaffAccount(userName, "county-office", "320583"));

        var created = await Body(response, HttpStatusCode.Created);
        Assert.Equal($"/api/identity/accounts/{userName}", response.Headers.Location!.ToString());
        Assert.Equal("county-office", created.GetProperty("role").GetString());
        Assert.Equal("320583", created.GetProperty("office").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());
        Assert.EndsWith("Z", created.GetProperty("createdAt").GetString());
        Assert.False(created.TryGetProperty("passwordHash", out _));

        var fetched = await Body(await admin.GetAsync($"/api/identity/accounts/{userName}"), HttpStatusCode.OK);
        Assert.Equal("320583", fetched.GetProperty("office").GetString());
        Assert.EndsWith("Z", fetched.GetProperty("updatedAt").GetString());

        var claims = OAuth.Payload(await OAuth.AccessToken(anonymous, userName, Password));
        Assert.Equal("320583", claims.GetProperty("office").GetString());
    }

    [Fact]
    public async Task A_staff_account_may_have_a_mailbox_which_delivery_learns_from_AccountRegistered()
    {
        var malformed = new { userName = NewUserName("county"), displayName = "测试账号", role = "county-office", officeCode = "320583", password = Password, email = "not-an-address" };
        Assert.Equal(["email"], await InvalidFields(await admin.PostJson("/api/identity/accounts", malformed)));

        var userName = NewUserName("county");
        var request = new { userName, displayName = "测试账号", role = "county-office", officeCode = "320583", password = Password, email = " ip@ks.example.gov.cn " };
        await Body(await admin.PostJson("/api/identity/accounts", request), HttpStatusCode.Created);

        var registered = await IpPlatform.Testing.Eventually.Get(
            () => Task.FromResult(factory.Harness.Published.Select<IpPlatform.Contracts.Events.AccountRegistered>().Select(m => m.Context.Message)
                .SingleOrDefault(m => m.UserName == userName)),
            m => m is not null, what: "AccountRegistered published");
        Assert.Equal("ip@ks.example.gov.cn", registered!.Email);
        Assert.Equal("320583", registered.OfficeCode);
    }

    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var userName = await CreateStaff("county-office", "320583");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/accounts/{userName}/deactivate", null)).StatusCode);

        var seen = 0;
        foreach (var path in new[]
                 {
                     $"/api/identity/accounts/{userName}", "/api/identity/accounts", "/api/identity/clients", "/api/identity/me",
                     "/api/identity/audit",
                 })
        {
            var (withoutOffset, count) = IpPlatform.Testing.Instants.Walk(await admin.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 1, $"only {seen} instants were read; the walk proves nothing without them");
    }

    [Fact]
    public async Task Listing_by_role_gives_only_accounts_of_that_role()
    {
        var offices = await Body(await admin.GetAsync("/api/identity/accounts?role=city-office"), HttpStatusCode.OK);

        var names = offices.EnumerateArray().Select(a => a.GetProperty("userName").GetString()).ToList();
        Assert.Contains("city-320500", names);
        Assert.Contains("city-320200", names);
        Assert.All(offices.EnumerateArray(), a => Assert.Equal("city-office", a.GetProperty("role").GetString()));

        Assert.Equal(["role"], await InvalidFields(await admin.GetAsync("/api/identity/accounts?role=mayor")));
    }

    [Fact]
    public async Task A_province_account_needs_divisions_the_calls_know()
    {
        Assert.Equal(["divisions"], await InvalidFields(await admin.PostJson("/api/identity/accounts", StaffAccount(NewUserName("prov"), "province"))));
        Assert.Equal(["divisions"], await InvalidFields(await admin.PostJson("/api/identity/accounts",
            StaffAccount(NewUserName("prov"), "province", divisions: ["省知识产权局办公室"]))));
        Assert.Equal(["divisions"], await InvalidFields(await admin.PostJson("/api/identity/accounts",
            StaffAccount(NewUserName("exp"), "expert", divisions: [ProvinceDivisions.Services]))));

        var userName = await CreateStaff("province", divisions: [ProvinceDivisions.Services]);
        Assert.Equal([ProvinceDivisions.Services], OAuth.Values(OAuth.Payload(await OAuth.AccessToken(anonymous, userName, Password)), "division"));
    }

    [Theory]
    [InlineData("county-office", "320500")] // a city, not a county
    [InlineData("county-office", "329999")] // not in the table
    [InlineData("county-office", null)]
    [InlineData("city-office", "320583")] // a county, not a city
    [InlineData("city-government", "320000")] // the province
    [InlineData("expert", "320583")] // experts are not bound to a region
    public async Task An_office_must_be_bound_to_a_code_of_its_level(string role, string? officeCode)
    {
        var response = await admin.PostJson("/api/identity/accounts", StaffAccount(NewUserName("office"), role, officeCode));
        Assert.Equal(["officeCode"], await InvalidFields(response));
    }

    [Fact]
    public async Task An_invalid_account_names_every_bad_field_including_the_password_rules()
    {
        var response = await admin.PostJson("/api/identity/accounts", new { userName = "X", displayName = "", role = "applicant", password = "short" });

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["displayName", "password", "role", "userName"], errors.EnumerateObject().Select(e => e.Name).Order());
        var passwordRules = string.Join(" ", errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("at least 8 characters", passwordRules);
        Assert.Contains("digit", passwordRules);
    }

    [Fact]
    public async Task A_taken_user_name_is_a_conflict()
    {
        var problem = await Problem(await admin.PostJson("/api/identity/accounts", StaffAccount("expert-1", "expert")), HttpStatusCode.Conflict);
        Assert.Contains("expert-1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_other_roles_403_as_problem_documents()
    {
        var body = StaffAccount(NewUserName("x"), "expert");

        var unauthenticated = await anonymous.PostJson("/api/identity/accounts", body);
        await Problem(unauthenticated, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", unauthenticated.Headers.WwwAuthenticate.Single().Scheme);

        using var county = await OAuth.SignedIn(factory, "county-320583");
        await Problem(await county.PostJson("/api/identity/accounts", body), HttpStatusCode.Forbidden);
        await Problem(await county.GetAsync("/api/identity/accounts"), HttpStatusCode.Forbidden);
        await Problem(await county.PostAsync("/api/identity/accounts/expert-1/deactivate", null), HttpStatusCode.Forbidden);

        await Problem(await anonymous.GetAsync("/api/identity/me"), HttpStatusCode.Unauthorized);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me") { Headers = { Authorization = new("Bearer", "not.a.token") } };
        await Problem(await anonymous.SendAsync(forged), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/identity/accounts/{NewUserName("nobody")}")).StatusCode);
    }

    [Fact]
    public async Task Deactivation_refuses_new_password_and_refresh_grants_at_once_and_reactivation_restores_them()
    {
        var userName = await CreateStaff("finance");
        var tokens = await OAuth.Granted(OAuth.PasswordGrant(anonymous, userName, Password, "api offline_access"));
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;

        var deactivated = await Body(await admin.PostAsync($"/api/identity/accounts/{userName}/deactivate", null), HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("active").GetBoolean());

        Assert.Equal("invalid_grant", (await OAuth.Refused(OAuth.PasswordGrant(anonymous, userName, Password))).Error);
        Assert.Equal("invalid_grant", (await OAuth.Refused(OAuth.RefreshGrant(anonymous, refreshToken))).Error);
        var again = await Problem(await admin.PostAsync($"/api/identity/accounts/{userName}/deactivate", null), HttpStatusCode.Conflict);
        Assert.Equal("account-already-deactivated", again.GetProperty("code").GetString());

        var reactivated = await Body(await admin.PostAsync($"/api/identity/accounts/{userName}/reactivate", null), HttpStatusCode.OK);
        Assert.True(reactivated.GetProperty("active").GetBoolean());
        var renewed = await OAuth.Granted(OAuth.PasswordGrant(anonymous, userName, Password, "api offline_access"));
        await OAuth.Granted(OAuth.RefreshGrant(anonymous, renewed.GetProperty("refresh_token").GetString()!));
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_their_own_account()
    {
        var problem = await Problem(await admin.PostAsync("/api/identity/accounts/admin/deactivate", null), HttpStatusCode.Conflict);
        Assert.Equal("cannot-deactivate-self", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var userName = await CreateStaff("expert");
        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal("invalid_grant", (await OAuth.Refused(OAuth.PasswordGrant(anonymous, userName, "Wrong-password-1"))).Error);
        await OAuth.Granted(OAuth.PasswordGrant(anonymous, userName, Password)); // four failures do not lock, and success resets the count

        for (var attempt = 1; attempt <= 5; attempt++)
            await OAuth.Refused(OAuth.PasswordGrant(anonymous, userName, "Wrong-password-1"));

        var (error, description) = await OAuth.Refused(OAuth.PasswordGrant(anonymous, userName, Password));
        Assert.Equal("invalid_grant", error);
        Assert.Equal((await OAuth.Refused(OAuth.PasswordGrant(anonymous, userName, "Wrong-password-1"))).Description, description);
        var view = await Body(await admin.GetAsync($"/api/identity/accounts/{userName}"), HttpStatusCode.OK);
        var lockedUntil = DateTimeOffset.Parse(view.GetProperty("lockedOutUntil").GetString()!);
        Assert.InRange(lockedUntil - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(16));
        Assert.True(await factory.With<UserManager<Account>, bool>(async users => await users.IsLockedOutAsync((await users.FindByNameAsync(userName))!)));
    }

    [Fact]
    public async Task Regions_are_public_with_their_level_and_city()
    {
        var regions = await anonymous.GetFromJsonAsync<JsonElement>("/api/identity/regions");

        var kunshan = regions.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "320583");
        Assert.Equal("昆山市", kunshan.GetProperty("name").GetString());
        Assert.Equal("County", kunshan.GetProperty("level").GetString());
        Assert.Equal("320500", kunshan.GetProperty("cityCode").GetString());
        Assert.Equal(13, regions.EnumerateArray().Count(r => r.GetProperty("level").GetString() == "City"));
    }
}
