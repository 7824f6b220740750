using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Intake.Applications;

/// <summary>
/// What a submission needs beyond a well-formed draft, field by field, from the track's
/// <see cref="ContentRules"/>: the project, each required task's plan and target's value, a budget whose parts
/// add up, a complete contact, a file for every required material. The keys are the document's JSON paths
/// (materials under <c>materials.{id}</c>), as the draft validator's are.
/// </summary>
public static class ApplicationCompleteness
{
    /// <summary>Everything missing or invalid; empty when the application may be submitted.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(ApplicationDocument document, TrackDefinition track, IEnumerable<string> materialsWithFiles)
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string path, string message) =>
            missing[path] = missing.TryGetValue(path, out var messages) ? [.. messages, message] : [message];
        // A call written before content rules existed may carry "content": null: the defaults apply.
        var rules = track.Content ?? new ContentRules();

        var project = document.Project ?? new ProjectContent();
        if (string.IsNullOrWhiteSpace(project.Name)) Add("project.name", "The project name is required.");
        var summaryLength = project.Summary?.Trim().Length ?? 0;
        if (summaryLength < rules.SummaryMinLength || summaryLength > rules.SummaryMaxLength)
            Add("project.summary", $"The summary must have {rules.SummaryMinLength} to {rules.SummaryMaxLength} characters; it has {summaryLength}.");
        if (project.StartsOn is null) Add("project.startsOn", "The first day of implementation is required.");
        if (project.EndsOn is null) Add("project.endsOn", "The last day of implementation is required.");
        if (project is { StartsOn: { } start, EndsOn: { } end })
        {
            if (end < start)
                Add("project.endsOn", "The project ends before it starts.");
            else if (track.PeriodYears is { } years && end != start.AddYears(years).AddDays(-1))
                Add("project.endsOn", $"The track's period is {years} years: from {start:yyyy-MM-dd} it ends on {start.AddYears(years).AddDays(-1):yyyy-MM-dd}.");
        }

        var plans = document.Tasks ?? [];
        foreach (var task in rules.Tasks.Where(t => t.Required))
        {
            var index = IndexOf(plans, p => p?.TaskId == task.Id);
            if (index < 0) Add($"tasks.{task.Id}", $"A plan for the task {task.NameZh} is required.");
            else if (string.IsNullOrWhiteSpace(plans[index]!.Plan)) Add($"tasks[{index}].plan", $"The plan for the task {task.NameZh} is empty.");
        }

        var targets = document.Targets ?? [];
        foreach (var target in rules.Targets.Where(t => t.Required))
        {
            var index = IndexOf(targets, v => v?.TargetId == target.Id);
            if (index < 0 || targets[index]!.Value is null)
                Add(index < 0 ? $"targets.{target.Id}" : $"targets[{index}].value", $"A value ({target.Unit}) for the target {target.NameZh} is required.");
            else if (target.Minimum is { } minimum && targets[index]!.Value < minimum)
                Add($"targets[{index}].value", $"The target {target.NameZh} must be at least {minimum} {target.Unit}; {targets[index]!.Value} is stated.");
        }

        CheckBudget(document.Budget ?? new Budget(), rules, Add);

        var contact = document.Contact ?? new ContactPerson();
        if (string.IsNullOrWhiteSpace(contact.Name)) Add("contact.name", "The contact person's name is required.");
        if (string.IsNullOrWhiteSpace(contact.Mobile)) Add("contact.mobile", "The contact person's mobile number is required.");
        if (string.IsNullOrWhiteSpace(contact.Email)) Add("contact.email", "The contact person's e-mail address is required.");

        var uploaded = materialsWithFiles.ToHashSet(StringComparer.Ordinal);
        foreach (var material in rules.Materials.Where(m => m.Required && !uploaded.Contains(m.Id)))
            Add($"materials.{material.Id}", $"The material {material.NameZh} is required: upload at least one file.");

        return missing;
    }

    static void CheckBudget(Budget budget, ContentRules rules, Action<string, string> add)
    {
        if (budget.TotalCny is null) add("budget.totalCny", "The total budget is required.");
        if (budget.ProvincialFundsCny is null) add("budget.provincialFundsCny", "The provincial funds requested are required.");
        if (budget.OwnFundsCny is null) add("budget.ownFundsCny", "The own funds are required (0 when none).");
        if (budget.OtherFundsCny is null) add("budget.otherFundsCny", "The other funds are required (0 when none).");
        if (budget is { TotalCny: { } total, ProvincialFundsCny: { } provincial, OwnFundsCny: { } own, OtherFundsCny: { } other }
            && total != provincial + own + other)
            add("budget.totalCny", $"The total ({total}) must equal provincial + own + other funds ({provincial + own + other}).");
        if (budget.ProvincialFundsCny is { } requested && rules.MaxProvincialFundsCny is { } max && requested > max)
            add("budget.provincialFundsCny", $"At most {max} CNY of provincial funds may be requested; {requested} is requested.");
    }

    static int IndexOf<T>(IReadOnlyList<T> rows, Func<T, bool> match)
    {
        for (var i = 0; i < rows.Count; i++)
            if (match(rows[i])) return i;
        return -1;
    }
}

/// <summary>
/// A state change refused because of fields of the request or the record (→ 400 ValidationProblem naming
/// each field), as opposed to a <see cref="BusinessRuleException"/> about the state. Nothing was changed.
/// </summary>
public sealed class FieldErrorsException(string title, IReadOnlyDictionary<string, string[]> errors) : Exception(title)
{
    /// <summary>Messages by JSON path.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
