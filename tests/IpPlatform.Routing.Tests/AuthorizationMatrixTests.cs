using IpPlatform.Security;
using IpPlatform.Testing;
using static IpPlatform.Security.PlatformRoles;

namespace IpPlatform.Routing.Tests;

/// <summary>Every endpoint of routing × every role and no token: who is refused, and how.</summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("routing-db");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    static readonly EndpointRule[] Rules =
    [
        new("POST", "/api/routing/{applicationId:guid}/recommend", CountyOffice, CityOffice, CityGovernment),
        new("POST", "/api/routing/{applicationId:guid}/return", CountyOffice, CityOffice, CityGovernment),
        new("POST", "/api/routing/recommendations", CountyOffice, CityOffice, CityGovernment),
        new("POST", "/api/routing/returns", CountyOffice, CityOffice, CityGovernment),
        new("GET", "/api/routing/{applicationId:guid}", Admin, CountyOffice, CityOffice, CityGovernment, Province, Expert, Finance, Agency),
        new("PUT", "/api/routing/cities/{cityCode}/figures", Admin),
        new("GET", "/api/routing/cities/{cityCode}/summary", CityOffice, CityGovernment, Province, Admin, Agency),
        new("GET", "/api/routing/summary-tables/{callId}/{cityCode}", CityOffice, CityGovernment, Province, Admin),
        new("GET", "/api/routing/summary-tables/{callId}/{cityCode}.xlsx", CityOffice, CityGovernment, Province, Admin),
        new("GET", "/api/routing/summary-tables/{callId}/{cityCode}.pdf", CityOffice, CityGovernment, Province, Admin),
        new("PUT", "/api/routing/summary-tables/{callId}/{cityCode}/{trackId}/order", CityOffice),
        new("POST", "/api/routing/summary-tables/{callId}/{cityCode}/{trackId}/delivery", CityOffice),
        new("GET", "/api/routing/audit/", Admin),
        new("GET", "/api/routing/audit/verify", Admin),
    ];

    [Fact]
    public async Task Every_endpoint_states_its_rule_and_refuses_everyone_else()
    {
        // The matrix's city accounts are Suzhou's: its summary is theirs to read.
        var failures = await DenialMatrix.FailuresAsync(service, Rules, new Dictionary<string, string> { ["cityCode"] = Samples.Suzhou });
        Assert.Empty(failures);
    }

    [Fact]
    public void The_matrix_covers_every_role()
    {
        Assert.Equal(PlatformRoles.All.Order(), DenialMatrix.OneOfEachRole.Select(a => a.Role).Order());
    }
}
