using System.Security.Claims;
using IpPlatform.Contracts.Calls;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Api;

/// <summary>Calls as data: a provincial administrator publishes next year's call here, no code change.</summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility/calls").WithTags("Calls");
        // Calls are public notices: anyone may read them.
        api.MapGet("/", List).AllowAnonymous().WithSummary("Published calls");
        api.MapGet("/{id}", Get).AllowAnonymous().WithSummary("One call, whole");
        api.MapPost("/", Publish).RequireAuthorization(PlatformPolicies.Admin)
            .WithSummary("Publish a call (or replace one with the same id); other services receive it as CallPublished");
        return app;
    }

    static async Task<Ok<List<CallSummary>>> List(EligibilityDbContext db, CancellationToken ct)
    {
        var calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(calls.Select(c => c.Document).Select(d => new CallSummary(
            d.Id, d.TitleZh, d.IssuedOn, d.Rehearsal, d.Tracks.Select(t => new TrackSummary(t.Id, t.ProgrammeZh, t.OnlineDeadline)).ToList()))
            .OrderBy(c => c.Id).ToList());
    }

    static async Task<Results<Ok<CallDocument>, NotFound>> Get(string id, EligibilityDbContext db, CancellationToken ct) =>
        await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } call
            ? TypedResults.Ok(call.Document)
            : TypedResults.NotFound();

    static async Task<Results<Created<CallDocument>, ValidationProblem>> Publish(
        CallDocument call, ClaimsPrincipal user, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = CallValidator.Validate(call);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The call document is invalid");

        var now = clock.GetUtcNow();
        var existing = await db.Calls.FindAsync([call.Id], ct);
        if (existing is null) db.Calls.Add(PublishedCall.From(call, shipped: false, now.UtcDateTime));
        else existing.Replace(call, now.UtcDateTime);
        db.PublishCall(call, now, user.ToActor(), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/eligibility/calls/{call.Id}", call);
    }
}

public sealed record CallSummary(string Id, string TitleZh, DateOnly IssuedOn, bool Rehearsal, IReadOnlyList<TrackSummary> Tracks);
public sealed record TrackSummary(string Id, string ProgrammeZh, DateOnly OnlineDeadline);
