using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Takes the caller's <c>X-Correlation-ID</c> (the gateway always sets one) or makes one, echoes it on
/// the response, and opens a logging scope so every log line of the request carries it. The same id
/// travels on outgoing integration events (see the outbox) so a case can be followed across services.
/// </summary>
public sealed class CorrelationIdMiddleware(ILogger<CorrelationIdMiddleware> logger) : IMiddleware
{
    public const string HeaderName = "X-Correlation-ID";
    public const string ItemKey = "CorrelationId";
    const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var correlationId = IsAcceptable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = correlationId;
        context.Request.Headers[HeaderName] = correlationId;
        // Set late, and only if absent: behind the gateway the proxied service's echo is already there.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.TryAdd(HeaderName, correlationId);
            return Task.CompletedTask;
        });

        using var ambient = CorrelationContext.Begin(correlationId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId });
        await next(context);
    }

    // A caller-supplied id ends up in logs; keep it short and free of control characters.
    static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

/// <summary>The correlation id of the work in progress (HTTP request or consumed message).</summary>
public static class CorrelationContext
{
    static readonly AsyncLocal<string?> current = new();

    public static string? Current => current.Value;

    public static IDisposable Begin(string correlationId)
    {
        var previous = current.Value;
        current.Value = correlationId;
        return new Restore(previous);
    }

    sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
