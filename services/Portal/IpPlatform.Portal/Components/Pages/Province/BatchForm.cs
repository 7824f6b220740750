using System.Globalization;
using IpPlatform.Portal.Api;

namespace IpPlatform.Portal.Components.Pages.Province;

/// <summary>
/// The collective decision form of the ranking page: the meeting, its participants and, per ranked application, approve
/// (with the amount), reject (with the reason) or leave out. It becomes the service's request and maps the service's
/// field errors (<c>approved[0].amountCny</c>, by position in the request) back to the line they are about.
/// </summary>
public sealed class BatchForm
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>As the date input sends it (<c>yyyy-MM-dd</c>).</summary>
    public string? MeetingDate { get; set; }
    /// <summary>One name a line (commas and 、 separate too).</summary>
    public string? Participants { get; set; }
    public List<BatchLine> Lines { get; set; } = [];

    // Which application each position of the last request's lists was.
    List<Guid> approvedOrder = [];
    List<Guid> rejectedOrder = [];

    public BatchLine? LineOf(Guid applicationId) => Lines.FirstOrDefault(l => l.ApplicationId == applicationId);

    /// <summary>
    /// The request for the lines chosen. What does not parse goes as missing, so the service's own message names it
    /// (a typed amount of <c>abc</c> is "an approval grants an amount greater than 0"); the typed text stays in the form.
    /// </summary>
    public BatchDecisionRequest ToRequest(string callId, string trackId)
    {
        var approved = Lines.Where(l => l.Choice == Approve).ToList();
        var rejected = Lines.Where(l => l.Choice == Reject).ToList();
        approvedOrder = [.. approved.Select(l => l.ApplicationId)];
        rejectedOrder = [.. rejected.Select(l => l.ApplicationId)];
        return new BatchDecisionRequest(callId, trackId, ParseDate(MeetingDate), SplitNames(Participants),
            [.. approved.Select(l => new BatchApproval(l.ApplicationId, ParseAmount(l.Amount), Blank(l.Reason)))],
            [.. rejected.Select(l => new BatchRejection(l.ApplicationId, Blank(l.Reason)))]);
    }

    /// <summary>The field errors of the last request that are about <paramref name="applicationId"/>'s line.</summary>
    public IReadOnlyList<string> ErrorsFor(ApiOutcome? outcome, Guid applicationId)
    {
        if (outcome is null) return [];
        var messages = new List<string>();
        var a = approvedOrder.IndexOf(applicationId);
        if (a >= 0) messages.AddRange(ErrorsUnder(outcome, $"approved[{a}]"));
        var r = rejectedOrder.IndexOf(applicationId);
        if (r >= 0) messages.AddRange(ErrorsUnder(outcome, $"rejected[{r}]"));
        return messages;
    }

    static IEnumerable<string> ErrorsUnder(ApiOutcome outcome, string prefix) =>
        (outcome.Problem?.Errors ?? []).Where(e => e.Key.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value);

    public static IReadOnlyList<string> SplitNames(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Yuan as typed, with or without thousands separators.</summary>
    public static decimal? ParseAmount(string? text) =>
        decimal.TryParse(text?.Replace(",", "").Replace("，", "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class BatchLine
{
    public Guid ApplicationId { get; set; }
    /// <summary><see cref="BatchForm.Approve"/>, <see cref="BatchForm.Reject"/> or empty (not in this batch).</summary>
    public string? Choice { get; set; }
    public string? Amount { get; set; }
    /// <summary>The rejection's reason, or an approval's remarks.</summary>
    public string? Reason { get; set; }
}
