using System.Security.Claims;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Review.Data;
using IpPlatform.Review.Reviews;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Review.Api;

/// <summary>The expert pool (专家库), kept by the administrator; experts are keyed by their account name.</summary>
public static class ExpertsApi
{
    public static RouteGroupBuilder MapExpertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experts", List).WithSummary("The expert pool, optionally the experts of one track")
            .RequireAuthorization(PlatformPolicies.Admin);
        api.MapPut("/experts/{accountName}", Put).WithSummary("Enters or changes an expert of the pool (fields, employer, city, declared conflicts, active)")
            .RequireAuthorization(PlatformPolicies.Admin);
        return api;
    }

    static async Task<Ok<List<ExpertView>>> List(string? trackId, ReviewDbContext db, CancellationToken ct)
    {
        var experts = await db.Experts.AsNoTracking().OrderBy(e => e.AccountName).ToListAsync(ct);
        return TypedResults.Ok(experts.Where(e => string.IsNullOrWhiteSpace(trackId) || e.Tracks.Contains(trackId)).Select(ExpertView.From).ToList());
    }

    static async Task<Results<Ok<ExpertView>, ValidationProblem>> Put(
        string accountName, ExpertRequest request, ClaimsPrincipal user, ReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ExpertProfile.Validate(request.DisplayName, request.Tracks, request.EmployerName, request.EmployerCreditCode, request.CityCode,
            request.Active, request.DeclaredConflicts);
        if (string.IsNullOrWhiteSpace(accountName) || accountName.Length > 100) errors["accountName"] = ["The expert's account name (up to 100 characters) is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The expert is invalid");

        var expert = await db.Experts.FindAsync([accountName], ct);
        if (expert is null) db.Experts.Add(expert = new ExpertProfile(accountName));
        expert.Update(request.DisplayName!, request.Tracks!.OfType<string>(), request.EmployerName!, request.EmployerCreditCode!, request.CityCode!,
            request.Active!.Value, request.DeclaredConflicts?.OfType<string>() ?? [], clock.GetUtcNow());
        var view = ExpertView.From(expert);
        db.Audit(user.ToActor(), "ExpertEntered", accountName, view, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(view);
    }
}

public sealed record ExpertRequest(
    string? DisplayName, IReadOnlyList<string?>? Tracks, string? EmployerName, string? EmployerCreditCode, string? CityCode, bool? Active,
    IReadOnlyList<string?>? DeclaredConflicts);

public sealed record ExpertView(
    string AccountName, string DisplayName, IReadOnlyList<string> Tracks, string EmployerName, string EmployerCreditCode, string CityCode,
    bool Active, IReadOnlyList<string> DeclaredConflicts, DateTimeOffset UpdatedAt)
{
    public static ExpertView From(ExpertProfile e) => new(e.AccountName, e.DisplayName, e.Tracks, e.EmployerName, e.EmployerCreditCode, e.CityCode,
        e.Active, e.DeclaredConflicts, new DateTimeOffset(DateTime.SpecifyKind(e.UpdatedAtUtc, DateTimeKind.Utc)));
}
