using System.Security.Claims;
using IpPlatform.Contracts.Calls;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Api;

/// <summary>
/// Calls as data: a provincial administrator publishes next year's call here, no code change. A published version
/// never changes; a correction is the next version, with its reason, and applications keep the version they were submitted under.
/// </summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility/calls").WithTags("Calls");
        // Calls are public notices: anyone may read them, and every version of them.
        api.MapGet("/", List).AllowAnonymous().WithSummary("Published calls, each at its current version");
        api.MapGet("/diff", Diff).AllowAnonymous()
            .WithSummary("Field-by-field changes between two calls or two versions: ?from=2022@1&to=2022@2 (no @: the current version)");
        api.MapGet("/{id}", Get).AllowAnonymous().WithSummary("One call, whole, at its current version");
        api.MapGet("/{id}/versions", Versions).AllowAnonymous().WithSummary("Every version of a call, oldest first, with the reason of each correction");
        api.MapGet("/{id}/versions/{version:int}", GetVersion).AllowAnonymous().WithSummary("One version of a call, whole");
        api.MapPost("/", Publish).RequireAuthorization(PlatformPolicies.Admin)
            .WithSummary("Publish a new call (version 1); the same content again answers the existing version, other content under an existing id is 409");
        api.MapPost("/{id}/versions", Correct).RequireAuthorization(PlatformPolicies.Admin)
            .WithSummary("Publish a correction of a call as its next version, with a reason; other services receive it as CallPublished");
        return app;
    }

    static async Task<Ok<List<CallSummary>>> List(EligibilityDbContext db, CancellationToken ct)
    {
        var calls = await db.Calls.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(calls.Select(c => (c.Version, d: c.Document)).Select(c => new CallSummary(
            c.d.Id, c.Version, c.d.TitleZh, c.d.IssuedOn, c.d.Rehearsal, c.d.Tracks.Select(t => new TrackSummary(t.Id, t.ProgrammeZh, t.OnlineDeadline)).ToList()))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
    }

    static async Task<Results<Ok<CallDocument>, NotFound>> Get(string id, HttpResponse response, EligibilityDbContext db, CancellationToken ct)
    {
        if (await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } call) return TypedResults.NotFound();
        // The document itself has no version (it is the content); the header says which one this is.
        response.Headers["Call-Version"] = call.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(call.Document);
    }

    static async Task<Results<Ok<List<CallVersionSummary>>, NotFound>> Versions(string id, EligibilityDbContext db, CancellationToken ct)
    {
        var versions = await db.CallVersions.AsNoTracking().Where(v => v.CallId == id).ToListAsync(ct);
        return versions.Count == 0
            ? TypedResults.NotFound()
            : TypedResults.Ok(versions.OrderBy(v => v.Version)
                .Select(v => new CallVersionSummary(v.CallId, v.Version, v.PublishedAtUtc, v.Reason, v.PublishedBy)).ToList());
    }

    static async Task<Results<Ok<CallVersionView>, NotFound>> GetVersion(string id, int version, EligibilityDbContext db, CancellationToken ct) =>
        await db.CallVersions.AsNoTracking().FirstOrDefaultAsync(v => v.CallId == id && v.Version == version, ct) is { } v
            ? TypedResults.Ok(View(v))
            : TypedResults.NotFound();

    static async Task<Results<Ok<CallDiffView>, ValidationProblem, NotFound<string>>> Diff(string? from, string? to, EligibilityDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var a = CallRef.Parse(from);
        var b = CallRef.Parse(to);
        if (a is null) errors["from"] = ["Name a call as <id> or <id>@<version>, e.g. 2022@1."];
        if (b is null) errors["to"] = ["Name a call as <id> or <id>@<version>, e.g. 2023@1."];
        if (a is null || b is null) return TypedResults.ValidationProblem(errors, title: "The calls to compare are not named");

        var before = await Find(db, a, ct);
        if (before is null) return TypedResults.NotFound($"No call {from}.");
        var after = await Find(db, b, ct);
        if (after is null) return TypedResults.NotFound($"No call {to}.");
        var changes = CallDiff.Between(before.Document, after.Document);
        return TypedResults.Ok(new CallDiffView(
            new CallRefView(before.CallId, before.Version), new CallRefView(after.CallId, after.Version),
            changes.Select(c => new CallChangeView(c.Path, c.Before, c.After)).ToList()));
    }

    static async Task<CallVersion?> Find(EligibilityDbContext db, CallRef reference, CancellationToken ct)
    {
        var version = reference.Version
            ?? (await db.Calls.AsNoTracking().Where(c => c.Id == reference.Id).Select(c => (int?)c.Version).FirstOrDefaultAsync(ct));
        return version is null ? null
            : await db.CallVersions.AsNoTracking().FirstOrDefaultAsync(v => v.CallId == reference.Id && v.Version == version, ct);
    }

    static async Task<Results<Created<CallVersionView>, Ok<CallVersionView>, ValidationProblem>> Publish(
        CallDocument call, ClaimsPrincipal user, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = CallValidator.Validate(call);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The call document is invalid");

        if (await db.Calls.FindAsync([call.Id], ct) is { } existing)
        {
            if (!CallDiff.SameContent(existing.Document, call))
                throw new BusinessRuleException("call-published", $"Call {call.Id} is published (version {existing.Version}) and a published version never changes; "
                    + $"publish a correction with its reason at /api/eligibility/calls/{call.Id}/versions.");
            // The same content again (a retry, a re-run script): nothing new happened.
            return TypedResults.Ok(View(await db.CallVersions.AsNoTracking().FirstAsync(v => v.CallId == call.Id && v.Version == existing.Version, ct)));
        }

        var now = clock.GetUtcNow();
        var actor = user.ToActor();
        var published = PublishedCall.From(call, shipped: false, now.UtcDateTime);
        var first = published.FirstVersion(actor);
        db.Calls.Add(published);
        db.CallVersions.Add(first);
        db.PublishCall(call, version: 1, reason: null, now, actor, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/eligibility/calls/{call.Id}/versions/1", View(first));
    }

    static async Task<Results<Created<CallVersionView>, Ok<CallVersionView>, ValidationProblem, NotFound>> Correct(
        string id, CallCorrection correction, ClaimsPrincipal user, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = correction.Validate(id);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The correction is invalid");
        if (await db.Calls.FindAsync([id], ct) is not { } existing) return TypedResults.NotFound();

        var current = await db.CallVersions.AsNoTracking().FirstAsync(v => v.CallId == id && v.Version == existing.Version, ct);
        if (CallDiff.SameContent(existing.Document, correction.Call!)) return TypedResults.Ok(View(current));

        var changes = CallDiff.Between(existing.Document, correction.Call!);
        var now = clock.GetUtcNow();
        var actor = user.ToActor();
        var next = existing.Correct(correction.Call!, correction.Reason!.Trim(), actor, now.UtcDateTime);
        db.CallVersions.Add(next);
        db.PublishCall(correction.Call!, next.Version, next.Reason, now, actor, clock, changes);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/eligibility/calls/{id}/versions/{next.Version}", View(next));
    }

    static CallVersionView View(CallVersion v) =>
        new(v.CallId, v.Version, v.PublishedAtUtc, v.Reason, v.Document);
}

/// <summary>A correction of a published call: why, and the whole corrected call (same id).</summary>
public sealed record CallCorrection(string? Reason, CallDocument? Call)
{
    public IReadOnlyDictionary<string, string[]> Validate(string id)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Reason)) errors["reason"] = ["A correction states its reason."];
        else if (Reason.Length > 2000) errors["reason"] = ["The reason is at most 2000 characters."];
        if (Call is null) { errors["call"] = ["The corrected call is required."]; return errors; }
        if (Call.Id != id) errors["call.id"] = [$"A correction of call {id} keeps its id."];
        foreach (var (path, messages) in CallValidator.Validate(Call)) errors[$"call.{path}"] = messages;
        return errors;
    }
}

/// <summary>A call named as <c>id</c> (its current version) or <c>id@version</c>.</summary>
sealed record CallRef(string Id, int? Version)
{
    public static CallRef? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var at = text.LastIndexOf('@');
        if (at < 0) return new CallRef(text, null);
        return at > 0 && int.TryParse(text[(at + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1
            ? new CallRef(text[..at], v)
            : null;
    }
}

public sealed record CallSummary(string Id, int Version, string TitleZh, DateOnly IssuedOn, bool Rehearsal, IReadOnlyList<TrackSummary> Tracks);
public sealed record TrackSummary(string Id, string ProgrammeZh, DateOnly OnlineDeadline);
public sealed record CallVersionSummary(string CallId, int Version, DateTime PublishedAt, string? Reason, string? PublishedBy);
public sealed record CallVersionView(string CallId, int Version, DateTime PublishedAt, string? Reason, CallDocument Call);
public sealed record CallRefView(string CallId, int Version);
public sealed record CallChangeView(string Path, System.Text.Json.Nodes.JsonNode? Before, System.Text.Json.Nodes.JsonNode? After);
public sealed record CallDiffView(CallRefView From, CallRefView To, IReadOnlyList<CallChangeView> Changes);
