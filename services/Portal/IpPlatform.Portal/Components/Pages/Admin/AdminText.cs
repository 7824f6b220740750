using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Components.Pages.Admin;

/// <summary>The administrator's pages' small decisions: how a refusal reads, in what order errors list, how files are read.</summary>
public static class AdminText
{
    /// <summary>Largest file the pages accept: a call document or a history CSV is a few hundred kilobytes at most.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>The refusal's own words (the problem's detail, else its title), else what its status means.</summary>
    public static string Refusal(PortalTexts t, ApiOutcome outcome) =>
        outcome.Problem?.Detail is { Length: > 0 } detail ? detail
        : outcome.Problem?.Title is { Length: > 0 } title ? title
        : outcome.Status switch
        {
            403 => t["admin.forbidden"],
            404 => t["admin.notFound"],
            _ when PlatformApi.Unavailable(outcome.Status) => t["admin.unavailable"],
            _ => t.Format("admin.status", outcome.Status),
        };

    /// <summary>
    /// Field errors in reading order: a CSV's <c>line N</c> keys by their number (line 10 after line 9), other keys
    /// as the validator wrote them.
    /// </summary>
    public static IEnumerable<(string Field, string[] Messages)> Ordered(IReadOnlyDictionary<string, string[]> errors) =>
        errors.OrderBy(e => LineOf(e.Key) ?? long.MaxValue).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value));

    /// <summary>The line number of an import error's key (<c>line 12</c>), or null for any other key.</summary>
    public static long? LineOf(string key) =>
        key.StartsWith("line ", StringComparison.Ordinal)
        && long.TryParse(key.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;

    /// <summary>
    /// The messages for the fields other than <paramref name="shown"/> (which have an input of their own), so that no
    /// server message is lost when it names a field the form does not have.
    /// </summary>
    public static IReadOnlyList<string> Others(ApiOutcome? outcome, params string[] shown) =>
        outcome?.Problem?.Errors is { } errors
            ? [.. errors.Where(e => !shown.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))]
            : [];

    /// <summary>A province account's divisions as typed: separated by commas, 、 or line breaks; none when empty.</summary>
    public static List<string>? Divisions(string? text)
    {
        var divisions = (text ?? "").Split([',', '，', '、', ';', '；', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return divisions.Length == 0 ? null : [.. divisions];
    }

    /// <summary>A value of a call's difference as short JSON text; an absent side as a dash.</summary>
    public static string Json(JsonElement? value) =>
        value is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "—"
        : element.ValueKind == JsonValueKind.String ? element.GetString()!
        : JsonSerializer.Serialize(element, Indented);

    /// <summary>Indented, with Chinese as it is (not escaped), for reading.</summary>
    static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// An uploaded call document: its JSON, or the message for the file field (none, too large, not a JSON object).
    /// </summary>
    public static async Task<(JsonNode? Call, string? Error)> ReadCallFileAsync(PortalTexts t, IFormFile? file, CancellationToken ct)
    {
        var (text, error) = await ReadTextAsync(t, file, ct);
        if (text is null) return (null, error);
        try
        {
            return JsonNode.Parse(text) is JsonObject call ? (call, null) : (null, t["admin.calls.notObject"]);
        }
        catch (JsonException ex)
        {
            // Where the file breaks is the useful part; the parser's words name the line and position.
            return (null, t.Format("admin.calls.notJson", ex.LineNumber + 1, ex.BytePositionInLine + 1));
        }
    }

    /// <summary>An uploaded text file as UTF-8 (a BOM is dropped), or the message for the file field.</summary>
    public static async Task<(string? Text, string? Error)> ReadTextAsync(PortalTexts t, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, t["admin.file.required"]);
        if (file.Length > MaxFileBytes) return (null, t.Format("admin.file.tooLarge", MaxFileBytes / 1024 / 1024));
        using var reader = new StreamReader(file.OpenReadStream(), new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return (await reader.ReadToEndAsync(ct), null);
    }

    /// <summary>A call's quota rule in words.</summary>
    public static string Quota(PortalTexts t, AdminQuota? quota) => quota?.Kind switch
    {
        null => "—",
        "Unlimited" => t["admin.quota.unlimited"],
        "PerCity" => t.Format("admin.quota.perCity", quota.PerCity),
        "ByInventionGrants" => t.Format("admin.quota.bands",
            string.Join(t["admin.quota.bandSeparator"], (quota.Bands ?? []).Select(b => t.Format("admin.quota.band", b.GrantsAbove, b.Quota))),
            quota.IncentiveBonus),
        var other => other,
    };
}
