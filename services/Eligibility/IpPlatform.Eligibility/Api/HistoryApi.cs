using IpPlatform.Documents;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IpPlatform.Eligibility.Api;

/// <summary>The operator's tools for the record the history rules read.</summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/eligibility/history").WithTags("History");
        api.MapPost("/projects/import", Import)
            .Accepts<string>("text/csv")
            .WithSummary("Import pre-platform projects from CSV (services/Eligibility/HISTORY-CSV.md); all rows or none");
        api.MapPost("/credit-entries", AddCreditEntry).WithSummary("Record an entry in a unit's credit record");
        return app;
    }

    static async Task<Results<Ok<ImportResult>, ValidationProblem>> Import(HttpRequest request, EligibilityDbContext db, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var parsed = HistoryCsv.Parse(new StringReader(await reader.ReadToEndAsync(ct)));
        if (parsed.Errors.Count > 0)
            return TypedResults.ValidationProblem(
                parsed.Errors.GroupBy(e => $"line {e.Line}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The CSV file has invalid rows; nothing was imported");

        db.Projects.AddRange(parsed.Projects.Select(ProjectRecord.Imported));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ImportResult(parsed.Projects.Count));
    }

    static async Task<Results<Created, ValidationProblem>> AddCreditEntry(CreditEntryRequest entry, EligibilityDbContext db, CancellationToken ct)
    {
        if (CreditCode.Check(entry.CreditCode) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["creditCode"] = [problem] });
        db.CreditRecords.Add(CreditRecord.From(entry.CreditCode, entry.Kind, entry.RecordedOn, entry.ExpiresOn, entry.Reason));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created();
    }
}

public sealed record ImportResult(int Imported);
public sealed record CreditEntryRequest(string CreditCode, CreditEntryKind Kind, DateOnly RecordedOn, DateOnly? ExpiresOn, string? Reason);
