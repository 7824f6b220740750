using System.Security.Claims;
using IpPlatform.Contracts.Actors;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Routing.Data;
using IpPlatform.Routing.Recommendations;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Routing.Api;

/// <summary>
/// An office recommends or returns many applications in one request. Each item goes through the same domain
/// method as the single endpoint and is saved on its own, in the order given (so the city's quota fills in that
/// order): the answer lists every item's outcome, and a refused item changes nothing of its own.
/// </summary>
public static class BulkActionsApi
{
    /// <summary>More items than this in one request is a 400: an office's worklist, not a data load.</summary>
    public const int MaxItems = 200;

    public static RouteGroupBuilder MapBulkActions(this RouteGroupBuilder api, Action<Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder> actingOffices)
    {
        api.MapPost("/recommendations", RecommendMany).WithSummary("The acting office recommends many applications; a result per item")
            .RequireAuthorization(actingOffices);
        api.MapPost("/returns", ReturnMany).WithSummary("The acting office returns many applications; a result per item")
            .RequireAuthorization(actingOffices);
        return api;
    }

    static Task<Results<Ok<BulkResult>, ValidationProblem>> RecommendMany(
        BulkRecommendRequest request, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct) =>
        Run(request.Items, i => i?.ApplicationId, i => ("opinion", i.Opinion), user.ToActor(), db, ct, async (item, recommendation, actor) =>
        {
            var quota = await db.QuotaUsageAsync(recommendation.CallId, recommendation.TrackId, recommendation.CityCode, ct);
            var recommended = recommendation.Recommend(actor, item.Opinion!.Trim(), quota, clock.GetUtcNow());
            db.Record(recommended, actor, recommendation.ApplicationId.ToString(), clock);
        });

    static Task<Results<Ok<BulkResult>, ValidationProblem>> ReturnMany(
        BulkReturnRequest request, ClaimsPrincipal user, RoutingDbContext db, TimeProvider clock, CancellationToken ct) =>
        Run(request.Items, i => i?.ApplicationId, i => ("reason", i.Reason), user.ToActor(), db, ct, (item, recommendation, actor) =>
        {
            var returned = recommendation.Return(actor, item.Reason!.Trim(), clock.GetUtcNow());
            db.Record(returned, actor, recommendation.ApplicationId.ToString(), clock);
            return Task.CompletedTask;
        });

    static async Task<Results<Ok<BulkResult>, ValidationProblem>> Run<TItem>(
        IReadOnlyList<TItem?>? items, Func<TItem?, Guid?> idOf, Func<TItem, (string Field, string? Text)> textOf, Actor actor,
        RoutingDbContext db, CancellationToken ct, Func<TItem, Recommendation, Actor, Task> act) where TItem : class
    {
        var errors = Validate(items, idOf);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The bulk request is invalid");

        var results = new List<BulkItemResult>();
        foreach (var item in items!)
        {
            var id = idOf(item)!.Value;
            var (field, text) = textOf(item!);
            if (string.IsNullOrWhiteSpace(text))
            {
                results.Add(Failed(id, StatusCodes.Status400BadRequest, "invalid", $"The office's {field} is required."));
                continue;
            }
            db.ChangeTracker.Clear(); // each item starts from what is saved, not from a refused item's changes
            var recommendation = await db.Recommendations.Include(r => r.History).FirstOrDefaultAsync(r => r.ApplicationId == id, ct);
            if (recommendation is null)
            {
                results.Add(Failed(id, StatusCodes.Status404NotFound, "not-found", $"Application {id} is not known to routing."));
                continue;
            }
            try
            {
                await act(item!, recommendation, actor);
                await db.SaveChangesAsync(ct);
                results.Add(new BulkItemResult(id, StatusCodes.Status200OK, recommendation.Status.ToString(), null));
            }
            catch (ActRefusedException refused)
            {
                results.Add(Failed(id, StatusCodes.Status403Forbidden, refused.Code, refused.Message));
            }
            catch (BusinessRuleException rule)
            {
                results.Add(Failed(id, StatusCodes.Status409Conflict, rule.Code, rule.Message));
            }
            catch (DbUpdateException raced) when (ConcurrentChangeExceptionHandler.IsConcurrentChange(raced))
            {
                results.Add(Failed(id, StatusCodes.Status409Conflict, "concurrent-change",
                    "Another request changed the same record first (e.g. took the city's last quota place); nothing was written for this item."));
            }
        }
        db.ChangeTracker.Clear();
        var done = results.Count(r => r.Status == StatusCodes.Status200OK);
        return TypedResults.Ok(new BulkResult(results.Count, done, results.Count - done, results));
    }

    static Dictionary<string, string[]> Validate<TItem>(IReadOnlyList<TItem?>? items, Func<TItem?, Guid?> idOf)
    {
        var errors = new Dictionary<string, string[]>();
        if (items is not { Count: > 0 }) errors["items"] = ["At least one item is required."];
        else if (items.Count > MaxItems) errors["items"] = [$"At most {MaxItems} items in one request."];
        else
        {
            for (var i = 0; i < items.Count; i++)
                if (idOf(items[i]) is not { } id || id == Guid.Empty) errors[$"items[{i}].applicationId"] = ["An application id is required."];
            var repeated = items.Select(idOf).Where(id => id is not null).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (repeated.Count > 0) errors["items"] = [$"Each application once per request; repeated: {string.Join(", ", repeated)}."];
        }
        return errors;
    }

    static BulkItemResult Failed(Guid id, int status, string code, string detail) => new(id, status, null, new ProblemDetails
    {
        Status = status, Title = status == StatusCodes.Status403Forbidden ? "This account may not do this" : "This item was not carried out",
        Detail = detail, Type = $"https://ipplatform.jiangsu.example/problems/{code}", Extensions = { ["code"] = code },
    });
}

public sealed record BulkRecommendRequest(IReadOnlyList<BulkRecommendItem?>? Items);
public sealed record BulkRecommendItem(Guid? ApplicationId, string? Opinion);
public sealed record BulkReturnRequest(IReadOnlyList<BulkReturnItem?>? Items);
public sealed record BulkReturnItem(Guid? ApplicationId, string? Reason);

/// <summary>What a bulk request did: how many items succeeded and failed, and each item's outcome in request order.</summary>
public sealed record BulkResult(int Total, int Succeeded, int Failed, IReadOnlyList<BulkItemResult> Items);

/// <param name="Status">The status the single endpoint would have answered for this item (200, 400, 403, 404, 409).</param>
/// <param name="CaseStatus">The case's status after the act, when it succeeded.</param>
/// <param name="Problem">Why the item was not carried out (RFC 9457, with <c>code</c>), when it failed.</param>
public sealed record BulkItemResult(Guid ApplicationId, int Status, string? CaseStatus, ProblemDetails? Problem);
