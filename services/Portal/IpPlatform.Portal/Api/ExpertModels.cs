using System.Globalization;

namespace IpPlatform.Portal.Api;

// The review service's documents as an expert reads them (GET /api/reviews, /api/reviews/{id}) and the intake service's
// materials list; field names as the APIs write them. Types carry the Expert prefix so no other area's names collide.

/// <summary>A line of the expert's list: <see cref="Blind"/> until the expert's own score is in (no count, no result).</summary>
public sealed record ExpertReviewItem(
    Guid ApplicationId, string CallId, string TrackId, string? ApplicantName, string? RegionCode, string Status, bool Blind,
    int? ScoreCount, decimal? AverageScore, decimal? Result, decimal? Spread, string? Decision);

/// <summary>
/// A review as the review service shows it to this expert: only the expert's own seats, and other experts' scores only
/// once the expert has scored (the service decides; the portal shows what it gets).
/// </summary>
public sealed record ExpertReview(
    Guid ApplicationId, string CallId, string TrackId, ExpertApplicant? Applicant, string? CityOfficeRegionCode, string? CityOpinion,
    string Status, bool Blind, ExpertPanelResult? Result, decimal? AverageScore, IReadOnlyList<ExpertScoreEntry> Scores,
    IReadOnlyList<ExpertSeat> Panel, IReadOnlyList<ExpertCriterion> Sheet, string? ClosedReason);

public sealed record ExpertApplicant(string Name, string CreditCode, string Kind, string RegionCode);
public sealed record ExpertPanelResult(decimal? Result, int Count, decimal? Lowest, decimal? Highest, decimal? Spread, bool Trimmed);
public sealed record ExpertScoreEntry(
    string Expert, decimal Score, decimal BonusPoints, IReadOnlyDictionary<string, decimal>? Points, string? Comment, DateTimeOffset At, int Revisions);
public sealed record ExpertSeat(string Expert, int Round, string Status, string? DeclineReason, DateTimeOffset DrawnAt);

/// <summary>A criterion of the track's score sheet: points from 0 to <see cref="Max"/>, times <see cref="Weight"/> in the total.</summary>
public sealed record ExpertCriterion(string Id, string NameZh, decimal Max, decimal Weight, bool Bonus);

/// <summary>The application's materials: the call's slots with the files held for each.</summary>
public sealed record ExpertMaterials(Guid ApplicationId, IReadOnlyList<ExpertMaterialSlot> Materials, IReadOnlyList<ExpertMaterialFile>? Unlisted);
public sealed record ExpertMaterialSlot(string Id, string NameZh, bool Required, IReadOnlyList<ExpertMaterialFile> Files);
public sealed record ExpertMaterialFile(Guid Id, string MaterialId, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt);

/// <summary>
/// The score sheet's form: what the expert typed per criterion (as text, so nothing typed is lost on a failed submit),
/// its reading into points, and where each of the review service's field errors goes.
/// </summary>
public static class ScoreSheet
{
    /// <summary>The review service's error key of a criterion (<c>points.{id}</c>).</summary>
    public static string FieldOf(string criterionId) => $"points.{criterionId}";

    /// <summary>The messages for one criterion: the portal's own reading first, then the service's.</summary>
    public static IReadOnlyList<string> ErrorsFor(string criterionId, IReadOnlyDictionary<string, string[]>? local, ApiOutcome? outcome)
    {
        var key = FieldOf(criterionId);
        var mine = local is not null && local.TryGetValue(key, out var own) ? own : [];
        return [.. mine, .. outcome?.ErrorsFor(key) ?? []];
    }

    /// <summary>
    /// Messages the sheet shows above the criteria: the service's errors under keys that name no criterion of the
    /// sheet (e.g. <c>points</c> when none were sent, or an unknown criterion), so that no message is lost.
    /// </summary>
    public static IReadOnlyList<string> SheetErrors(IReadOnlyList<ExpertCriterion> sheet, ApiOutcome? outcome) =>
        outcome?.Problem?.Errors is { } errors
            ? [.. errors.Where(e => e.Key != "comment" && sheet.All(c => FieldOf(c.Id) != e.Key)).SelectMany(e => e.Value)]
            : [];

    /// <summary>
    /// The typed points read against the sheet's bounds (the same bounds the browser checks); the points to send when
    /// every criterion holds a number from 0 to its maximum, else the messages by field.
    /// </summary>
    public static (Dictionary<string, decimal>? Points, Dictionary<string, string[]> Errors) Read(
        IReadOnlyList<ExpertCriterion> sheet, IReadOnlyDictionary<string, string?>? typed, Func<ExpertCriterion, string> outOfBounds)
    {
        var points = new Dictionary<string, decimal>();
        var errors = new Dictionary<string, string[]>();
        foreach (var criterion in sheet)
        {
            var text = typed is not null && typed.TryGetValue(criterion.Id, out var value) ? value?.Trim() : null;
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number >= 0 && number <= criterion.Max)
                points[criterion.Id] = number;
            else errors[FieldOf(criterion.Id)] = [outOfBounds(criterion)];
        }
        return errors.Count == 0 ? (points, errors) : (null, errors);
    }

    /// <summary>The weighted total of points as the review service computes it (shown before submitting).</summary>
    public static decimal Total(IReadOnlyList<ExpertCriterion> sheet, IReadOnlyDictionary<string, decimal> points) =>
        sheet.Sum(c => points.TryGetValue(c.Id, out var p) ? p * c.Weight : 0);
}
