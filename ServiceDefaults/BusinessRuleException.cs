using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IpPlatform;

/// <summary>
/// A domain type refused a state change (a returned application cannot be approved, a deadline has
/// passed...). Answered as 409 Conflict with the rule's code, never as 500; nothing was written.
/// </summary>
public sealed class BusinessRuleException(string code, string message) : Exception(message)
{
    /// <summary>Stable, machine-readable reason, e.g. <c>deadline-passed</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>
/// A domain type refused the acting account (outside its jurisdiction, another division's track, a tranche
/// not released to finance...). Answered as 403 Forbidden with the rule's code; nothing was written.
/// </summary>
public sealed class ActRefusedException(string code, string message) : Exception(message)
{
    /// <summary>Stable, machine-readable reason, e.g. <c>outside-jurisdiction</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>Writes <see cref="BusinessRuleException"/> (409) and <see cref="ActRefusedException"/> (403) as problem documents.</summary>
public sealed class BusinessRuleExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, code) = exception switch
        {
            BusinessRuleException rule => (StatusCodes.Status409Conflict, "The request breaks a business rule", rule.Code),
            ActRefusedException refused => (StatusCodes.Status403Forbidden, "This account may not do this", refused.Code),
            _ => (0, "", ""),
        };
        if (status == 0) return false;
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = exception.Message,
            Type = $"https://ipplatform.jiangsu.example/problems/{code}",
            Extensions = { ["code"] = code },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
