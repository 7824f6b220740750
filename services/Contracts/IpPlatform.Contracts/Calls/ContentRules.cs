using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Contracts.Calls;

/// <summary>
/// What an application of a track must contain beyond its eligibility facts (the annexes' §四 项目任务和绩效目标
/// and 申报材料): the tasks the applicant plans, the performance targets it commits to, the budget rules, and
/// the materials it uploads. Every member has a default so calls published before these existed keep working.
/// </summary>
public sealed record ContentRules
{
    /// <summary>The tasks (项目任务) the notice lists for the track; the applicant writes a plan for each.</summary>
    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];
    /// <summary>The performance targets (绩效目标) the applicant commits to, each a number with its unit.</summary>
    public IReadOnlyList<TargetDefinition> Targets { get; init; } = [];
    /// <summary>The most provincial funds one application may request, CNY; null when the call sets none.</summary>
    public decimal? MaxProvincialFundsCny { get; init; }
    /// <summary>The materials (申报材料) the notice names, in the order they are bound.</summary>
    public IReadOnlyList<MaterialDefinition> Materials { get; init; } = [];
    /// <summary>Shortest project summary accepted, in characters.</summary>
    public int SummaryMinLength { get; init; } = 50;
    /// <summary>Longest project summary accepted, in characters.</summary>
    public int SummaryMaxLength { get; init; } = 2000;
    /// <summary>
    /// The eligibility facts (application-facts.md) the applicant declares for the track, in the form's order: the
    /// questions its eligibility rules read. Empty for a call published before these existed.
    /// </summary>
    public IReadOnlyList<FactQuestionDefinition> Facts { get; init; } = [];
    /// <summary>How many years of yearly figures (<c>facts.years</c>) are asked, up to the call's last year; 0 when none.</summary>
    public int FigureYears { get; init; }
    /// <summary>Which yearly figures are asked, by their name in <c>facts.years[]</c>, e.g. <c>salesCny</c>, <c>patentGrants</c>.</summary>
    public IReadOnlyList<string> YearlyFigures { get; init; } = [];
    /// <summary>True when the applicant lists its registered trademarks (<c>facts.trademarks</c>).</summary>
    public bool AsksTrademarks { get; init; }
    /// <summary>True when the applicant lists its awards of the last three years (<c>facts.awardsWithin3Years</c>).</summary>
    public bool AsksAwards { get; init; }
}

/// <summary>One question of a track's eligibility facts, e.g. 是否属于重点产业链.</summary>
/// <param name="Path">The fact's name under <c>facts</c> in the application document, a dot for a nested one (e.g. <c>gi.name</c>).</param>
/// <param name="Kind">How the question is answered.</param>
/// <param name="LabelZh">The question in Chinese.</param>
/// <param name="LabelEn">The question in English.</param>
public sealed record FactQuestionDefinition(string Path, FactQuestionKind Kind, string LabelZh, string LabelEn)
{
    /// <summary>For <see cref="FactQuestionKind.Choice"/>: the values the answer may take (e.g. <c>HighTechZone</c>); empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
}

/// <summary>How a fact question is answered.</summary>
public enum FactQuestionKind
{
    /// <summary>Yes or no (a JSON boolean).</summary>
    YesNo,
    /// <summary>A whole number (a count, a rank, a year).</summary>
    Count,
    /// <summary>An amount in yuan.</summary>
    Amount,
    /// <summary>A date, <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>One of <see cref="FactQuestionDefinition.Choices"/>.</summary>
    Choice,
}

/// <summary>A task the notice lists for a track, e.g. 健全知识产权保护工作体系.</summary>
/// <param name="Id">Stable id within the track, e.g. <c>protection-system</c>.</param>
/// <param name="NameZh">Heading as printed in the notice.</param>
public sealed record TaskDefinition(string Id, string NameZh)
{
    /// <summary>True when the applicant must write a plan for this task.</summary>
    public bool Required { get; init; } = true;
}

/// <summary>A performance target of a track: the applicant states a number in <see cref="Unit"/>.</summary>
/// <param name="Id">Stable id within the track, e.g. <c>invention-grants</c>.</param>
/// <param name="NameZh">Target as printed in the notice, e.g. 新增发明专利授权量.</param>
/// <param name="Unit">Unit printed after the number, e.g. 件, 万元, %.</param>
public sealed record TargetDefinition(string Id, string NameZh, string Unit)
{
    /// <summary>The smallest value the notice accepts for this target; null when it names none.</summary>
    public decimal? Minimum { get; init; }
    /// <summary>True when the applicant must state this target.</summary>
    public bool Required { get; init; } = true;
}

/// <summary>A material the notice asks for, e.g. 申报书, 信用承诺书, 实施方案.</summary>
/// <param name="Id">Stable id within the track, e.g. <c>commitment-letter</c>.</param>
/// <param name="NameZh">Name as printed in the notice.</param>
public sealed record MaterialDefinition(string Id, string NameZh)
{
    /// <summary>True when submission needs at least one file of this material.</summary>
    public bool Required { get; init; } = true;
    /// <summary>File types accepted, by the type sniffed from the bytes: <c>pdf</c>, <c>jpg</c>, <c>png</c>, <c>docx</c>, <c>xlsx</c>.</summary>
    public IReadOnlyList<string> AllowedTypes { get; init; } = ["pdf"];
    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxBytes { get; init; } = 20 * 1024 * 1024;
    /// <summary>Most files of this material one application holds.</summary>
    public int MaxFiles { get; init; } = 1;
}

/// <summary>
/// How a track's applications travel up (spec §3): the first office per applicant kind, and who gives the
/// city-level opinion. Kinds without a rule start at the county office; a unit registered at a city code
/// has no county office and starts at the city.
/// </summary>
public sealed record RoutingRules
{
    /// <summary>First office per applicant kind, the first matching rule wins.</summary>
    public IReadOnlyList<FirstOfficeRule> FirstOffice { get; init; } = [];
    /// <summary>Who gives the city-level opinion: <see cref="CityOpinionGiver.CityOffice"/> (default) or the city government.</summary>
    public CityOpinionGiver CityOpinionBy { get; init; } = CityOpinionGiver.CityOffice;
}

/// <summary>Applicants of <paramref name="Kind"/> start at <paramref name="Level"/>.</summary>
public sealed record FirstOfficeRule(ApplicantKind Kind, OfficeLevel Level)
{
    /// <summary>When set, the rule applies only to applicants whose <see cref="Applicant.ProvincialOrMinisterial"/> equals it.</summary>
    public bool? ProvincialOrMinisterial { get; init; }
}

/// <summary>Who gives a track's city-level opinion.</summary>
public enum CityOpinionGiver
{
    /// <summary>The city IP office (设区市知识产权局).</summary>
    CityOffice,
    /// <summary>The city government (设区市人民政府), as on protection-zone.</summary>
    CityGovernment,
}
