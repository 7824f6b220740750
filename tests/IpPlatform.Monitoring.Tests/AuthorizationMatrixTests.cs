using IpPlatform.Security;
using IpPlatform.Testing;

namespace IpPlatform.Monitoring.Tests;

/// <summary>Every endpoint of the monitoring service × no token and one account of each role.</summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Every role may ask; which projects it then sees is the domain's jurisdiction rule, tested elsewhere.</summary>
    static readonly string[] Readers =
    [
        PlatformRoles.Province, PlatformRoles.Admin, PlatformRoles.Agency, PlatformRoles.Finance, PlatformRoles.Expert,
        PlatformRoles.CountyOffice, PlatformRoles.CityOffice, PlatformRoles.CityGovernment, PlatformRoles.Applicant,
    ];

    [Fact]
    public async Task Each_endpoint_admits_exactly_the_roles_of_its_rule()
    {
        await using var service = new ServiceFactory<Program>("monitoring-db");

        var failures = await DenialMatrix.FailuresAsync(service,
        [
            new("GET", "/api/monitoring/projects/{projectId:guid}", Readers),
            new("GET", "/api/monitoring/projects/", Readers),
            new("POST", "/api/monitoring/projects/{projectId:guid}/reports", PlatformRoles.Applicant),
            new("POST", "/api/monitoring/projects/{projectId:guid}/evaluations", PlatformRoles.Province),
            new("POST", "/api/monitoring/projects/{projectId:guid}/acceptance", PlatformRoles.Province),
            new("GET", "/api/monitoring/audit/", PlatformRoles.Admin),
            new("GET", "/api/monitoring/audit/verify", PlatformRoles.Admin),
        ]);

        Assert.Empty(failures);
    }
}
