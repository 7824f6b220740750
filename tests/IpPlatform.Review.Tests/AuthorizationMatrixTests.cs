using IpPlatform.Testing;
using static IpPlatform.Security.PlatformRoles;

namespace IpPlatform.Review.Tests;

/// <summary>Every endpoint of review × every role and no token: who is refused, and how.</summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("review-db");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    static readonly EndpointRule[] Rules =
    [
        new("GET", "/api/reviews/", Province, Admin, Agency, Expert),
        new("GET", "/api/reviews/{applicationId:guid}", Province, Admin, Agency, Expert),
        new("POST", "/api/reviews/{applicationId:guid}/scores", Expert),
        new("POST", "/api/reviews/{applicationId:guid}/decision", Province),
        new("POST", "/api/reviews/{applicationId:guid}/return", Province),
        new("POST", "/api/reviews/{applicationId:guid}/panel", Province),
        new("POST", "/api/reviews/{applicationId:guid}/panel/decline", Expert),
        new("POST", "/api/reviews/{applicationId:guid}/panel/close", Province),
        new("POST", "/api/reviews/panels", Province),
        new("POST", "/api/reviews/{applicationId:guid}/cancellation", Province),
        new("GET", "/api/reviews/ranking", Province, Admin),
        new("POST", "/api/reviews/decisions", Province),
        new("GET", "/api/reviews/decisions", Province, Admin),
        new("GET", "/api/reviews/decisions/{decisionId:guid}", Province, Admin),
        new("POST", "/api/reviews/decisions/{decisionId:guid}/objections", Province),
        new("POST", "/api/reviews/decisions/{decisionId:guid}/objections/{objectionId:guid}/resolution", Province),
        new("POST", "/api/reviews/decisions/{decisionId:guid}/finalisation", Province),
        new("GET", "/api/reviews/experts", Admin),
        new("PUT", "/api/reviews/experts/{accountName}", Admin),
        new("GET", "/api/reviews/audit/", Admin),
        new("GET", "/api/reviews/audit/verify", Admin),
    ];

    [Fact]
    public async Task Every_endpoint_states_its_rule_and_refuses_everyone_else()
    {
        Assert.Empty(await DenialMatrix.FailuresAsync(service, Rules));
    }
}
