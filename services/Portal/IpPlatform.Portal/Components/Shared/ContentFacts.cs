using System.Globalization;
using System.Text.Json;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Components.Shared;

/// <summary>
/// The declared facts (application-facts.md) a reader sees for an application: the questions the call asks for its
/// track (ContentRules.Facts, labelled in the reader's language), each with the applicant's answer in words, and the
/// yearly figures.
/// </summary>
public static class ContentFacts
{
    // Lists the applicant fills in elsewhere (the yearly table, trademarks, awards), not single answers.
    static readonly HashSet<string> NotAnswers = ["years", "trademarks", "awardsWithin3Years"];

    /// <summary>
    /// The call's questions with their answers in words. A call that asks none (published before it named them) shows
    /// every single answer the applicant declared, under its path, so that nothing declared is hidden.
    /// </summary>
    public static IReadOnlyList<(string Path, string Question, string Answer)> Answers(JsonElement? facts, IReadOnlyList<FactQuestionView>? questions, PortalTexts t)
    {
        if (questions is { Count: > 0 })
            return [.. questions.Select(q => (q.Path, t.IsEnglish ? q.LabelEn : q.LabelZh, Answer(Find(facts, q.Path), q.Path, t)))];
        return [.. Declared(facts, "").Select(d => (d.Path, d.Path, Answer(d.Value, d.Path, t)))];
    }

    static IEnumerable<(string Path, JsonElement Value)> Declared(JsonElement? node, string prefix)
    {
        if (node is not { ValueKind: JsonValueKind.Object } obj) yield break;
        foreach (var property in obj.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (prefix.Length == 0 && NotAnswers.Contains(path)) continue;
            if (property.Value.ValueKind == JsonValueKind.Object)
                foreach (var inner in Declared(property.Value, path + ".")) yield return inner;
            else if (property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Array)) yield return (path, property.Value);
        }
    }

    /// <summary>One answer in words: yes or no, an amount in yuan, a number, a date, a named choice; not declared when absent.</summary>
    public static string Answer(JsonElement? value, string path, PortalTexts t) => value switch
    {
        null => t["province.facts.notDeclared"],
        { ValueKind: JsonValueKind.True } => t["reads.yes"],
        { ValueKind: JsonValueKind.False } => t["reads.no"],
        { ValueKind: JsonValueKind.Number } number when path.EndsWith("Cny", StringComparison.Ordinal) =>
            t.Format("province.yuan", t.Yuan(number.GetDecimal())),
        { ValueKind: JsonValueKind.Number } number => number.GetDecimal().ToString("#,0.##", t.Culture),
        { ValueKind: JsonValueKind.String } text when DateOnly.TryParseExact(text.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
            t.Date(date),
        { ValueKind: JsonValueKind.String } text => Choice(text.GetString()!, t),
        _ => t["province.facts.notDeclared"],
    };

    static string Choice(string value, PortalTexts t) => t["province.factValue." + value] is var words && words != "province.factValue." + value ? words : value;

    /// <summary>The value at <paramref name="path"/> under the facts; null when absent or declared as null.</summary>
    public static JsonElement? Find(JsonElement? facts, string path)
    {
        if (facts is not { ValueKind: JsonValueKind.Object } current) return null;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            current = next;
        }
        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    /// <summary>The yearly figures, oldest year first; empty when none were declared.</summary>
    public static IReadOnlyList<YearRow> Years(JsonElement? facts) =>
        Find(facts, "years") is { ValueKind: JsonValueKind.Array } years
            ? years.EnumerateArray().Where(y => y.ValueKind == JsonValueKind.Object).Select(YearRow.From).OrderBy(y => y.Year ?? int.MaxValue).ToList()
            : [];

    /// <summary>The columns of the yearly figures, in the table's order, with whether each is money.</summary>
    public static readonly IReadOnlyList<(string Name, bool Money)> YearColumns =
    [
        ("salesCny", true), ("rdCny", true), ("ipCostCny", true), ("profitTaxCny", true), ("patentGrants", false), ("inventionGrants", false),
        ("patentsConverted", false), ("conversionAmountCny", true),
    ];

    public sealed record YearRow(int? Year, IReadOnlyDictionary<string, decimal?> Figures)
    {
        public static YearRow From(JsonElement year) => new(
            year.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
            YearColumns.ToDictionary(c => c.Name, c => year.TryGetProperty(c.Name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : (decimal?)null));
    }
}
