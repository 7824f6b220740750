using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns unreadable requests (malformed JSON, unknown enum value, malformed date, body too large) into a
/// 400 RFC 9457 problem document that names the offending field. Anything else is left to the default
/// handler, which answers 500 without details.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;

        var problem = Describe(badRequest);
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    static ProblemDetails Describe(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Request body too large",
                Detail = $"The body exceeds the limit of {ServiceDefaultsExtensions.MaxRequestBodyBytes} bytes.",
                Type = "https://ipplatform.jiangsu.example/problems/body-too-large",
            };

        if (exception.InnerException is JsonException json)
        {
            var field = JsonPathToField(json.Path);
            var detail = Explain(json);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this resource",
                Detail = $"Field '{field}': {detail}",
                Type = "https://ipplatform.jiangsu.example/problems/unreadable-body",
            };
        }

        return new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Bad request",
            Detail = exception.Message,
            Type = "https://ipplatform.jiangsu.example/problems/bad-request",
        };
    }

    static readonly System.Text.RegularExpressions.Regex TargetType =
        new(@"converted to (?:System\.Nullable`1\[)?(?<type>[\w.+]+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Says what the field expects in the client's terms (the allowed names of an enum, the date format)
    /// instead of the serializer's .NET type names.
    /// </summary>
    static string Explain(JsonException json)
    {
        var match = TargetType.Match(json.Message);
        if (!match.Success)
            return json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
        var typeName = match.Groups["type"].Value;
        var type = Type.GetType(typeName)
                   ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        return type switch
        {
            { IsEnum: true } => $"Not one of the allowed values: {string.Join(", ", Enum.GetNames(type))}.",
            _ when type == typeof(DateOnly) => "Not a valid date; write it as YYYY-MM-DD.",
            _ when type == typeof(decimal) || type == typeof(int) || type == typeof(long) => "Not a number of the expected kind.",
            _ when type == typeof(bool) => "Not true or false.",
            _ when type == typeof(string) => "Not a string.",
            _ => $"Not a value of the expected shape ({type?.Name ?? typeName}).",
        };
    }

    /// <summary><c>$.applicant.kind</c> → <c>applicant.kind</c>; the root itself → <c>$</c>.</summary>
    public static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.") ? path[2..] : path.TrimStart('$');
}
