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

    private static IReadOnlyDictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
