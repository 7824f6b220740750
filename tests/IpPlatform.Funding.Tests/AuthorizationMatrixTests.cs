using IpPlatform.Security;
using IpPlatform.Testing;

namespace IpPlatform.Funding.Tests;

/// <summary>Every endpoint of the funding service × no token and one account of each role.</summary>
public sealed class AuthorizationMatrixTests
{
    static readonly string[] Overseers = [PlatformRoles.Finance, PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency];

    [Fact]
    public async Task Each_endpoint_admits_exactly_the_roles_of_its_rule()
    {
        await using var service = new ServiceFactory<Program>("funding-db");

        var failures = await DenialMatrix.FailuresAsync(service,
        [
            new("GET", "/api/funding/{applicationId:guid}", [.. Overseers, PlatformRoles.Applicant]),
            new("GET", "/api/funding/tranches", Overseers),
            new("POST", "/api/funding/tranches/{trancheId:guid}/disbursements", PlatformRoles.Finance),
            new("GET", "/api/funding/audit/", PlatformRoles.Admin),
            new("GET", "/api/funding/audit/verify", PlatformRoles.Admin),
        ]);

        Assert.Empty(failures);
    }
}
