using System.Globalization;
using System.Text;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;

namespace IpPlatform.Eligibility.Domain;

/// <summary>
/// Operator import of projects that predate the platform (see <c>services/Eligibility/HISTORY-CSV.md</c>).
/// RFC 4180 CSV, UTF-8, comma-separated, a header row naming the columns (any order, case-insensitive):
/// <list type="table">
/// <item><term>creditCode</term><description>required; unified social credit code of the lead unit, check character verified</description></item>
/// <item><term>trackId</term><description>required; a track id (e.g. <c>hvp-new</c>) or <c>enterprise-ip-strategy</c> for the former enterprise IP strategy programme</description></item>
/// <item><term>kind</term><description>required; an <see cref="ApplicantKind"/> name, e.g. <c>Enterprise</c></description></item>
/// <item><term>callYear</term><description>required; year of the call, e.g. <c>2020</c></description></item>
/// <item><term>status</term><description>required; <c>Ongoing</c>, <c>Accepted</c>, <c>Failed</c> or <c>Terminated</c></description></item>
/// <item><term>unitName, callId, regionCode, parkName, giName, school, disciplineField</term><description>optional text; regionCode 6 digits</description></item>
/// <item><term>acceptedOn</term><description>optional date <c>YYYY-MM-DD</c>; required when status is Accepted</description></item>
/// <item><term>finalTranchePaid</term><description>optional <c>true</c>/<c>false</c> (default false)</description></item>
/// </list>
/// The import is all or nothing: any bad row makes <see cref="HistoryCsvResult.Projects"/> empty and lists
/// every error with its line number.
/// </summary>
public static class HistoryCsv
{
    /// <summary>Columns that must be present and non-empty.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["creditCode", "trackId", "kind", "callYear", "status"];

    /// <summary>Columns that may be present.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns =
        ["unitName", "callId", "regionCode", "parkName", "giName", "school", "disciplineField", "acceptedOn", "finalTranchePaid"];

    /// <summary>Parses the whole input; either every row or none.</summary>
    public static HistoryCsvResult Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<HistoryCsvError>();
        var projects = new List<HistoryProject>();
        var firstLineOf = new Dictionary<(string, string, int), int>();
        var records = ReadRecords(reader, errors);
        if (errors.Count > 0) return new HistoryCsvResult([], errors);
        if (records.Count == 0) return new HistoryCsvResult([], [new HistoryCsvError(1, "The file is empty; a header row is required.")]);

        var (headerLine, header) = records[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var known = RequiredColumns.Concat(OptionalColumns).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!known.Contains(name)) errors.Add(new(headerLine, $"Unknown column '{name}'."));
            else if (!columns.TryAdd(name, i)) errors.Add(new(headerLine, $"Column '{name}' appears twice."));
        }
        foreach (var required in RequiredColumns.Where(c => !columns.ContainsKey(c)))
            errors.Add(new(headerLine, $"Required column '{required}' is missing."));
        if (errors.Count > 0) return new HistoryCsvResult([], errors);

        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0) continue; // blank line
            if (fields.Count != header.Count)
            {
                errors.Add(new(line, $"Expected {header.Count} fields, found {fields.Count}."));
                continue;
            }
            if (ParseRow(line, name => columns.TryGetValue(name, out var i) ? NullIfEmpty(fields[i]) : null, errors) is { } project)
            {
                if (firstLineOf.TryGetValue(NaturalKey(project), out var first))
                    errors.Add(new(line, $"Line {first} already names the project of {project.CreditCode} on {project.TrackId} in {project.CallYear}."));
                else firstLineOf[NaturalKey(project)] = line;
                projects.Add(project);
            }
        }
        return errors.Count > 0 ? new HistoryCsvResult([], errors) : new HistoryCsvResult(projects, []);
    }

    /// <summary>
    /// What identifies a project across imports: its lead unit, track and call year. Importing a file again
    /// finds its rows by this key and changes nothing (or updates what changed, e.g. a later acceptance).
    /// </summary>
    public static (string CreditCode, string TrackId, int CallYear) NaturalKey(HistoryProject project) =>
        (project.CreditCode, project.TrackId, project.CallYear);

    private static HistoryProject? ParseRow(int line, Func<string, string?> get, List<HistoryCsvError> errors)
    {
        var before = errors.Count;
        void Error(string message) => errors.Add(new(line, message));
        string Required(string column)
        {
            var value = get(column);
            if (value is null) Error($"'{column}' is required.");
            return value ?? "";
        }

        var creditCode = Required("creditCode");
        if (creditCode.Length > 0 && CreditCode.Check(creditCode) is { } codeProblem) Error($"creditCode: {codeProblem}");
        var trackId = Required("trackId");
        var kindText = Required("kind");
        ApplicantKind kind = default;
        if (kindText.Length > 0 && !TryEnum(kindText, out kind)) Error($"kind: '{kindText}' is not one of {string.Join(", ", Enum.GetNames<ApplicantKind>())}.");
        var yearText = Required("callYear");
        var callYear = 0;
        if (yearText.Length > 0 && (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out callYear) || callYear is < 1990 or > 2200))
            Error($"callYear: '{yearText}' is not a year.");
        var statusText = Required("status");
        ProjectStatus status = default;
        if (statusText.Length > 0 && !TryEnum(statusText, out status)) Error($"status: '{statusText}' is not one of {string.Join(", ", Enum.GetNames<ProjectStatus>())}.");

        var region = Normalization.RegionCode(get("regionCode"));
        if (region is not null && !(region.Length == 6 && region.All(char.IsAsciiDigit))) Error($"regionCode: '{region}' is not 6 digits.");
        DateOnly? acceptedOn = null;
        if (get("acceptedOn") is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) acceptedOn = d;
            else Error($"acceptedOn: '{dateText}' is not a date YYYY-MM-DD.");
        }
        else if (statusText.Length > 0 && status == ProjectStatus.Accepted)
            Error("acceptedOn is required when status is Accepted.");
        var paid = false;
        if (get("finalTranchePaid") is { } paidText && !bool.TryParse(paidText, out paid))
            Error($"finalTranchePaid: '{paidText}' is not true or false.");

        if (errors.Count > before) return null;
        return new HistoryProject
        {
            CreditCode = creditCode, TrackId = trackId, Kind = kind, CallYear = callYear, Status = status,
            UnitName = get("unitName"), CallId = get("callId"), RegionCode = region, ParkName = get("parkName"),
            GiName = get("giName"), School = get("school"), DisciplineField = get("disciplineField"),
            AcceptedOn = acceptedOn, FinalTranchePaid = paid,
        };
    }

    // Enum names only: digits would otherwise parse as values.
    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]) && text[0] != '-';

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // RFC 4180: fields may be quoted; quotes inside are doubled; quoted fields may span lines.
    // Each record keeps the line number it starts on.
    private static List<(int Line, List<string> Fields)> ReadRecords(TextReader reader, List<HistoryCsvError> errors)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var atFieldStart = true;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add((recordLine, fields));
                    fields = [];
                    field.Clear();
                    atFieldStart = true;
                    recordLine = ++line;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }
        if (quoted) errors.Add(new(recordLine, "A quoted field is not closed."));
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}

/// <summary>Result of <see cref="HistoryCsv.Parse"/>: all projects and no errors, or no projects and the errors.</summary>
/// <param name="Projects">Every row, when there is no error.</param>
/// <param name="Errors">Every problem found, by line.</param>
public sealed record HistoryCsvResult(IReadOnlyList<HistoryProject> Projects, IReadOnlyList<HistoryCsvError> Errors)
{
    /// <summary>True when the file was imported entirely.</summary>
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A problem in the imported file.</summary>
/// <param name="Line">1-based line number (the header is line 1).</param>
/// <param name="Message">What is wrong, in English.</param>
public sealed record HistoryCsvError(int Line, string Message);
