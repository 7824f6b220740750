using System.Net;
using IpPlatform.Security;
using IpPlatform.Testing;

namespace IpPlatform.Eligibility.Tests;

/// <summary>Every endpoint of eligibility states who may call it; every other role gets 403, no token 401.</summary>
public sealed class AuthorizationMatrixTests : EligibilityServiceTest
{
    static readonly EndpointRule[] Rules =
    [
        new("POST", "/api/eligibility/precheck", DenialMatrix.Anyone),
        // Its applicant and staff read (narrowed by jurisdiction: 404 outside it); agencies need the read scope.
        new("GET", "/api/eligibility/assessments/{applicationId:guid}", [.. PlatformRoles.All]),
        new("GET", "/api/eligibility/calls/", DenialMatrix.Anyone),
        new("GET", "/api/eligibility/calls/{id}", DenialMatrix.Anyone),
        new("GET", "/api/eligibility/calls/diff", DenialMatrix.Anyone),
        new("GET", "/api/eligibility/calls/{id}/versions", DenialMatrix.Anyone),
        new("GET", "/api/eligibility/calls/{id}/versions/{version:int}", DenialMatrix.Anyone),
        new("POST", "/api/eligibility/calls/", PlatformRoles.Admin),
        new("POST", "/api/eligibility/calls/{id}/versions", PlatformRoles.Admin),
        new("POST", "/api/eligibility/history/projects/import", PlatformRoles.Admin),
        new("POST", "/api/eligibility/history/credit-entries", PlatformRoles.Admin),
        new("GET", "/api/eligibility/audit/", PlatformRoles.Admin),
        new("GET", "/api/eligibility/audit/verify", PlatformRoles.Admin),
    ];

    [Fact]
    public async Task Every_endpoint_refuses_every_account_outside_its_rule()
    {
        var failures = await DenialMatrix.FailuresAsync(Service, Rules, new Dictionary<string, string> { ["id"] = "2022", ["version"] = "1" });

        Assert.Empty(failures);
    }

    [Fact]
    public async Task An_agency_client_without_the_read_scope_may_not_read_assessments()
    {
        using var agency = As(TestAccounts.Agency with { Scope = PlatformClaims.ApiScope });

        Assert.Equal(HttpStatusCode.Forbidden, (await agency.GetAsync($"/api/eligibility/assessments/{Guid.NewGuid()}")).StatusCode);
    }
}
