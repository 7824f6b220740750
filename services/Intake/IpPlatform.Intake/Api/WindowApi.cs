using System.Security.Claims;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Api;

/// <summary>
/// The office's window (notice §四: paper and online must match): a clerk scans the QR code or types the
/// fingerprint printed on a paper copy, sees which application it is and whether the stored record still
/// gives that fingerprint, and records the copy as received.
/// </summary>
public static class WindowApi
{
    public static IEndpointRouteBuilder MapWindowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications").WithTags("Paper copies");
        // Staff who check paper copies; applicants, experts, finance and agencies have no window.
        api.MapGet("/verification/{fingerprint}", Verify)
            .RequireAuthorization(PlatformPolicies.StaffReader).RequireAuthorization(WindowStaff)
            .WithSummary("Which application a printed fingerprint belongs to, and whether the stored record still matches it");
        // The receiving offices; which of them may receive a given application is the application's rule.
        api.MapPost("/{id:guid}/paper-copy", RecordPaperCopy).RequireAuthorization(ReceivingOffices)
            .WithSummary("The county office of the region or the city office or government records the paper copy as received");
        return app;
    }

    static void WindowStaff(AuthorizationPolicyBuilder policy) => policy.RequireRole(
        PlatformRoles.CountyOffice, PlatformRoles.CityOffice, PlatformRoles.CityGovernment, PlatformRoles.Province, PlatformRoles.Admin);

    static void ReceivingOffices(AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(PlatformRoles.CountyOffice, PlatformRoles.CityOffice, PlatformRoles.CityGovernment);

    static async Task<Results<Ok<VerificationView>, NotFound, ValidationProblem>> Verify(
        string fingerprint, ClaimsPrincipal user, IntakeDbContext db, CancellationToken ct)
    {
        if (!Fingerprint.TryNormalize(fingerprint, out var normalized))
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["fingerprint"] = ["A fingerprint is 64 hexadecimal digits; spaces and dashes between groups are allowed."] },
                title: "The fingerprint is malformed");
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.SubmissionFingerprint == normalized, ct);
        // Outside the office's jurisdiction answers as unknown: existence must not leak.
        if (application is null || !application.CanBeReadBy(user.ToActor(), user.Organisation())) return TypedResults.NotFound();

        var materials = await ApplicationsApi.MaterialsOf(db, application.Id, ct);
        return TypedResults.Ok(new VerificationView(
            application.Id, application.CallId, application.CallVersion, application.TrackId, application.ApplicantName,
            application.CreditCode, application.Document.Project?.Name, application.SubmittedAtUtc, application.Stage.ToString(),
            normalized, application.FingerprintHolds(materials),
            application.PaperCopy is { } paper ? PaperCopyView.From(paper) : null));
    }

    static async Task<Results<Ok<ApplicationView>, NotFound, ValidationProblem>> RecordPaperCopy(
        Guid id, PaperCopyRequest request, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = PaperCopy.CheckRequest(request.ReceivedOn, request.Copies, request.Matches, request.Reason);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The paper copy record is invalid");
        var application = await db.Applications.Include(a => a.Timeline).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return TypedResults.NotFound();
        var call = await db.CurrentCallAsync(application.CallId, ct)
            ?? throw new BusinessRuleException("unknown-call", $"Call {application.CallId} is not published.");

        var actor = user.ToActor();
        PaperCopyReceived received;
        try
        {
            received = application.RecordPaperCopy(call.Document, request.ReceivedOn!.Value, request.Copies!.Value, request.Matches!.Value,
                request.Reason, actor, clock.GetUtcNow());
        }
        catch (FieldErrorsException invalid) { return TypedResults.ValidationProblem(invalid.Errors, title: invalid.Message); }
        // Routing returns the application on a mismatch when it consumes the event.
        db.Record(received, actor, id.ToString(), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ApplicationView.From(application, call.Document));
    }
}

/// <summary>A paper copy received at the window: the day (call's time zone), copies, whether it matches and, if not, why.</summary>
public sealed record PaperCopyRequest(DateOnly? ReceivedOn, int? Copies, bool? Matches, string? Reason);

/// <summary>
/// What a fingerprint identifies. <see cref="Matches"/> is true only when the stored record, recomputed now,
/// still gives the fingerprint that was stored at submission.
/// </summary>
public sealed record VerificationView(
    Guid ApplicationId, string CallId, int? CallVersion, string Track, string ApplicantName, string CreditCode, string? ProjectName,
    DateTime? SubmittedAt, string Status, string Fingerprint, bool Matches, PaperCopyView? PaperCopy);
