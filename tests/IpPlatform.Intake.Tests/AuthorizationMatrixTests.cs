using IpPlatform.Security;
using IpPlatform.Testing;

namespace IpPlatform.Intake.Tests;

/// <summary>Every endpoint of intake states who may call it; every other role gets 403, no token 401.</summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("intake-db");

    /// <summary>The owner and staff read (narrowed by jurisdiction: 404 outside it); agencies need the read scope.</summary>
    static readonly string[] CaseReaders = [.. PlatformRoles.All];

    static readonly EndpointRule[] Rules =
    [
        new("POST", "/api/applications/", PlatformRoles.Applicant),
        new("PUT", "/api/applications/{id:guid}", PlatformRoles.Applicant),
        new("POST", "/api/applications/{id:guid}/submit", PlatformRoles.Applicant),
        new("GET", "/api/applications/", CaseReaders),
        new("GET", "/api/applications/{id:guid}", CaseReaders),
        new("POST", "/api/applications/{id:guid}/materials/{materialId}", PlatformRoles.Applicant),
        new("PUT", "/api/applications/{id:guid}/materials/{materialId}/{fileId:guid}", PlatformRoles.Applicant),
        new("DELETE", "/api/applications/{id:guid}/materials/{materialId}/{fileId:guid}", PlatformRoles.Applicant),
        new("GET", "/api/applications/{id:guid}/materials/", CaseReaders),
        new("GET", "/api/applications/{id:guid}/materials/{fileId:guid}/content", CaseReaders),
        new("GET", "/api/applications/audit/", PlatformRoles.Admin),
        new("GET", "/api/applications/audit/verify", PlatformRoles.Admin),
    ];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_refuses_every_account_outside_its_rule()
    {
        var failures = await DenialMatrix.FailuresAsync(service, Rules);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task An_agency_client_without_the_read_scope_may_not_read_applications()
    {
        using var client = service.CreateClient(TestAccounts.Agency with { Scope = PlatformClaims.ApiScope });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/api/applications")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync($"/api/applications/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync($"/api/applications/{Guid.NewGuid()}/materials")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync($"/api/applications/{Guid.NewGuid()}/materials/{Guid.NewGuid()}/content")).StatusCode);
    }
}
