using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Api;

/// <summary>The administrator's tools for the record the history rules read.</summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility/history").WithTags("History").RequireAuthorization(PlatformPolicies.Admin);
        api.MapPost("/projects/import", Import)
            .Accepts<string>("text/csv")
            .WithSummary("Import pre-platform projects from CSV (services/Eligibility/HISTORY-CSV.md); all rows or none");
        api.MapPost("/credit-entries", AddCreditEntry).WithSummary("Record an entry in a unit's credit record");
        return app;
    }

    static async Task<Results<Ok<ImportResult>, ValidationProblem>> Import(
        HttpRequest request, ClaimsPrincipal user, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var csv = await reader.ReadToEndAsync(ct);
        var parsed = HistoryCsv.Parse(new StringReader(csv));
        if (parsed.Errors.Count > 0)
            return TypedResults.ValidationProblem(
                parsed.Errors.GroupBy(e => $"line {e.Line}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The CSV file has invalid rows; nothing was imported");

        // Rows already imported (same unit, track and call year) are found again, not added twice.
        var codes = parsed.Projects.Select(p => p.CreditCode).Distinct().ToList();
        var known = (await db.Projects.Where(p => p.Source == ProjectRecord.ImportSource && codes.Contains(p.CreditCode)).ToListAsync(ct))
            .ToDictionary(p => (p.CreditCode, p.TrackId, p.CallYear));
        int added = 0, updated = 0;
        foreach (var project in parsed.Projects)
        {
            if (known.TryGetValue(HistoryCsv.NaturalKey(project), out var record))
            {
                if (record.UpdateFrom(project)) updated++;
            }
            else
            {
                db.Projects.Add(ProjectRecord.Imported(project));
                added++;
            }
        }
        var result = new ImportResult(added, updated, parsed.Projects.Count - added - updated);
        if (added + updated == 0) return TypedResults.Ok(result); // the same file again: nothing happened, nothing to audit

        // The file's hash says which file it was, should its rows ever be questioned.
        db.Audit(user.ToActor(), "history.projects-imported", "project-history",
            new { Rows = parsed.Projects.Count, result.Imported, result.Updated, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv))) }, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(result);
    }

    static async Task<Results<Created, ValidationProblem>> AddCreditEntry(
        CreditEntryRequest entry, ClaimsPrincipal user, EligibilityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = CreditEntryRequest.Validate(entry);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The credit entry is invalid");

        db.CreditRecords.Add(CreditRecord.From(entry.CreditCode!, entry.Kind!.Value, entry.RecordedOn!.Value, entry.ExpiresOn, entry.Reason));
        db.Audit(user.ToActor(), "credit-entry.recorded", entry.CreditCode!, entry, clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created();
    }
}

/// <summary>Rows of an import: new projects, projects already imported whose row changed, and rows already imported as they are.</summary>
public sealed record ImportResult(int Imported, int Updated, int Unchanged);

public sealed record CreditEntryRequest(string? CreditCode, CreditEntryKind? Kind, DateOnly? RecordedOn, DateOnly? ExpiresOn, string? Reason)
{
    public static IReadOnlyDictionary<string, string[]> Validate(CreditEntryRequest entry)
    {
        var errors = new Dictionary<string, string[]>();
        if (IpPlatform.Documents.CreditCode.Check(entry.CreditCode) is { } problem) errors["creditCode"] = [problem];
        // Never default a missing kind or date: an entry recorded on 0001-01-01 would count forever.
        if (entry.Kind is null) errors["kind"] = [$"The kind of entry is required: one of {string.Join(", ", Enum.GetNames<CreditEntryKind>())}."];
        if (entry.RecordedOn is null) errors["recordedOn"] = ["The date the entry was recorded is required."];
        if (entry.ExpiresOn <= entry.RecordedOn) errors["expiresOn"] = ["An entry expires after the date it was recorded."];
        if (entry.Reason?.Length > 2000) errors["reason"] = ["A reason has at most 2000 characters."];
        return errors;
    }
}
