using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Infrastructure.Persistence;

/// <summary>
/// Two requests raced for the same state: a concurrency token changed under one of them, or both tried to
/// take the same unique slot (e.g. the last place in a city's quota). The loser wrote nothing; it gets a
/// 409 it can retry after reloading, never a 500.
/// </summary>
public sealed class ConcurrentChangeExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsConcurrentChange(exception)) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed by another request meanwhile",
                Detail = "Another request changed the same record first; nothing was written. Reload and retry.",
                Type = "https://ipplatform.jiangsu.example/problems/concurrent-change",
                Extensions = { ["code"] = "concurrent-change" },
            },
        });
    }

    public static bool IsConcurrentChange(Exception exception) =>
        exception is DbUpdateConcurrencyException || IsUniqueSlotTaken(exception);

    /// <summary>
    /// Another request took the same unique slot (a unique index or key) first. A caller that can claim another
    /// slot (the next place in a quota) retries on this; a changed concurrency token is not this.
    /// </summary>
    public static bool IsUniqueSlotTaken(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => false,
        DbUpdateException { InnerException: SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } } => true, // UNIQUE, PRIMARY KEY
        DbUpdateException { InnerException: Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 } } => true, // duplicate key
        _ => false,
    };
}
