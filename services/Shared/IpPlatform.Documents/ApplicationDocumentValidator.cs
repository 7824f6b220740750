using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Documents;

/// <summary>
/// Bad-input checks of an application document (→ 400), as opposed to eligibility (a verdict on good input).
/// Absent facts are not errors here: they make eligibility rules Unknown. Malformed JSON, unknown enum names
/// and malformed dates are rejected earlier, by deserialization with <see cref="DocumentJson.Options"/>.
/// </summary>
public static class ApplicationDocumentValidator
{
    /// <summary>Earliest year for which yearly figures are accepted.</summary>
    public const int EarliestYear = 1980;

    /// <summary>
    /// Errors keyed by JSON path (e.g. <c>applicant.creditCode</c>, <c>facts.years[1].salesCny</c>);
    /// empty when the document is acceptable. <paramref name="call"/> is the call named by
    /// <c>callId</c>, or null when no such call exists.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(ApplicationDocument doc, CallDocument? call)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var errors = new Errors();

        if (string.IsNullOrWhiteSpace(doc.CallId))
            errors.Add("callId", "The call id is required.");
        else if (call is null)
            errors.Add("callId", $"Unknown call '{doc.CallId}'.");
        else if (call.Id != doc.CallId)
            errors.Add("callId", $"The document names call '{doc.CallId}' but was checked against call '{call.Id}'.");

        if (string.IsNullOrWhiteSpace(doc.Track))
            errors.Add("track", "The track is required.");
        else if (call is not null && call.FindTrack(doc.Track) is null)
            errors.Add("track", $"Unknown track '{doc.Track}' for call '{call.Id}'; expected one of: " +
                                string.Join(", ", call.Tracks.Select(t => t.Id)) + ".");

        ValidateApplicant(doc.Applicant, errors);

        if (doc.Partners is { } partners)
        {
            for (var i = 0; i < partners.Count; i++)
            {
                if (partners[i] is null) { errors.Add($"partners[{i}]", "A partner entry is null."); continue; }
                CheckCreditCode(partners[i].CreditCode, $"partners[{i}].creditCode", errors);
            }
        }

        if (doc.Facts is { } facts)
            ValidateFacts(facts, call, errors);

        return errors.ToDictionary();
    }

    private static void ValidateApplicant(Applicant? applicant, Errors errors)
    {
        if (applicant is null)
        {
            errors.Add("applicant", "The applicant is required.");
            return;
        }
        if (applicant.Kind is null)
            errors.Add("applicant.kind", "The applicant kind is required.");
        CheckCreditCode(applicant.CreditCode, "applicant.creditCode", errors);
        // Jiangsu codes only (GB/T 2260 province 32); the city is derived from the first four digits.
        if (applicant.RegionCode is { } region && !Regions.Exists(region))
            errors.Add("applicant.regionCode", $"'{region}' is not a Jiangsu region code of the GB/T 2260 table (e.g. 320583 昆山市).");
    }

    // An absent code is left to the rules (Unknown); a present but wrong one is bad input (spec §2).
    private static void CheckCreditCode(string? code, string path, Errors errors)
    {
        if (code is not null && CreditCode.Check(code) is { } problem)
            errors.Add(path, problem);
    }

    private static void ValidateFacts(ApplicationFacts facts, CallDocument? call, Errors errors)
    {
        NonNegative(facts.IpStaff, "facts.ipStaff", errors);
        NonNegative(facts.FullTimeConversionStaff, "facts.fullTimeConversionStaff", errors);
        NonNegative(facts.ValidPatents, "facts.validPatents", errors);
        NonNegative(facts.ValidInventionPatents, "facts.validInventionPatents", errors);
        NonNegative(facts.PctNationalPhase, "facts.pctNationalPhase", errors);
        NonNegative(facts.ChainEnterpriseCount, "facts.chainEnterpriseCount", errors);
        if (facts.InventionPerTenThousandRank2020 is < 1)
            errors.Add("facts.inventionPerTenThousandRank2020", "A rank starts at 1.");
        if (facts.Gi is { } gi)
            NonNegative(gi.LastYearSalesCny, "facts.gi.lastYearSalesCny", errors);

        var latestYear = call?.LastYear ?? DateTime.UtcNow.Year;
        if (facts.PreviousHvpAcceptedYear is { } accepted && (accepted < EarliestYear || accepted > latestYear + 1))
            errors.Add("facts.previousHvpAcceptedYear", $"Year {accepted} is outside {EarliestYear}–{latestYear + 1}.");

        if (facts.Trademarks is { } trademarks)
        {
            for (var i = 0; i < trademarks.Count; i++)
                if (trademarks[i] is null) errors.Add($"facts.trademarks[{i}]", "A trademark entry is null.");
        }

        if (facts.Years is not { } years)
            return;
        var seen = new HashSet<int>();
        for (var i = 0; i < years.Count; i++)
        {
            var path = $"facts.years[{i}]";
            var y = years[i];
            if (y is null) { errors.Add(path, "A year entry is null."); continue; }
            if (y.Year is not { } year)
                errors.Add($"{path}.year", "The year is required for yearly figures.");
            else if (year < EarliestYear || year > latestYear)
                errors.Add($"{path}.year", $"Year {year} is outside {EarliestYear}–{latestYear}.");
            else if (!seen.Add(year))
                errors.Add($"{path}.year", $"Year {year} appears more than once.");
            NonNegative(y.SalesCny, $"{path}.salesCny", errors);
            NonNegative(y.RdCny, $"{path}.rdCny", errors);
            NonNegative(y.IpCostCny, $"{path}.ipCostCny", errors);
            // profitTaxCny may be negative: a loss-making enterprise declares its real figure and simply
            // falls below the threshold.
            NonNegative(y.PatentGrants, $"{path}.patentGrants", errors);
            NonNegative(y.InventionGrants, $"{path}.inventionGrants", errors);
            NonNegative(y.PatentsConverted, $"{path}.patentsConverted", errors);
            NonNegative(y.ConversionAmountCny, $"{path}.conversionAmountCny", errors);
        }
    }

    private static void NonNegative(decimal? value, string path, Errors errors)
    {
        if (value < 0) errors.Add(path, $"The amount must not be negative ({value}).");
    }

    private static void NonNegative(int? value, string path, Errors errors)
    {
        if (value < 0) errors.Add(path, $"The count must not be negative ({value}).");
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

        public void Add(string path, string message)
        {
            if (!_byPath.TryGetValue(path, out var list))
                _byPath[path] = list = [];
            list.Add(message);
        }

        public IReadOnlyDictionary<string, string[]> ToDictionary() =>
            _byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
