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
        if (string.IsNullOrWhiteSpace(call.TitleZh)) Add("titleZh", "The title is required.");
        if (call.ReferenceDate < call.IssuedOn.AddYears(-1) || call.ReferenceDate > call.IssuedOn.AddYears(1))
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
            if (!seen.Add(t.Id)) Add($"{path}.id", $"Track id '{t.Id}' appears more than once.");

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
                else if (ParameterProblem(kind, value) is { } problem)
                    Add($"{path}.parameters.{name}", problem);
            }

            if (t.AdmittedKinds is null || t.AdmittedKinds.Count == 0) Add($"{path}.admittedKinds", "A track admits at least one applicant kind.");
            if (t.OnlineDeadline < call.IssuedOn) Add($"{path}.onlineDeadline", "The online deadline is before the issue date.");
            if (t.PeriodYears is <= 0) Add($"{path}.periodYears", "The period must be positive (or null for open-ended).");
            if (t.EvaluationAfterMonths <= 0) Add($"{path}.evaluationAfterMonths", "The evaluation month must be positive.");
            if (t.PeriodYears is { } years && t.EvaluationAfterMonths > years * 12)
                Add($"{path}.evaluationAfterMonths", "The evaluation falls after the end of the period.");
            if (t.Contacts.Any(c => string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Phone)))
                Add($"{path}.contacts", "Every contact needs a name and a phone number.");

            ValidateTranches(t, $"{path}.tranches", Add);
            ValidateQuota(t.Quota, $"{path}.quota", Add);
        }
        return Freeze(errors);
    }

    private static string? ParameterProblem(ParameterKind kind, decimal value) => kind switch
    {
        ParameterKind.Share when value is <= 0 or > 1 => $"A share must be in (0, 1], not {value}.",
        ParameterKind.Amount when value < 0 => $"An amount must not be negative ({value}).",
        ParameterKind.Count when value < 0 || value != decimal.Truncate(value) => $"A count must be a whole number ≥ 0, not {value}.",
        ParameterKind.Year when value is < 1949 or > 2200 || value != decimal.Truncate(value) => $"'{value}' is not a plausible year.",
        ParameterKind.Flag when value is not (0 or 1) => $"A flag must be 0 or 1, not {value}.",
        _ => null,
    };

    private static void ValidateTranches(TrackDefinition t, string path, Action<string, string> add)
    {
        if (t.Tranches is null || t.Tranches.Count == 0) { add(path, "A track needs at least one tranche."); return; }
        if (t.Tranches.Any(x => x.Share is <= 0 or > 1)) add(path, "Every tranche share must be in (0, 1].");
        var sum = t.Tranches.Sum(x => x.Share);
        if (sum != 1m) add(path, $"Tranche shares sum to {sum}, not 1.");
        if (t.Tranches.Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() != t.Tranches.Count) add(path, "Tranche names must be unique.");
        if (t.Tranches.Any(x => string.IsNullOrWhiteSpace(x.Trigger))) add(path, "Every tranche needs a trigger.");
    }

    private static void ValidateQuota(QuotaRule? quota, string path, Action<string, string> add)
    {
        if (quota is null) { add(path, "A quota rule is required."); return; }
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
        if (quota.IncentiveBonus < 0) add($"{path}.incentiveBonus", "The incentive bonus must not be negative.");
    }

    private static IReadOnlyDictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
