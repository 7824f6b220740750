using System.Net;
using IpPlatform.Contracts.Events;
using static IpPlatform.Identity.Tests.Samples;

namespace IpPlatform.Identity.Tests;

/// <summary>An organisation registers itself, then signs in with its credit code.</summary>
public sealed class ApplicantRegistrationTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_registered_applicant_signs_in_and_its_token_names_its_organisation()
    {
        var creditCode = NewCreditCode();
        var response = await client.PostJson("/api/identity/applicants", Registration(creditCode));

        var account = await Body(response, HttpStatusCode.Created);
        Assert.Equal(creditCode, account.GetProperty("userName").GetString());
        Assert.Equal("applicant", account.GetProperty("role").GetString());
        Assert.Equal(creditCode, account.GetProperty("org").GetString());
        Assert.Equal("Enterprise", account.GetProperty("applicantKind").GetString());
        Assert.Equal("320583", account.GetProperty("regionCode").GetString());
        Assert.Equal("13912345678", account.GetProperty("contact").GetProperty("mobile").GetString());

        var claims = OAuth.Payload(await OAuth.AccessToken(client, creditCode, Password));
        Assert.Equal("applicant", claims.GetProperty("role").GetString());
        Assert.Equal(creditCode, claims.GetProperty("org").GetString());
        Assert.Equal(creditCode, claims.GetProperty("name").GetString());
        Assert.False(claims.TryGetProperty("office", out _));

        using var signedIn = await OAuth.SignedIn(factory, creditCode, Password);
        var me = await Body(await signedIn.GetAsync("/api/identity/me"), HttpStatusCode.OK);
        Assert.Equal(creditCode, me.GetProperty("org").GetString());
        Assert.Equal("昆山示例科技有限公司", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_registration_publishes_AccountRegistered_with_the_contact_email_and_a_refused_one_publishes_nothing()
    {
        var refused = NewCreditCode();
        await Problem(await client.PostJson("/api/identity/applicants", Registration(refused, password: "password")), HttpStatusCode.BadRequest);
        var creditCode = NewCreditCode();
        await Body(await client.PostJson("/api/identity/applicants", Registration(creditCode)), HttpStatusCode.Created);

        // The outbox publishes in order: once the accepted one is out, the refused one would have been too.
        // The dispatcher publishes after the commit, in its own time: wait for it rather than for the harness's idle window.
        var registered = await IpPlatform.Testing.Eventually.Get(
            () => Task.FromResult(factory.Harness.Published.Select<AccountRegistered>().Select(m => m.Context.Message)
                .SingleOrDefault(m => m.UserName == creditCode)),
            m => m is not null, what: "AccountRegistered published");
        Assert.Equal("applicant", registered.Role);
        Assert.Equal("ip@kunshan-tech.example.com", registered.Email);
        Assert.Null(registered.OfficeCode);
        Assert.Equal(TimeSpan.Zero, registered.RegisteredAt.Offset);
        Assert.DoesNotContain(factory.Harness.Published.Select<AccountRegistered>(), m => m.Context.Message.UserName == refused);
    }

    [Fact]
    public async Task Every_bad_field_is_named_in_one_validation_problem()
    {
        var badCheckCharacter = NewCreditCode()[..17] + "?";
        var response = await client.PostJson("/api/identity/applicants",
            Registration(badCheckCharacter, regionCode: "329999", mobile: "12345678901", email: "not-an-email", kind: "Hospital", password: "password"));

        Assert.Equal(["contact.email", "contact.mobile", "creditCode", "kind", "password", "regionCode"], await InvalidFields(response));
    }

    [Theory]
    [InlineData("creditCode")]
    [InlineData("regionCode")]
    [InlineData("contact.mobile")]
    public async Task One_bad_field_is_named_alone(string field)
    {
        var creditCode = NewCreditCode();
        var registration = field switch
        {
            "creditCode" => Registration(creditCode[..17] + (creditCode[17] == '0' ? '1' : '0')), // wrong check character
            "regionCode" => Registration(creditCode, regionCode: "320000"), // the province, not a place an applicant is
            _ => Registration(creditCode, mobile: "1391234567"), // ten digits
        };

        Assert.Equal([field], await InvalidFields(await client.PostJson("/api/identity/applicants", registration)));
    }

    [Fact]
    public async Task A_city_government_registers_at_a_city_code_only()
    {
        var response = await client.PostJson("/api/identity/applicants", Registration(NewCreditCode(), regionCode: "320583", kind: "CityGovernment"));
        Assert.Equal(["regionCode"], await InvalidFields(response));
    }

    [Fact]
    public async Task A_credit_code_registers_once()
    {
        var creditCode = NewCreditCode();
        await Body(await client.PostJson("/api/identity/applicants", Registration(creditCode)), HttpStatusCode.Created);

        var problem = await Problem(await client.PostJson("/api/identity/applicants", Registration(creditCode)), HttpStatusCode.Conflict);
        Assert.Equal("already-registered", problem.GetProperty("code").GetString());
        Assert.Contains(creditCode, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unreadable_body_is_a_problem_document_naming_the_field()
    {
        using var content = new StringContent("""{"creditCode": 42}""", System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/identity/applicants", content);
        Assert.Equal(["creditCode"], await InvalidFields(response));
    }
}
