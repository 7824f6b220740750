using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using IpPlatform.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IpPlatform.Testing;

/// <summary>An account as a test acts with it: the claims its access token carries.</summary>
public sealed record TestAccount(string Name, string Role, string? Office = null, IReadOnlyList<string>? Divisions = null, string? Organisation = null)
{
    public string Id { get; init; } = $"test-{Name}";
    public string? Scope { get; init; }

    public override string ToString() => Office is null ? Name : $"{Name} ({Office})";
}

/// <summary>The accounts tests use, named like the development demo accounts.</summary>
public static class TestAccounts
{
    public const string ProtectionDivision = "省知识产权局知识产权保护处";
    public const string IndustryDivision = "省知识产权局产业促进处";
    public const string ServiceDivision = "省知识产权局知识产权服务处";

    public static readonly TestAccount Admin = new("admin", PlatformRoles.Admin);
    public static TestAccount County(string code) => new($"county-{code}", PlatformRoles.CountyOffice, code);
    public static TestAccount City(string code) => new($"city-{code}", PlatformRoles.CityOffice, code);
    public static TestAccount CityGovernment(string code) => new($"citygov-{code}", PlatformRoles.CityGovernment, code);
    public static readonly TestAccount Province = new("province", PlatformRoles.Province, Divisions: [ProtectionDivision, IndustryDivision, ServiceDivision]);
    public static TestAccount ProvinceDivision(string division) => new($"province-{division}", PlatformRoles.Province, Divisions: [division]);
    public static TestAccount Expert(string name = "expert-1") => new(name, PlatformRoles.Expert);
    public static readonly TestAccount Finance = new("finance", PlatformRoles.Finance);
    public static TestAccount Applicant(string creditCode) => new(creditCode, PlatformRoles.Applicant, Organisation: creditCode);
    public static readonly TestAccount Agency = new("agency-demo", PlatformRoles.Agency) { Scope = PlatformClaims.ReadScope };
}

/// <summary>
/// Issues access tokens as the identity service would (same claims, audience and issuer), signed with a key
/// the service under test is told to trust instead of fetching the identity service's keys.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.test/";
    public static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "test-key" };
    /// <summary>A key nobody trusts: tokens signed with it must be refused.</summary>
    public static readonly RsaSecurityKey ForeignKey = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static string For(TestAccount account, DateTimeOffset? expires = null, string audience = PlatformClaims.Audience,
        SecurityKey? key = null, string issuer = Issuer)
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, account.Id),
            new(PlatformClaims.Name, account.Name),
            new(PlatformClaims.Role, account.Role),
            new(PlatformClaims.Scope, account.Scope ?? PlatformClaims.ApiScope),
        };
        if (account.Office is not null) claims.Add(new(PlatformClaims.Office, account.Office));
        if (account.Organisation is not null) claims.Add(new(PlatformClaims.Organisation, account.Organisation));
        foreach (var division in account.Divisions ?? []) claims.Add(new(PlatformClaims.Division, division));

        var expiry = expires ?? DateTimeOffset.UtcNow.AddMinutes(15);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expiry.UtcDateTime.AddMinutes(-30),
            IssuedAt = expiry.UtcDateTime.AddMinutes(-30),
            Expires = expiry.UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Sets the bearer token of <paramref name="client"/> to <paramref name="account"/>'s (or none).</summary>
    public static HttpClient As(this HttpClient client, TestAccount? account)
    {
        client.DefaultRequestHeaders.Authorization = account is null ? null : new AuthenticationHeaderValue("Bearer", For(account));
        return client;
    }
}
