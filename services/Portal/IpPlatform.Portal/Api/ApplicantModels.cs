using System.Text.Json.Nodes;

namespace IpPlatform.Portal.Api;

// The applicant's screens: the parts of identity's, eligibility's and intake's documents they read (camelCase as the APIs write them).

/// <summary>A division of Jiangsu an applicant is located in (identity's region table).</summary>
public sealed record RegionOption(string Code, string Name, string Level, string? CityCode);

/// <summary>What identity's <c>POST /api/identity/applicants</c> reads.</summary>
public sealed record ApplicantRegistration(string? CreditCode, string? Name, string? Kind, string? RegionCode, RegistrationContact? Contact, string? Password);
public sealed record RegistrationContact(string? Name, string? Mobile, string? Email);

/// <summary>A call's whole document, read for what the draft form asks of a track.</summary>
public sealed record CallDocumentView(string Id, string TitleZh, int LastYear, IReadOnlyList<TrackDocumentView> Tracks)
{
    public TrackDocumentView? Track(string? id) => Tracks.FirstOrDefault(t => t.Id == id);
}

public sealed record TrackDocumentView(
    string Id, string ProgrammeZh, string? NameEn, IReadOnlyList<string> AdmittedKinds, int? PeriodYears, string? OnlineDeadlineAt,
    TrackContentView? Content)
{
    public TrackContentView Rules => Content ?? new([], [], null, [], 50, 2000);
}

/// <summary>
/// The track's content rules (ContentRules); the fact questions, yearly figures, trademarks and awards default to none,
/// as in a call published before the call named them.
/// </summary>
public sealed record TrackContentView(
    IReadOnlyList<TaskDefinitionView> Tasks, IReadOnlyList<TargetDefinitionView> Targets, decimal? MaxProvincialFundsCny,
    IReadOnlyList<MaterialDefinitionView> Materials, int SummaryMinLength, int SummaryMaxLength,
    IReadOnlyList<FactQuestionView>? Facts = null, int FigureYears = 0, IReadOnlyList<string>? YearlyFigures = null,
    bool AsksTrademarks = false, bool AsksAwards = false);
/// <summary>One fact question of a track (FactQuestionDefinition); <see cref="Kind"/> as the call names it, e.g. <c>YesNo</c>.</summary>
public sealed record FactQuestionView(string Path, string Kind, string LabelZh, string LabelEn, IReadOnlyList<string>? Choices = null);
public sealed record TaskDefinitionView(string Id, string NameZh, bool Required = true);
public sealed record TargetDefinitionView(string Id, string NameZh, string Unit, decimal? Minimum, bool Required = true);
public sealed record MaterialDefinitionView(string Id, string NameZh, bool Required, IReadOnlyList<string> AllowedTypes, long MaxBytes, int MaxFiles);

/// <summary>Eligibility's precheck: the outcome and each rule's finding with what would make it pass.</summary>
public sealed record PrecheckOutcome(string Outcome, IReadOnlyList<PrecheckFinding> Findings);
public sealed record PrecheckFinding(string RuleId, string Result, string MessageZh, string MessageEn)
{
    public string? GapZh { get; init; }
    public string? GapEn { get; init; }
}

/// <summary>Intake's answer to a created or saved draft: its id and where it stands.</summary>
public sealed record DraftSaved(Guid Id, string Status);

/// <summary>An application's materials: each of the call's materials with its files, and the required ones missing.</summary>
public sealed record DraftMaterials(
    Guid ApplicationId, bool Frozen, IReadOnlyList<DraftMaterialSlot> Materials, IReadOnlyList<string> MissingRequired,
    IReadOnlyList<DraftMaterialFile> Unlisted);
public sealed record DraftMaterialSlot(
    string Id, string NameZh, bool Required, IReadOnlyList<string> AllowedTypes, long MaxBytes, int MaxFiles, IReadOnlyList<DraftMaterialFile> Files);
public sealed record DraftMaterialFile(
    Guid Id, string MaterialId, string FileName, string ContentType, long SizeBytes, string Sha256, DateTime UploadedAt);

/// <summary>The signed-in account as identity states it (<c>GET /api/identity/me</c>): what the draft form starts from.</summary>
public sealed record ApplicantAccount(string UserName, string DisplayName, string? Org, string? ApplicantKind, string? RegionCode, ApplicantAccountContact? Contact);
public sealed record ApplicantAccountContact(string Name, string? Mobile, string? Email);

/// <summary>An application of the person's with its document as intake stores it (a draft's current document).</summary>
public sealed record DraftView(Guid Id, string CallId, string Track, string Status, JsonObject? Document);
