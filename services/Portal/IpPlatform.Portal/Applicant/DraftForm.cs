using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;

namespace IpPlatform.Portal.Applicant;

/// <summary>
/// What the applicant typed in the draft form, as typed (text, so that nothing is lost or rounded on a failed save),
/// and its mapping to intake's application document and from the problem document's field names back to the fields.
/// The facts are keyed by their document path under <c>facts</c>; tasks and targets by their ids in the call.
/// </summary>
public sealed partial class DraftForm
{
    public string CallId { get; set; } = "";
    public string Track { get; set; } = "";

    public string? ApplicantName { get; set; }
    public string? ApplicantKind { get; set; }
    public string? RegionCode { get; set; }
    /// <summary>A park committee's park.</summary>
    public string? ParkName { get; set; }
    /// <summary>An institution's standing (<c>true</c>/<c>false</c>, blank unanswered): it decides where its application goes first.</summary>
    public string? ProvincialOrMinisterial { get; set; }
    public string? School { get; set; }
    public string? DisciplineField { get; set; }

    /// <summary>Kinds of unit that state their standing, school and discipline.</summary>
    public static readonly IReadOnlyList<string> Institutions = ["University", "ResearchInstitute", "KeyLaboratory", "NewRdInstitution"];
    public bool IsInstitution => ApplicantKind is { } kind && Institutions.Contains(kind);
    public bool IsPark => ApplicantKind == "ParkCommittee";

    public Dictionary<string, string?> Facts { get; set; } = [];
    public List<YearRow> Years { get; set; } = [];
    public List<TrademarkRow> Trademarks { get; set; } = [];
    public List<string> Awards { get; set; } = [];

    public string? ProjectName { get; set; }
    public string? Summary { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }

    public Dictionary<string, string?> Tasks { get; set; } = [];
    public Dictionary<string, string?> Targets { get; set; } = [];

    public string? TotalCny { get; set; }
    public string? ProvincialFundsCny { get; set; }
    public string? OwnFundsCny { get; set; }
    public string? OtherFundsCny { get; set; }

    public string? ContactName { get; set; }
    public string? ContactMobile { get; set; }
    public string? ContactEmail { get; set; }

    public List<PartnerRow> Partners { get; set; } = [];

    public sealed class YearRow
    {
        public int Year { get; set; }
        public Dictionary<string, string?> Figures { get; set; } = [];
    }

    public sealed class TrademarkRow
    {
        public string? RegistrationNo { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public DateOnly? InUseSince { get; set; }
    }

    public sealed class PartnerRow
    {
        public string? Name { get; set; }
        public string? CreditCode { get; set; }
        public string? Role { get; set; }
    }

    /// <summary>An empty form for <paramref name="track"/> of <paramref name="call"/>: a blank for every question it asks.</summary>
    /// <remarks>The unit's name, kind, region and contact start as the account states them (<paramref name="account"/>);
    /// a track that admits one kind of unit starts with that kind.</remarks>
    public static DraftForm For(CallDocumentView call, TrackDocumentView track, ApplicantAccount? account = null)
    {
        var form = new DraftForm
        {
            CallId = call.Id, Track = track.Id,
            ApplicantName = account?.DisplayName, RegionCode = account?.RegionCode,
            ApplicantKind = account?.ApplicantKind is { } kind && track.AdmittedKinds.Contains(kind) ? kind
                : track.AdmittedKinds.Count == 1 ? track.AdmittedKinds[0] : null,
            ContactName = account?.Contact?.Name, ContactMobile = account?.Contact?.Mobile, ContactEmail = account?.Contact?.Email,
        };
        form.Fit(call, track);
        return form;
    }

    /// <summary>Adds a blank for each question of the track a (stored) form lacks, so that every field can be bound.</summary>
    public void Fit(CallDocumentView call, TrackDocumentView track)
    {
        foreach (var question in FactQuestions.For(track)) Facts.TryAdd(question.Path, null);
        var (years, figures) = FactQuestions.YearsFor(track);
        for (var year = call.LastYear - years + 1; year <= call.LastYear; year++)
        {
            var row = Years.FirstOrDefault(r => r.Year == year);
            if (row is null) Years.Add(row = new YearRow { Year = year });
            foreach (var figure in figures) row.Figures.TryAdd(figure, null);
        }
        Years.Sort((a, b) => a.Year.CompareTo(b.Year));
        if (FactQuestions.AsksTrademarks(track) && Trademarks.Count == 0) Trademarks.Add(new TrademarkRow());
        foreach (var task in track.Rules.Tasks) Tasks.TryAdd(task.Id, null);
        foreach (var target in track.Rules.Targets) Targets.TryAdd(target.Id, null);
        if (track.PeriodYears is { } period && StartsOn is { } start && EndsOn is null) EndsOn = start.AddYears(period).AddDays(-1);
    }

    /// <summary>
    /// The application document intake and the precheck read. Blank answers are left out (an unanswered fact makes its
    /// rule Unknown, never No); every task and target of the track is sent in the call's order, so that a problem about
    /// <c>tasks[2]</c> names the third task of the call.
    /// </summary>
    public JsonObject ToDocument(TrackDocumentView track, string? creditCode = null)
    {
        var applicant = new JsonObject();
        Put(applicant, "name", Text(ApplicantName));
        Put(applicant, "creditCode", Text(creditCode));
        Put(applicant, "kind", Text(ApplicantKind));
        Put(applicant, "regionCode", Text(RegionCode));
        if (IsPark) Put(applicant, "parkName", Text(ParkName));
        if (IsInstitution)
        {
            Put(applicant, "provincialOrMinisterial", ProvincialOrMinisterial switch { "true" => true, "false" => false, _ => null });
            Put(applicant, "school", Text(School));
            Put(applicant, "disciplineField", Text(DisciplineField));
        }

        var facts = new JsonObject();
        foreach (var question in FactQuestions.For(track))
            if (Answer(question, Facts.GetValueOrDefault(question.Path)) is { } value) PutPath(facts, question.Path, value);
        var years = new JsonArray();
        foreach (var row in Years)
        {
            var figures = new JsonObject { ["year"] = row.Year };
            foreach (var (figure, text) in row.Figures)
                if ((FactQuestions.IsCount(figure) ? Integer(text) : Number(text)) is { } value) figures[figure] = value;
            if (figures.Count > 1) years.Add(figures);
        }
        if (years.Count > 0) facts["years"] = years;
        if (FactQuestions.AsksTrademarks(track))
        {
            var marks = new JsonArray();
            foreach (var mark in Trademarks.Where(m => Text(m.RegistrationNo) is not null || m.ValidUntil is not null || m.InUseSince is not null))
            {
                var node = new JsonObject();
                Put(node, "registrationNo", Text(mark.RegistrationNo));
                Put(node, "validUntil", Date(mark.ValidUntil));
                Put(node, "inUseSince", Date(mark.InUseSince));
                marks.Add(node);
            }
            facts["trademarks"] = marks;
        }
        if (FactQuestions.AsksAwards(track)) facts["awardsWithin3Years"] = new JsonArray([.. Awards.Select(a => (JsonNode)JsonValue.Create(a))]);

        var project = new JsonObject();
        Put(project, "name", Text(ProjectName));
        Put(project, "summary", Text(Summary));
        Put(project, "startsOn", Date(StartsOn));
        Put(project, "endsOn", Date(EndsOn));

        var budget = new JsonObject();
        Put(budget, "totalCny", Number(TotalCny));
        Put(budget, "provincialFundsCny", Number(ProvincialFundsCny));
        Put(budget, "ownFundsCny", Number(OwnFundsCny));
        Put(budget, "otherFundsCny", Number(OtherFundsCny));

        var contact = new JsonObject();
        Put(contact, "name", Text(ContactName));
        Put(contact, "mobile", Text(ContactMobile));
        Put(contact, "email", Text(ContactEmail));

        var document = new JsonObject
        {
            ["callId"] = CallId,
            ["track"] = Track,
            ["applicant"] = applicant,
            ["facts"] = facts,
            ["project"] = project,
            ["tasks"] = new JsonArray([.. track.Rules.Tasks.Select(t => (JsonNode)new JsonObject { ["taskId"] = t.Id, ["plan"] = Text(Tasks.GetValueOrDefault(t.Id)) })]),
            ["targets"] = new JsonArray([.. track.Rules.Targets.Select(t => (JsonNode)new JsonObject { ["targetId"] = t.Id, ["value"] = Number(Targets.GetValueOrDefault(t.Id)) })]),
            ["budget"] = budget,
            ["contact"] = contact,
        };
        var partners = Partners.Where(p => Text(p.Name) is not null || Text(p.CreditCode) is not null || Text(p.Role) is not null).ToList();
        if (partners.Count > 0)
            document["partners"] = new JsonArray([.. partners.Select(p =>
            {
                var node = new JsonObject();
                Put(node, "name", Text(p.Name));
                Put(node, "creditCode", Text(p.CreditCode));
                Put(node, "role", Text(p.Role));
                return (JsonNode)node;
            })]);
        return document;
    }

    /// <summary>
    /// The form as a stored document fills it (intake's draft as last saved): the inverse of <see cref="ToDocument"/>,
    /// numbers written as invariant text, yes/no as <c>true</c>/<c>false</c>; what the track asks and the document lacks
    /// stays blank (<see cref="Fit"/>).
    /// </summary>
    public static DraftForm FromDocument(JsonObject document, CallDocumentView call, TrackDocumentView track)
    {
        var applicant = document["applicant"] as JsonObject;
        var project = document["project"] as JsonObject;
        var budget = document["budget"] as JsonObject;
        var contact = document["contact"] as JsonObject;
        var form = new DraftForm
        {
            CallId = AsText(document["callId"]) ?? call.Id, Track = AsText(document["track"]) ?? track.Id,
            ApplicantName = AsText(applicant?["name"]), ApplicantKind = AsText(applicant?["kind"]), RegionCode = AsText(applicant?["regionCode"]),
            ParkName = AsText(applicant?["parkName"]), ProvincialOrMinisterial = AsText(applicant?["provincialOrMinisterial"]),
            School = AsText(applicant?["school"]), DisciplineField = AsText(applicant?["disciplineField"]),
            ProjectName = AsText(project?["name"]), Summary = AsText(project?["summary"]),
            StartsOn = AsDate(project?["startsOn"]), EndsOn = AsDate(project?["endsOn"]),
            TotalCny = AsText(budget?["totalCny"]), ProvincialFundsCny = AsText(budget?["provincialFundsCny"]),
            OwnFundsCny = AsText(budget?["ownFundsCny"]), OtherFundsCny = AsText(budget?["otherFundsCny"]),
            ContactName = AsText(contact?["name"]), ContactMobile = AsText(contact?["mobile"]), ContactEmail = AsText(contact?["email"]),
        };

        var facts = document["facts"] as JsonObject;
        foreach (var question in FactQuestions.For(track))
            form.Facts[question.Path] = AsText(AtPath(facts, question.Path));
        foreach (var year in (facts?["years"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (year["year"] is not JsonValue value || !value.TryGetValue<int>(out var number)) continue;
            var row = new YearRow { Year = number };
            foreach (var (figure, text) in year)
                if (figure != "year") row.Figures[figure] = AsText(text);
            form.Years.Add(row);
        }
        foreach (var mark in (facts?["trademarks"] as JsonArray ?? []).OfType<JsonObject>())
            form.Trademarks.Add(new TrademarkRow
            {
                RegistrationNo = AsText(mark["registrationNo"]), ValidUntil = AsDate(mark["validUntil"]), InUseSince = AsDate(mark["inUseSince"]),
            });
        form.Awards = [.. (facts?["awardsWithin3Years"] as JsonArray ?? []).Select(AsText).OfType<string>()];

        foreach (var task in (document["tasks"] as JsonArray ?? []).OfType<JsonObject>())
            if (AsText(task["taskId"]) is { } id) form.Tasks[id] = AsText(task["plan"]);
        foreach (var target in (document["targets"] as JsonArray ?? []).OfType<JsonObject>())
            if (AsText(target["targetId"]) is { } id) form.Targets[id] = AsText(target["value"]);
        foreach (var partner in (document["partners"] as JsonArray ?? []).OfType<JsonObject>())
            form.Partners.Add(new PartnerRow { Name = AsText(partner["name"]), CreditCode = AsText(partner["creditCode"]), Role = AsText(partner["role"]) });

        form.Fit(call, track);
        return form;
    }

    /// <summary>A stored value as the form holds it: strings as they are, numbers and booleans as invariant text, null as blank.</summary>
    static string? AsText(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.True => "true",
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.False => "false",
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            value.TryGetValue<decimal>(out var number) ? number.ToString(CultureInfo.InvariantCulture) : value.ToJsonString(),
        _ => null,
    };

    static DateOnly? AsDate(JsonNode? node) =>
        AsText(node) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    static JsonNode? AtPath(JsonObject? root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.')) node = (node as JsonObject)?[part];
        return node;
    }

    /// <summary>
    /// The form's field a problem document's field name is about: <c>tasks[2].plan</c> and <c>tasks.brand-strategy</c> are
    /// both the plan of the call's third task, <c>tasks.brand-strategy</c>; other names are the field's own, compared
    /// without regard to case (services write camelCase).
    /// </summary>
    public static string FieldOf(string problemKey, TrackDocumentView track)
    {
        var match = IndexedRow().Match(problemKey);
        if (match.Success)
        {
            var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            var list = match.Groups["list"].Value;
            if (list == "tasks" && index < track.Rules.Tasks.Count) return "tasks." + track.Rules.Tasks[index].Id;
            if (list == "targets" && index < track.Rules.Targets.Count) return "targets." + track.Rules.Targets[index].Id;
        }
        return problemKey;
    }

    /// <summary>The problem's messages by the form's field (see <see cref="FieldOf"/>).</summary>
    public static Dictionary<string, List<string>> ErrorsByField(ProblemDocument? problem, TrackDocumentView track)
    {
        var byField = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, messages) in problem?.Errors ?? [])
        {
            var field = FieldOf(key, track);
            if (!byField.TryGetValue(field, out var list)) byField[field] = list = [];
            list.AddRange(messages);
        }
        return byField;
    }

    /// <summary>The element id of a field (for labels, <c>aria-describedby</c> and the browser tests).</summary>
    public static string IdOf(string field) => "f-" + NotIdCharacters().Replace(field, "-");

    static JsonNode? Answer(FactQuestion question, string? text) => question.Kind switch
    {
        FactKind.YesNo => text switch { "true" => true, "false" => false, _ => null },
        FactKind.Count => Integer(text),
        FactKind.Amount => Number(text),
        _ => Text(text),
    };

    static void PutPath(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child) node[part] = child = new JsonObject();
            node = child;
        }
        node[parts[^1]] = value;
    }

    static void Put(JsonObject node, string name, JsonNode? value)
    {
        if (value is not null) node[name] = value;
    }

    static JsonNode? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text.Trim());
    static JsonNode? Date(DateOnly? date) => date is { } d ? JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;

    /// <summary>A number as typed; thousands separators (,，) and spaces are allowed. Not a number: left out.</summary>
    public static JsonNode? Number(string? text) =>
        Clean(text) is { } clean && decimal.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? JsonValue.Create(value) : null;

    static JsonNode? Integer(string? text) =>
        Clean(text) is { } clean && int.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? JsonValue.Create(value) : null;

    static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Replace(",", "").Replace("，", "").Replace(" ", "").Trim();

    [GeneratedRegex(@"^(?<list>tasks|targets)\[(?<index>\d+)\]")]
    private static partial Regex IndexedRow();

    [GeneratedRegex(@"[^A-Za-z0-9_-]")]
    private static partial Regex NotIdCharacters();
}
