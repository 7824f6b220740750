namespace IpPlatform.Portal.Api;

// What offices and experts read of an application (intake's GET /api/applications/{id} with its document) and the parts
// of the call that name its tasks and targets; field names as the APIs write them (camelCase). Kept apart from the
// applicant's draft models so that each area's names stay its own.

/// <summary>An application as intake shows it to a reader, with the document as stored (a draft's current, else the frozen one).</summary>
public sealed record ReadApplication(
    Guid Id, string CallId, string Track, string Status, ApplicantView Applicant, DateTime CreatedAt, DateTime? SubmittedAt)
{
    public int? CallVersion { get; init; }
    public string? Fingerprint { get; init; }
    public ContentDocument? Document { get; init; }
}

/// <summary>The parts of an application document (application-facts.md) the content pages show.</summary>
public sealed record ContentDocument(
    ContentApplicant? Applicant, IReadOnlyList<ContentPartner>? Partners, ContentProject? Project, IReadOnlyList<ContentTask>? Tasks,
    IReadOnlyList<ContentTarget>? Targets, ContentBudget? Budget, ContentContact? Contact)
{
    /// <summary>The declared facts as written (camelCase names); read by name for the questions the track asks.</summary>
    public System.Text.Json.JsonElement? Facts { get; init; }
}

public sealed record ContentApplicant(
    string? Name, string? CreditCode, string? Kind, string? RegionCode, string? ParkName, bool? ProvincialOrMinisterial, string? School,
    string? DisciplineField);
public sealed record ContentPartner(string? Name, string? CreditCode, string? Role);
public sealed record ContentProject(string? Name, string? Summary, DateOnly? StartsOn, DateOnly? EndsOn);
public sealed record ContentTask(string? TaskId, string? Plan);
public sealed record ContentTarget(string? TargetId, decimal? Value);
public sealed record ContentBudget(decimal? TotalCny, decimal? ProvincialFundsCny, decimal? OwnFundsCny, decimal? OtherFundsCny);
public sealed record ContentContact(string? Name, string? Mobile, string? Email);

/// <summary>A call as the eligibility service publishes it, read for its tracks' task names and target units.</summary>
public sealed record ContentCall(string Id, IReadOnlyList<ContentCallTrack> Tracks);
public sealed record ContentCallTrack(string Id, string ProgrammeZh, ContentCallRules? Content);
/// <summary>The track's content rules as the content view reads them; <see cref="Facts"/> are the call's fact questions (none in an older call).</summary>
public sealed record ContentCallRules(IReadOnlyList<ContentTaskDefinition>? Tasks, IReadOnlyList<ContentTargetDefinition>? Targets,
    IReadOnlyList<FactQuestionView>? Facts = null);
public sealed record ContentTaskDefinition(string Id, string NameZh);
public sealed record ContentTargetDefinition(string Id, string NameZh, string Unit);
/// <summary>One version of a call (<c>GET /api/eligibility/calls/{id}/versions/{version}</c>).</summary>
public sealed record ContentCallVersion(string CallId, int Version, ContentCall Call);

/// <summary>
/// The office worklist's filters as intake takes them: the filters cover every page because intake applies them before
/// paging. Offices never list drafts, so "all" asks for every stage after submission.
/// </summary>
public static class WorklistFilter
{
    /// <summary>The stages an office's worklist shows, in the order an application moves (intake's stage names).</summary>
    public static readonly IReadOnlyList<string> Stages =
        ["Submitted", "RecommendedByCounty", "RecommendedByCity", "Returned", "Rejected", "Approved", "ProjectStarted"];

    /// <summary>The chosen status when it is one the worklist shows, else null (all of them).</summary>
    public static string? StatusOrAll(string? status) => status is { Length: > 0 } && Stages.Contains(status) ? status : null;

    /// <summary>The path and query of one worklist page on intake.</summary>
    public static string Query(int page, int pageSize, string? status, string? track)
    {
        var query = $"/api/applications?page={page}&pageSize={pageSize}";
        foreach (var stage in StatusOrAll(status) is { } one ? [one] : Stages) query += $"&status={Uri.EscapeDataString(stage)}";
        if (track is { Length: > 0 }) query += $"&track={Uri.EscapeDataString(track)}";
        return query;
    }
}
