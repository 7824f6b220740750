using System.Net;
using System.Text;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Testing;

/// <summary>
/// Who may call an endpoint: <paramref name="Allowed"/> lists roles (<see cref="PlatformRoles"/>), or
/// <see cref="DenialMatrix.Anyone"/> for a public endpoint.
/// </summary>
public sealed record EndpointRule(string Method, string Route, params string[] Allowed)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// The generated denial matrix of a service: every endpoint it maps × no token and one account of each
/// role. An endpoint missing from the service's table fails the check, so no endpoint ships without a
/// stated rule; a role outside the rule must get exactly 403, no token exactly 401, and an allowed role
/// neither (what it then gets — 200, 400, 404 — is the endpoint's business, tested elsewhere).
/// </summary>
public static class DenialMatrix
{
    /// <summary>Marks a public endpoint (anonymous by choice).</summary>
    public const string Anyone = "*";

    /// <summary>One account per role, with jurisdiction where the role has one.</summary>
    public static readonly IReadOnlyList<TestAccount> OneOfEachRole =
    [
        TestAccounts.Admin, TestAccounts.County("320583"), TestAccounts.City("320500"), TestAccounts.CityGovernment("320500"),
        TestAccounts.Province, TestAccounts.Expert(), TestAccounts.Finance, TestAccounts.Applicant("91320583MA1XXXXX0X"),
        TestAccounts.Agency,
    ];

    static readonly string[] Infrastructure = ["/health", "/alive", "/openapi/{documentName}.json"];

    /// <summary>The cells that did not hold, one line each; empty when the whole matrix holds.</summary>
    public static async Task<IReadOnlyList<string>> FailuresAsync<TProgram>(ServiceFactory<TProgram> service, IReadOnlyList<EndpointRule> rules,
        IReadOnlyDictionary<string, string>? routeValues = null) where TProgram : class
    {
        using var client = service.CreateClient();
        return await FailuresAsync(service.Services, client, account => Task.FromResult(TestTokens.For(account)), rules, routeValues);
    }

    /// <summary>
    /// The same check for a host whose tokens come from elsewhere (the identity service issues its own):
    /// <paramref name="tokenFor"/> gives a token of an account with the role of each of <see cref="OneOfEachRole"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FailuresAsync(IServiceProvider services, HttpClient client, Func<TestAccount, Task<string>> tokenFor,
        IReadOnlyList<EndpointRule> rules, IReadOnlyDictionary<string, string>? routeValues = null)
    {
        var tokens = new Dictionary<TestAccount, string>();
        foreach (var account in OneOfEachRole) tokens[account] = await tokenFor(account);
        var failures = new List<string>();
        var mapped = MappedEndpoints(services);
        foreach (var (method, route, explicitRule, _) in mapped)
        {
            if (!rules.Any(r => r.Method == method && Normalize(r.Route) == route))
                failures.Add($"{method} {route} is mapped but has no row in the matrix: state who may call it");
            if (!explicitRule)
                failures.Add($"{method} {route} states no policy (RequireAuthorization or AllowAnonymous)");
        }
        foreach (var rule in rules.Where(r => !mapped.Any(m => m.Method == r.Method && m.Route == Normalize(r.Route))))
            failures.Add($"{rule} is in the matrix but not mapped");

        foreach (var rule in rules)
        {
            var url = Fill(rule.Route, routeValues);
            // A body of the media type the endpoint accepts: routing answers 415 to any other before authorisation.
            var contentType = mapped.FirstOrDefault(m => m.Method == rule.Method && m.Route == Normalize(rule.Route)).ContentType ?? "application/json";
            var isPublic = rule.Allowed.Contains(Anyone);
            var anonymous = await SendAsync(client, rule.Method, url, token: null, contentType);
            if (isPublic ? anonymous is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : anonymous != HttpStatusCode.Unauthorized)
                failures.Add($"{rule} without a token answered {(int)anonymous}, expected {(isPublic ? "not 401/403" : "401")}");

            foreach (var account in OneOfEachRole)
            {
                var status = await SendAsync(client, rule.Method, url, tokens[account], contentType);
                var allowed = isPublic || rule.Allowed.Contains(account.Role);
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{rule} as {account.Role} answered {(int)status} but the role is allowed");
                if (!allowed && status != HttpStatusCode.Forbidden)
                    failures.Add($"{rule} as {account.Role} answered {(int)status}, expected 403");
                if ((int)status >= 500)
                    failures.Add($"{rule} as {account.Role} answered {(int)status}");
            }
        }
        return failures;
    }

    static List<(string Method, string Route, bool Explicit, string? ContentType)> MappedEndpoints(IServiceProvider services) =>
    [
        .. from endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
           let route = Normalize(endpoint.RoutePattern.RawText)
           where !Infrastructure.Contains(route)
           from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
           let isExplicit = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                            || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null)
                            || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Any()
           select (method, route, isExplicit, endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault()),
    ];

    /// <summary>A route without its trailing slash: a group's <c>"/"</c> and <c>""</c> are one path.</summary>
    static string Normalize(string? route) => "/" + (route ?? "").Trim('/');

    /// <summary>Route parameters get a given value by name, else a fresh id (guid routes) or a placeholder.</summary>
    static string Fill(string route, IReadOnlyDictionary<string, string>? values) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{\*{0,2}(?<name>\w+)(?<constraint>:[^}]*)?\}", m =>
        {
            var name = m.Groups["name"].Value;
            if (values?.TryGetValue(name, out var value) == true) return value;
            return m.Groups["constraint"].Value.Contains("guid") ? Guid.NewGuid().ToString() : "x";
        });

    static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url, string? token, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, contentType);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
