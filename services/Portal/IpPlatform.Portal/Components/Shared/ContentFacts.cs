using System.Globalization;
using System.Text.Json;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Components.Shared;

/// <summary>
/// The declared facts (application-facts.md) a reader sees for an application: the questions its track's eligibility
/// rules read, each with the applicant's answer in words, and the yearly figures. The call does not list the questions,
/// so they are named here per track, after the eligibility service's rules (services/Eligibility/…/Tracks).
/// </summary>
public static class ContentFacts
{
    /// <summary>The facts each track asks, by their JSON path under <c>facts</c> (a dot for a nested one).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByTrack = new Dictionary<string, IReadOnlyList<string>>
    {
        ["protection-zone"] =
        [
            "effectiveRegion2020", "nationalIpDemonstrationCity", "nationalProtectionCenter", "inspection2021Excellent",
            "nationalStrongCountyDemonstration", "inventionPerTenThousandRank2020", "rapidProtectionCenter", "parkType",
            "independentIpAuthority", "nationalIpPilotPark",
        ],
        ["gi-brand"] =
        [
            "gi.name", "gi.registrationType", "gi.registeredOn", "gi.category", "gi.lastYearSalesCny", "gi.nationalPromotionKeyProject",
            "gi.nationalProtectionDemonstrationZone", "gi.majorIncidentsWithin3Years", "governmentSupportCommitted", "seriousDishonesty",
        ],
        ["industrial-brand"] =
        [
            "inKeyIndustry", "chainLeaderOrLeading", "nationalSingleChampion", "littleGiant", "ipStandardImplemented", "independentIpDepartment",
            "ipStaff", "nationalMarketLeader", "validInventionPatents", "wellKnownTrademark", "overseasTrademark",
            "ipDemonstrationOrAdvantageEnterprise", "seriousDishonesty",
        ],
        ["hvp-new"] = Hvp(),
        ["hvp-upgrade"] = [.. Hvp(), "previousHvpAcceptedYear"],
        ["univ-operation"] =
        [
            "fullTimeConversionStaff", "ipManagementBody", "ipFundsInBudget", "patentOutputLeading", "validInventionPatents", "seriousDishonesty",
        ],
        ["industry-center"] =
        [
            "parkType", "targetChain", "keyChainDesignated", "industryPlanIssued", "chainEnterpriseCount", "leadingEnterprisesPresent",
            "ipManagementBody", "ipFundsInBudget", "patentOutputLeading",
        ],
    };

    static string[] Hvp() =>
    [
        "chainLeaderOrLeading", "internationallyLeading", "majorProjectUnderway", "keyPlatform", "cooperationMechanism", "stableRdFunding",
        "independentIpDepartment", "nationalMarketLeader", "validPatents", "validInventionPatents", "pctNationalPhase", "seriousDishonesty",
        "abnormalPatentApplications", "academicMisconduct",
    ];

    /// <summary>
    /// The questions for <paramref name="trackId"/> with their answers in words. A track not named here shows every known
    /// question the applicant answered, so that nothing declared is hidden.
    /// </summary>
    public static IReadOnlyList<(string Path, string Question, string Answer)> Answers(JsonElement? facts, string? trackId, PortalTexts t)
    {
        var paths = trackId is not null && ByTrack.TryGetValue(trackId, out var asked) ? asked
            : ByTrack.Values.SelectMany(p => p).Distinct().Where(p => Find(facts, p) is not null).ToList();
        return paths.Select(p => (p, t["province.fact." + p], Answer(Find(facts, p), p, t))).ToList();
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
