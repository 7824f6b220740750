using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Documents;

/// <summary>
/// Bad-input checks of an application document (→ 400), as opposed to eligibility (a verdict on good input).
/// Absent facts are not errors here: they make eligibility rules Unknown. Malformed JSON, unknown enum names
/// and malformed dates are rejected earlier, by deserialization with <see cref="DocumentJson.Options"/>.
/// </summary>
public static partial class ApplicationDocumentValidator
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
                if (partners[i].Role is null)
                    errors.Add($"partners[{i}].role", "The partner's role is required (Research, Upstream, Downstream or IpService).");
            }
        }

        if (doc.Facts is { } facts)
            ValidateFacts(facts, call, errors);

        // Content is checked against the track's rules when the track is known, else for form only.
        var content = call?.FindTrack(doc.Track)?.Content;
        ValidateProject(doc.Project, content ?? new ContentRules(), errors);
        ValidateRows(doc.Tasks, "tasks", "taskId", t => t.TaskId, content?.Tasks.Select(t => t.Id), errors);
        ValidateRows(doc.Targets, "targets", "targetId", t => t.TargetId, content?.Targets.Select(t => t.Id), errors);
        ValidateBudget(doc.Budget, errors);
        ValidateContact(doc.Contact, errors);

        return errors.ToDictionary();
    }

    private static void ValidateProject(ProjectContent? project, ContentRules content, Errors errors)
    {
        if (project is null) return;
        if (project.Summary is { } summary && summary.Length > content.SummaryMaxLength)
            errors.Add("project.summary", $"The summary has {summary.Length} characters; at most {content.SummaryMaxLength} are accepted.");
        if (project is { StartsOn: { } start, EndsOn: { } end } && end < start)
            errors.Add("project.endsOn", $"The project ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).");
    }

    // Task plans and target values: each row names one of the track's ids, at most once.
    private static void ValidateRows<T>(IReadOnlyList<T?>? rows, string path, string idField, Func<T, string?> idOf,
        IEnumerable<string>? known, Errors errors) where T : class
    {
        if (rows is null) return;
        var knownIds = known?.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) { errors.Add($"{path}[{i}]", "An entry is null."); continue; }
            var id = idOf(row);
            var field = $"{path}[{i}].{idField}";
            if (string.IsNullOrWhiteSpace(id))
                errors.Add(field, "The id is required.");
            else if (knownIds is not null && !knownIds.Contains(id))
                errors.Add(field, $"Unknown id '{id}' for this track; expected one of: {string.Join(", ", knownIds)}.");
            else if (!seen.Add(id))
                errors.Add(field, $"'{id}' appears more than once.");
        }
    }

    private static void ValidateBudget(Budget? budget, Errors errors)
    {
        if (budget is null) return;
        Money(budget.TotalCny, "budget.totalCny", errors);
        Money(budget.ProvincialFundsCny, "budget.provincialFundsCny", errors);
        Money(budget.OwnFundsCny, "budget.ownFundsCny", errors);
        Money(budget.OtherFundsCny, "budget.otherFundsCny", errors);
    }

    private static void Money(decimal? value, string path, Errors errors)
    {
        if (value is not { } amount) return;
        if (amount < 0) errors.Add(path, $"The amount must not be negative ({amount}).");
        // Yuan and fen: a third decimal is not a sum of money.
        else if (decimal.Round(amount, 2) != amount) errors.Add(path, $"The amount has more than 2 decimals ({amount}).");
    }

    private static void ValidateContact(ContactPerson? contact, Errors errors)
    {
        if (contact is null) return;
        if (contact.Mobile is { } mobile && !IsMobile(mobile))
            errors.Add("contact.mobile", $"'{mobile}' is not a mainland mobile number (11 digits starting with 1).");
        if (contact.Email is { } email && !IsEmail(email))
            errors.Add("contact.email", $"'{email}' is not an e-mail address.");
    }

    /// <summary>A mainland mobile number: 11 ASCII digits, the first a 1.</summary>
    public static bool IsMobile(string? text) => text is { Length: 11 } && text[0] == '1' && text.All(char.IsAsciiDigit);

    /// <summary>An address of the form local@domain.tld, without spaces; deliverability is not checked.</summary>
    public static bool IsEmail(string? text) => text is not null && EmailPattern().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex EmailPattern();

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
