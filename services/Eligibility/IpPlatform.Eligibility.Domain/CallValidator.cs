using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Eligibility.Domain;

/// <summary>
/// Checks a call before an administrator publishes it: every track has rules and all the parameters they
/// read, quota rules and tranche plans are coherent. A call that passes can be assessed without the engine
/// ever failing on it.
/// </summary>
public static class CallValidator
{
    /// <summary>Errors keyed by path (e.g. <c>tracks[3].parameters.pctWeight</c>); empty when the call is publishable.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(CallDocument call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string path, string message)
        {
            if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(call.Id)) Add("id", "The call id is required.");
        else if (call.Id.Length > MaxIdLength || !call.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            Add("id", $"A call id is at most {MaxIdLength} characters of letters, digits, '-', '_' and '.' (it appears in addresses).");
        if (string.IsNullOrWhiteSpace(call.TitleZh)) Add("titleZh", "The title is required.");
        if (string.IsNullOrWhiteSpace(call.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(call.TimeZone, out _))
            Add("timeZone", $"'{call.TimeZone}' is not a time zone this platform knows (e.g. Asia/Shanghai).");
        // Dates far from any plausible call would overflow the date arithmetic of the rules and of monitoring.
        if (call.IssuedOn.Year is < MinYear or > MaxYear) Add("issuedOn", $"The issue date must fall in {MinYear}..{MaxYear}.");
        if (call.ReferenceDate.Year is < MinYear or > MaxYear) Add("referenceDate", $"The reference date must fall in {MinYear}..{MaxYear}.");
        else if (call.IssuedOn.Year is >= MinYear and <= MaxYear
                 && (call.ReferenceDate < call.IssuedOn.AddYears(-1) || call.ReferenceDate > call.IssuedOn.AddYears(1)))
            Add("referenceDate", $"The reference date {call.ReferenceDate:yyyy-MM-dd} is more than a year away from the issue date {call.IssuedOn:yyyy-MM-dd}.");
        if (call.LastYear >= call.ReferenceDate.Year + 1 || call.LastYear < call.ReferenceDate.Year - 2)
            Add("lastYear", $"Last year {call.LastYear} does not fit the reference date {call.ReferenceDate:yyyy-MM-dd}.");
        if (call.Tracks is null || call.Tracks.Count == 0)
        {
            Add("tracks", "A call needs at least one track.");
            return Freeze(errors);
        }

        // Deadline minutes are checked against the zone only when the zone itself is known.
        var zone = !string.IsNullOrWhiteSpace(call.TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(call.TimeZone, out var z) ? z : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < call.Tracks.Count; i++)
        {
            var t = call.Tracks[i];
            var path = $"tracks[{i}]";
            if (t is null) { Add(path, "A track is null."); continue; }
            if (string.IsNullOrWhiteSpace(t.Id)) { Add($"{path}.id", "The track id is required."); continue; }
            if (!seen.Add(t.Id)) Add($"{path}.id", $"Track id '{t.Id}' appears more than once.");
            if (string.IsNullOrWhiteSpace(t.ProgrammeZh)) Add($"{path}.programmeZh", "The programme name is required.");
            if (string.IsNullOrWhiteSpace(t.NameEn)) Add($"{path}.nameEn", "The English name is required.");

            if (t.Parameters is null) { Add($"{path}.parameters", "Parameters must be an object."); continue; }
            var required = EligibilityEngine.RequiredParameters(t.Id);
            if (required is null)
                Add($"{path}.id", $"No eligibility rules exist for track '{t.Id}'; supported: {string.Join(", ", EligibilityEngine.SupportedTracks)}.");
            else
                foreach (var name in required)
                    if (!t.Parameters.ContainsKey(name))
                        Add($"{path}.parameters.{name}", $"Track '{t.Id}' needs parameter '{name}'.");
            foreach (var (name, value) in t.Parameters)
            {
                if (!ParameterNames.Kinds.TryGetValue(name, out var kind))
                    Add($"{path}.parameters.{name}", $"Unknown parameter '{name}' (typo?).");
                else if (required is not null && !required.Contains(name))
                    Add($"{path}.parameters.{name}", $"Track '{t.Id}' does not read parameter '{name}'; a figure no rule reads would mislead.");
                else if (ParameterProblem(name, kind, value) is { } problem)
                    Add($"{path}.parameters.{name}", problem);
            }

            if (t.AdmittedKinds is null || t.AdmittedKinds.Count == 0) Add($"{path}.admittedKinds", "A track admits at least one applicant kind.");
            else
            {
                for (var k = 0; k < t.AdmittedKinds.Count; k++)
                    if (!Enum.IsDefined(t.AdmittedKinds[k]))
                        Add($"{path}.admittedKinds[{k}]", $"Unknown applicant kind {t.AdmittedKinds[k]}; known: {string.Join(", ", Enum.GetNames<ApplicantKind>())}.");
                if (t.AdmittedKinds.Distinct().Count() != t.AdmittedKinds.Count) Add($"{path}.admittedKinds", "An applicant kind is listed twice.");
            }
            if (t.OnlineDeadline < call.IssuedOn) Add($"{path}.onlineDeadline", "The online deadline is before the issue date.");
            else if (t.OnlineDeadline < call.ReferenceDate) Add($"{path}.onlineDeadline", "The online deadline is before the reference date.");
            else if (t.OnlineDeadline.Year > MaxYear) Add($"{path}.onlineDeadline", $"The online deadline must fall before {MaxYear + 1}.");
            if (t.PeriodYears is <= 0 or > MaxPeriodYears) Add($"{path}.periodYears", $"The period must be 1..{MaxPeriodYears} years (or null for open-ended).");
            if (t.EvaluationAfterMonths is <= 0 or > MaxPeriodYears * 12)
                Add($"{path}.evaluationAfterMonths", $"The evaluation month must be 1..{MaxPeriodYears * 12}.");
            if (t.PeriodYears is { } years && t.EvaluationAfterMonths > years * 12)
                Add($"{path}.evaluationAfterMonths", "The evaluation falls after the end of the period.");
            if (t.Contacts is null || t.Contacts.Any(c => c is null)) Add($"{path}.contacts", "Contacts must be a list of contacts.");
            else if (t.Contacts.Any(c => string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Phone)))
                Add($"{path}.contacts", "Every contact needs a name and a phone number.");

            ValidateTranches(t, $"{path}.tranches", Add);
            ValidateQuota(t.Quota, $"{path}.quota", Add);
            ValidateDeadlines(t, path, zone, Add);
            ValidateRouting(t, $"{path}.routing", Add);
            ValidateContent(t.Content, $"{path}.content", Add);
        }
        return Freeze(errors);
    }

    private const int MinYear = 2000, MaxYear = 2200, MaxPeriodYears = 10, MaxIdLength = 64;
    // Bounds far beyond any real figure; they keep the rules' arithmetic (sums, weights) inside decimal and int.
    private const decimal MaxAmount = 1_000_000_000_000m, MaxCount = 1_000_000m;

    private static string? ParameterProblem(string name, ParameterKind kind, decimal value)
    {
        var problem = kind switch
        {
            ParameterKind.Share when value is <= 0 or > 1 => $"A share must be in (0, 1], not {value}.",
            ParameterKind.Amount when value is < 0 or > MaxAmount => $"An amount must be in 0..{MaxAmount}, not {value}.",
            ParameterKind.Count when value is < 0 or > MaxCount || value != decimal.Truncate(value) => $"A count must be a whole number in 0..{MaxCount}, not {value}.",
            ParameterKind.Year when value is < 1949 or > MaxYear || value != decimal.Truncate(value) => $"'{value}' is not a plausible year.",
            ParameterKind.Flag when value is not (0 or 1) => $"A flag must be 0 or 1, not {value}.",
            _ => null,
        };
        if (problem is null && ParameterNames.Ranges.TryGetValue(name, out var range) && (value < range.Min || value > range.Max))
            problem = $"'{name}' must be in {range.Min}..{range.Max}, not {value}.";
        return problem;
    }

    private static void ValidateTranches(TrackDefinition t, string path, Action<string, string> add)
    {
        if (t.Tranches is null || t.Tranches.Count == 0) { add(path, "A track needs at least one tranche."); return; }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Tranches.Count; i++)
        {
            var tranche = t.Tranches[i];
            if (tranche is null) { add($"{path}[{i}]", "A tranche is null."); continue; }
            if (string.IsNullOrWhiteSpace(tranche.Name)) add($"{path}[{i}].name", "Every tranche needs a name.");
            else if (!names.Add(tranche.Name)) add($"{path}[{i}].name", $"Tranche name '{tranche.Name}' appears more than once.");
            if (tranche.Share is <= 0 or > 1) add($"{path}[{i}].share", $"A tranche share must be in (0, 1], not {tranche.Share}.");
            if (!TrancheTriggers.All.Contains(tranche.Trigger, StringComparer.Ordinal))
                add($"{path}[{i}].trigger", $"Unknown trigger '{tranche.Trigger}'; known: {string.Join(", ", TrancheTriggers.All)}.");
        }
        if (t.Tranches.All(x => x is not null && x.Share is > 0 and <= 1))
        {
            var sum = t.Tranches.Sum(x => x.Share);
            if (sum != 1m) add(path, $"Tranche shares sum to {sum}, not 1.");
            // Funding releases the approval tranches at once; a plan without one would pay nothing until the mid-term.
            if (!t.Tranches.Any(x => x.Trigger == TrancheTriggers.Approval)) add(path, "A plan needs a tranche released on Approval.");
        }
    }

    private static void ValidateQuota(QuotaRule? quota, string path, Action<string, string> add)
    {
        if (quota is null) { add(path, "A quota rule is required."); return; }
        if (quota.Bands is null || quota.Bands.Any(b => b is null)) { add($"{path}.bands", "Bands must be a list of bands (empty when unused)."); return; }
        switch (quota.Kind)
        {
            case QuotaKind.Unlimited:
                if (quota.PerCity is not null || quota.Bands.Count > 0) add(path, "An unlimited quota has no perCity and no bands.");
                break;
            case QuotaKind.PerCity:
                if (quota.PerCity is not > 0) add($"{path}.perCity", "A per-city quota needs perCity ≥ 1.");
                if (quota.Bands.Count > 0) add($"{path}.bands", "A per-city quota has no bands.");
                break;
            case QuotaKind.ByInventionGrants:
                if (quota.Bands.Count == 0) { add($"{path}.bands", "A banded quota needs bands."); break; }
                for (var i = 1; i < quota.Bands.Count; i++)
                    if (quota.Bands[i].GrantsAbove >= quota.Bands[i - 1].GrantsAbove)
                        add($"{path}.bands", "Bands must be ordered by strictly decreasing grantsAbove (the first exceeded band applies).");
                if (quota.Bands[^1].GrantsAbove >= 0)
                    add($"{path}.bands", "The last band must have grantsAbove < 0 so that every city, even with 0 grants, gets a quota.");
                if (quota.Bands.Any(b => b.Quota < 1)) add($"{path}.bands", "Every band quota must be ≥ 1.");
                break;
            default:
                add($"{path}.kind", $"Unknown quota kind {quota.Kind}.");
                break;
        }
        if (quota.IncentiveBonus is < 0 or > 1000) add($"{path}.incentiveBonus", "The incentive bonus must be in 0..1000.");
        if (quota.PerCity is > 1000 || quota.Bands.Any(b => b.Quota > 1000)) add(path, "A quota above 1000 per city is not plausible.");
    }

    /// <summary>File types a material may admit: the types the intake service can tell from the bytes.</summary>
    public static readonly IReadOnlyList<string> KnownFileTypes = ["pdf", "jpg", "png", "docx", "xlsx"];

    private const long MiB = 1024 * 1024, MaxMaterialBytes = 100 * MiB;

    private static void ValidateDeadlines(TrackDefinition t, string path, TimeZoneInfo? zone, Action<string, string> add)
    {
        if (t.OnlineDeadlineAt is { } at && at.Date != t.OnlineDeadline)
            add($"{path}.onlineDeadlineAt", $"The online deadline minute {at} is not on the online deadline day {t.OnlineDeadline:yyyy-MM-dd}.");
        var online = t.EffectiveOnlineDeadline;
        if (t.PaperDeadlineAt is { } paper && paper < online)
            add($"{path}.paperDeadlineAt", $"The paper deadline {paper} is before the online deadline {online}; a paper copy follows the online submission.");
        if (t.SummaryTableDeadlineAt is { } summary && summary < online)
            add($"{path}.summaryTableDeadlineAt", $"The summary-table deadline {summary} is before the online deadline {online}; a city summarises what was submitted.");
        if (zone is null) return;
        // A wall-clock minute skipped by a daylight-saving change has no instant, so the deadline would be ambiguous.
        foreach (var (name, minute) in new[] { ("onlineDeadlineAt", t.OnlineDeadlineAt), ("paperDeadlineAt", t.PaperDeadlineAt), ("summaryTableDeadlineAt", t.SummaryTableDeadlineAt) })
            if (minute is { } m && m.Date.Year is >= MinYear and <= MaxYear && zone.IsInvalidTime(m.ToDateTime()))
                add($"{path}.{name}", $"{m} does not exist in time zone {zone.Id} (skipped by a clock change).");
    }

    private static void ValidateRouting(TrackDefinition t, string path, Action<string, string> add)
    {
        if (t.Routing is null) { add(path, "Routing rules are required (an empty object for the defaults)."); return; }
        if (!Enum.IsDefined(t.Routing.CityOpinionBy))
            add($"{path}.cityOpinionBy", $"Unknown city opinion giver {t.Routing.CityOpinionBy}; known: {string.Join(", ", Enum.GetNames<CityOpinionGiver>())}.");
        if (t.Routing.FirstOffice is null) { add($"{path}.firstOffice", "First-office rules must be a list (empty for the defaults)."); return; }
        for (var i = 0; i < t.Routing.FirstOffice.Count; i++)
        {
            var rule = t.Routing.FirstOffice[i];
            var rulePath = $"{path}.firstOffice[{i}]";
            if (rule is null) { add(rulePath, "A first-office rule is null."); continue; }
            if (!Enum.IsDefined(rule.Kind))
                add($"{rulePath}.kind", $"Unknown applicant kind {rule.Kind}.");
            else if (t.AdmittedKinds is not null && !t.AdmittedKinds.Contains(rule.Kind))
                add($"{rulePath}.kind", $"Track '{t.Id}' does not admit {rule.Kind}; a routing rule for it would never apply.");
            if (!Enum.IsDefined(rule.Level))
                add($"{rulePath}.level", $"Unknown office level {rule.Level}; known: {string.Join(", ", Enum.GetNames<Contracts.Events.OfficeLevel>())}.");
            // Going straight to the province skips every office below it: only a city government applies directly (spec §3).
            else if (rule.Level == Contracts.Events.OfficeLevel.Province && rule.Kind != ApplicantKind.CityGovernment)
                add($"{rulePath}.level", $"Only a CityGovernment may start at the province; {rule.Kind} must pass its city.");
        }
    }

    private static void ValidateContent(ContentRules? content, string path, Action<string, string> add)
    {
        if (content is null) { add(path, "Content rules are required (an empty object for the defaults)."); return; }
        if (content.Tasks is null) add($"{path}.tasks", "Tasks must be a list (empty when the call names none).");
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < content.Tasks.Count; i++)
            {
                var task = content.Tasks[i];
                if (task is null) { add($"{path}.tasks[{i}]", "A task is null."); continue; }
                CheckId(task.Id, ids, $"{path}.tasks[{i}].id", "Task", add);
                if (string.IsNullOrWhiteSpace(task.NameZh)) add($"{path}.tasks[{i}].nameZh", "Every task needs its name as printed.");
            }
        }
        if (content.Targets is null) add($"{path}.targets", "Targets must be a list (empty when the call names none).");
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < content.Targets.Count; i++)
            {
                var target = content.Targets[i];
                if (target is null) { add($"{path}.targets[{i}]", "A target is null."); continue; }
                CheckId(target.Id, ids, $"{path}.targets[{i}].id", "Target", add);
                if (string.IsNullOrWhiteSpace(target.NameZh)) add($"{path}.targets[{i}].nameZh", "Every target needs its name as printed.");
                if (string.IsNullOrWhiteSpace(target.Unit)) add($"{path}.targets[{i}].unit", "Every target needs a unit (件, 万元, % …).");
                if (target.Minimum is < 0 or > MaxAmount) add($"{path}.targets[{i}].minimum", $"A minimum must be in 0..{MaxAmount}, not {target.Minimum}.");
            }
        }
        if (content.Materials is null) add($"{path}.materials", "Materials must be a list (empty when the call names none).");
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < content.Materials.Count; i++)
            {
                var m = content.Materials[i];
                var mPath = $"{path}.materials[{i}]";
                if (m is null) { add(mPath, "A material is null."); continue; }
                CheckId(m.Id, ids, $"{mPath}.id", "Material", add);
                if (string.IsNullOrWhiteSpace(m.NameZh)) add($"{mPath}.nameZh", "Every material needs its name as printed.");
                if (m.AllowedTypes is null || m.AllowedTypes.Count == 0) add($"{mPath}.allowedTypes", "A material admits at least one file type.");
                else
                {
                    var unknown = m.AllowedTypes.Where(x => !KnownFileTypes.Contains(x, StringComparer.Ordinal)).ToList();
                    if (unknown.Count > 0)
                        add($"{mPath}.allowedTypes", $"Unknown file type(s) {string.Join(", ", unknown.Select(x => $"'{x}'"))}; known: {string.Join(", ", KnownFileTypes)}.");
                    if (m.AllowedTypes.Distinct(StringComparer.Ordinal).Count() != m.AllowedTypes.Count) add($"{mPath}.allowedTypes", "A file type is listed twice.");
                }
                if (m.MaxBytes is < 1 or > MaxMaterialBytes)
                    add($"{mPath}.maxBytes", $"The largest file must be 1..{MaxMaterialBytes} bytes (100 MiB), not {m.MaxBytes}.");
                if (m.MaxFiles < 1) add($"{mPath}.maxFiles", $"A material holds at least one file, not {m.MaxFiles}.");
            }
        }
        ValidateFacts(content, path, add);
        if (content.MaxProvincialFundsCny is { } funds && (funds <= 0 || funds > MaxAmount))
            add($"{path}.maxProvincialFundsCny", $"The most provincial funds per application must be in (0, {MaxAmount}], not {funds}.");
        if (content.SummaryMinLength < 0) add($"{path}.summaryMinLength", "The shortest summary cannot be negative.");
        if (content.SummaryMaxLength < 1) add($"{path}.summaryMaxLength", "The longest summary must be at least 1 character.");
        else if (content.SummaryMinLength > content.SummaryMaxLength)
            add($"{path}.summaryMinLength", $"The shortest summary ({content.SummaryMinLength}) is longer than the longest ({content.SummaryMaxLength}).");
    }

    /// <summary>The yearly figures an application may declare under <c>facts.years[]</c>.</summary>
    public static readonly IReadOnlyList<string> KnownYearlyFigures =
        ["salesCny", "rdCny", "ipCostCny", "profitTaxCny", "patentGrants", "inventionGrants", "patentsConverted", "conversionAmountCny"];

    private static void ValidateFacts(ContentRules content, string path, Action<string, string> add)
    {
        if (content.Facts is null) add($"{path}.facts", "Facts must be a list (empty when the call asks none).");
        else
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < content.Facts.Count; i++)
            {
                var q = content.Facts[i];
                var qPath = $"{path}.facts[{i}]";
                if (q is null) { add(qPath, "A fact question is null."); continue; }
                if (string.IsNullOrWhiteSpace(q.Path)) add($"{qPath}.path", "Every fact question needs the fact's path.");
                else if (!paths.Add(q.Path)) add($"{qPath}.path", $"Fact '{q.Path}' is asked more than once.");
                else if (!IsKnownFact(q.Path))
                    add($"{qPath}.path", $"'{q.Path}' is not a fact of the application document (application-facts.md); a question no rule can read would mislead.");
                if (!Enum.IsDefined(q.Kind))
                    add($"{qPath}.kind", $"Unknown kind {q.Kind}; known: {string.Join(", ", Enum.GetNames<FactQuestionKind>())}.");
                if (string.IsNullOrWhiteSpace(q.LabelZh)) add($"{qPath}.labelZh", "Every fact question needs its Chinese label.");
                if (string.IsNullOrWhiteSpace(q.LabelEn)) add($"{qPath}.labelEn", "Every fact question needs its English label.");
                if (q.Choices is null) add($"{qPath}.choices", "Choices must be a list (empty unless the kind is Choice).");
                else if (q.Kind == FactQuestionKind.Choice)
                {
                    if (q.Choices.Count == 0 || q.Choices.Any(string.IsNullOrWhiteSpace)) add($"{qPath}.choices", "A choice question needs its (non-blank) options.");
                    else if (q.Choices.Distinct(StringComparer.Ordinal).Count() != q.Choices.Count) add($"{qPath}.choices", "An option is listed twice.");
                }
                else if (q.Choices.Count > 0) add($"{qPath}.choices", $"Only a Choice question has options, not a {q.Kind} one.");
            }
        }
        if (content.FigureYears is < 0 or > MaxPeriodYears) add($"{path}.figureYears", $"Yearly figures are asked for 0..{MaxPeriodYears} years, not {content.FigureYears}.");
        if (content.YearlyFigures is null) add($"{path}.yearlyFigures", "Yearly figures must be a list (empty when none are asked).");
        else
        {
            var unknown = content.YearlyFigures.Where(f => !KnownYearlyFigures.Contains(f, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
                add($"{path}.yearlyFigures", $"Unknown yearly figure(s) {string.Join(", ", unknown.Select(x => $"'{x}'"))}; known: {string.Join(", ", KnownYearlyFigures)}.");
            if (content.YearlyFigures.Distinct(StringComparer.Ordinal).Count() != content.YearlyFigures.Count) add($"{path}.yearlyFigures", "A yearly figure is listed twice.");
            // Figures without years (or years without figures) would ask nothing or an empty table.
            if ((content.FigureYears > 0) != (content.YearlyFigures.Count > 0))
                add($"{path}.figureYears", "Yearly figures need both how many years and which figures.");
        }
    }

    // A path names a fact when each of its dot-separated parts is a property of the facts record (camelCase in JSON).
    private static bool IsKnownFact(string path)
    {
        var type = typeof(ApplicationFacts);
        foreach (var part in path.Split('.'))
        {
            if (type is null || part.Length == 0) return false;
            var property = type.GetProperty(char.ToUpperInvariant(part[0]) + part[1..]);
            if (property is null || !char.IsLower(part[0])) return false;
            type = property.PropertyType.IsClass && property.PropertyType != typeof(string) ? property.PropertyType : null;
        }
        return true;
    }

    private static void CheckId(string? id, HashSet<string> seen, string path, string what, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(id)) add(path, $"{what} id is required.");
        else if (!seen.Add(id)) add(path, $"{what} id '{id}' appears more than once.");
    }

    private static IReadOnlyDictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
