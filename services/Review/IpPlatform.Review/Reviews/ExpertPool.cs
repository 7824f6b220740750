using IpPlatform.Documents;

namespace IpPlatform.Review.Reviews;

/// <summary>
/// An expert of the province's pool (专家库), kept by the administrator: the expert's account (the token's
/// <c>name</c>), the tracks the expert's fields cover, where the expert works and lives, and the organisations
/// the expert declared a conflict of interest with. Only active experts are drawn.
/// </summary>
public sealed class ExpertProfile
{
    public string AccountName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    /// <summary>The tracks whose applications the expert's fields of expertise cover.</summary>
    public List<string> Tracks { get; private set; } = [];
    public string EmployerName { get; private set; } = "";
    /// <summary>The employer's unified social credit code: an applicant or partner with it is the expert's own organisation.</summary>
    public string EmployerCreditCode { get; private set; } = "";
    /// <summary>The prefecture-level city (GB/T 2260) the expert works in.</summary>
    public string CityCode { get; private set; } = "";
    public bool Active { get; private set; }
    /// <summary>Credit codes of organisations the expert declared a conflict of interest with (回避申报).</summary>
    public List<string> DeclaredConflicts { get; private set; } = [];
    public DateTime UpdatedAtUtc { get; private set; }

    ExpertProfile() { }

    public ExpertProfile(string accountName) => AccountName = accountName;

    /// <summary>Input errors of a profile, by field (empty when valid).</summary>
    public static Dictionary<string, string[]> Validate(
        string? displayName, IReadOnlyList<string?>? tracks, string? employerName, string? employerCreditCode, string? cityCode,
        bool? active, IReadOnlyList<string?>? declaredConflicts)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(displayName)) errors["displayName"] = ["The expert's name is required."];
        if (tracks is not { Count: > 0 } || tracks.Any(string.IsNullOrWhiteSpace)) errors["tracks"] = ["At least one track id the expert's fields cover is required."];
        if (string.IsNullOrWhiteSpace(employerName)) errors["employerName"] = ["The employer's name is required."];
        if (!CreditCode.IsValid(employerCreditCode)) errors["employerCreditCode"] = ["The employer's unified social credit code (GB 32100-2015) is required."];
        if (!Regions.IsCity(cityCode)) errors["cityCode"] = ["The prefecture-level city the expert works in (GB/T 2260, e.g. 320500) is required."];
        if (active is null) errors["active"] = ["Whether the expert is active is required."];
        if (declaredConflicts?.Any(c => !CreditCode.IsValid(c)) == true) errors["declaredConflicts"] = ["Each declared conflict is an organisation's credit code."];
        return errors;
    }

    public void Update(string displayName, IEnumerable<string> tracks, string employerName, string employerCreditCode, string cityCode,
        bool active, IEnumerable<string> declaredConflicts, DateTimeOffset now)
    {
        DisplayName = displayName.Trim();
        Tracks = tracks.Select(t => t.Trim()).Distinct().Order(StringComparer.Ordinal).ToList();
        EmployerName = employerName.Trim();
        EmployerCreditCode = employerCreditCode.Trim().ToUpperInvariant();
        CityCode = cityCode.Trim();
        Active = active;
        DeclaredConflicts = declaredConflicts.Select(c => c.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        UpdatedAtUtc = now.UtcDateTime;
    }
}
