using IpPlatform.Security;
using IpPlatform.Testing;

namespace IpPlatform.Delivery.Tests;

/// <summary>Every endpoint of the delivery service × no token and one account of each role.</summary>
public sealed class AuthorizationMatrixTests
{
    static readonly string[] EventReaders = [PlatformRoles.Admin, PlatformRoles.Agency];

    [Fact]
    public async Task Each_endpoint_admits_exactly_the_roles_of_its_rule()
    {
        await using var service = Samples.Service();

        var failures = await DenialMatrix.FailuresAsync(service,
        [
            new("GET", "/api/events/", EventReaders),
            new("GET", "/api/events/asyncapi.json", DenialMatrix.Anyone),
            new("GET", "/api/events/schemas/{eventName}.json", DenialMatrix.Anyone),
            new("POST", "/api/webhooks/", EventReaders),
            new("GET", "/api/webhooks/", EventReaders),
            new("GET", "/api/webhooks/{id:guid}", EventReaders),
            new("DELETE", "/api/webhooks/{id:guid}", EventReaders),
            new("POST", "/api/webhooks/{id:guid}/secret", EventReaders),
            new("GET", "/api/webhooks/{id:guid}/deliveries", EventReaders),
            new("POST", "/api/webhooks/{id:guid}/replay", EventReaders),
            new("GET", "/api/webhooks/audit/", PlatformRoles.Admin),
            new("GET", "/api/webhooks/audit/verify", PlatformRoles.Admin),
            new("GET", "/api/notifications/", PlatformRoles.All.ToArray()),
            new("POST", "/api/notifications/{id:guid}/read", PlatformRoles.All.ToArray()),
        ]);

        Assert.Empty(failures);
    }
}
