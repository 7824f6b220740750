using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace IpPlatform.Gateway;

/// <summary>
/// The per-client limit on the anonymous endpoints: a token bucket per client address, refilled at
/// <c>RateLimits:Public:PermitsPerSecond</c> (default 20) up to <c>RateLimits:Public:Burst</c> (default 40).
/// Over the limit: 429 with <c>Retry-After</c> and a problem document. Signed-in traffic is not limited here.
/// </summary>
public static class PublicRateLimit
{
    public const string PolicyName = "public";

    public static void AddPublicRateLimit(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimits:Public");
        var perSecond = section.GetValue<int?>("PermitsPerSecond") ?? 20;
        var burst = section.GetValue<int?>("Burst") ?? perSecond * 2;
        if (perSecond <= 0 || burst <= 0)
            throw new InvalidOperationException("RateLimits:Public:PermitsPerSecond and RateLimits:Public:Burst must be positive.");

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            options.OnRejected = async (rejected, ct) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This client may send {perSecond} requests a second to the public endpoints (bursts of {burst}); retry after {seconds} s.",
                        Type = "https://ipplatform.jiangsu.example/problems/rate-limited",
                    },
                });
            };
        });
    }

    // The client's address: the peer's, or the one a trusted proxy forwarded (see ClientAddress, first in the pipeline).
    static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
