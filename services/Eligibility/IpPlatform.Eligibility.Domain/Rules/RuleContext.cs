using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Eligibility.Domain.Rules;

/// <summary>One assessment: the document (with absent parts replaced by empty ones), the call's track and its
/// parameters, the history, and the findings gathered so far.</summary>
internal sealed class RuleContext(ApplicationDocument doc, CallDocument call, TrackDefinition track, EligibilityHistory history)
{
    private readonly List<Finding> _findings = [];

    public CallDocument Call { get; } = call;
    public TrackDefinition Track { get; } = track;
    public EligibilityHistory History { get; } = history;
    public Applicant Applicant { get; } = doc.Applicant ?? new Applicant();
    public ApplicationFacts Facts { get; } = doc.Facts ?? new ApplicationFacts();
    public ApplicantKind? Kind => Applicant.Kind;
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Whether APPLICANT-KIND passed; kind-specific rules run only then.</summary>
    public bool KindAdmitted { get; set; }

    public void Add(string ruleId, string zhTitle, string enTitle, Check check) =>
        _findings.Add(check.ToFinding(ruleId, zhTitle, enTitle));

    /// <summary>A parameter of the track; a call missing it was never validated, which is a programming error.</summary>
    public decimal P(string name) => Track.Parameters.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException(
            $"Call '{Call.Id}', track '{Track.Id}' lacks parameter '{name}'. Validate calls with CallValidator before use.");

    public int PInt(string name) => (int)P(name);
    public bool PFlag(string name) => P(name) != 0m;

    /// <summary>The figures of a year; the first entry wins if a (rejected) document repeats a year.</summary>
    public YearFigures? Year(int year)
    {
        if (Facts.Years is not { } years) return null;
        foreach (var y in years)
            if (y?.Year == year) return y;
        return null;
    }

    /// <summary>The "last N years" ending with the call's last year, oldest first.</summary>
    public int[] RecentYears()
    {
        var n = PInt(ParameterNames.RecentYears);
        return Enumerable.Range(Call.LastYear - n + 1, n).ToArray();
    }

    /// <summary>Projects in the history undertaken by the applicant (by credit code); empty when the code is absent.</summary>
    public IEnumerable<HistoryProject> OwnProjects() => Applicant.CreditCode is { } code
        ? History.Projects.Where(p => string.Equals(p.CreditCode, code, StringComparison.Ordinal))
        : [];

    /// <summary>Names compare after trimming and ignoring case and inner white space (<see cref="Names.Key"/>).</summary>
    public static bool SameName(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Names.Key(a), Names.Key(b), StringComparison.Ordinal);

    public static bool IsRegionCode(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
