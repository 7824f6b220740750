using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpPlatform.AppHost;

/// <summary>
/// Readiness checks that keep trying for a few seconds before they answer "not yet". Aspire checks a starting resource
/// after 1, 2, 3 and 4 seconds and then every 5, so a resource that becomes ready just after a check is noticed up to 5 s
/// late, and every resource waiting for it starts that much later: the broker, then the services, then the gateway
/// (the machine's two cores measured idle for 4 s between the broker answering and the services starting). Trying every
/// 100 ms inside one check notices readiness at once; a resource that is down is still reported within the patience.
/// </summary>
public static class Readiness
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(4);
    static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>Runs <paramref name="probe"/> until it is healthy or <see cref="Patience"/> has passed; the last answer counts.</summary>
    public static async Task<HealthCheckResult> PatientlyAsync(Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken cancellationToken)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            var result = await probe(cancellationToken);
            if (result.Status == HealthStatus.Healthy || DateTime.UtcNow + Pace > giveUp) return result;
            await Task.Delay(Pace, cancellationToken);
        }
    }

    /// <summary>
    /// In place of Aspire's <c>WithHttpHealthCheck(path)</c>: healthy once <paramref name="path"/> on the project's
    /// "http" endpoint answers with a success status, checked patiently.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPatientHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path)
    {
        var endpoint = project.GetEndpoint("http");
        var key = $"{project.Resource.Name}_http_ready";
        project.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key,
            _ => new HttpReadyCheck(() => new Uri(new Uri(endpoint.Url), path)), failureStatus: null, tags: null));
        return project.WithHealthCheck(key);
    }

    sealed class HttpReadyCheck(Func<Uri> address) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            PatientlyAsync(async token =>
            {
                var url = address();
                try
                {
                    using var response = await Http.GetAsync(url, token);
                    return response.IsSuccessStatusCode
                        ? HealthCheckResult.Healthy()
                        : HealthCheckResult.Unhealthy($"{url} answered {(int)response.StatusCode}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    return HealthCheckResult.Unhealthy($"{url} not reachable: {ex.Message}");
                }
            }, cancellationToken);
    }
}
