using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A domain type refused a state change (a returned application cannot be approved, a deadline has
/// passed...). Answered as 409 Conflict with the rule's code, never as 500; nothing was written.
/// </summary>
public sealed class BusinessRuleException(string code, string message) : Exception(message)
{
    /// <summary>Stable, machine-readable reason, e.g. <c>deadline-passed</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>Writes <see cref="BusinessRuleException"/> as a problem document.</summary>
public sealed class BusinessRuleExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BusinessRuleException rule) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The request breaks a business rule",
            Detail = rule.Message,
            Type = $"https://ipplatform.jiangsu.example/problems/{rule.Code}",
            Extensions = { ["code"] = rule.Code },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
