using IpPlatform.Portal.Api;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Applicant;

/// <summary>How a fact is answered on the form.</summary>
public enum FactKind { YesNo, Count, Amount, Text, Date, Choice }

/// <summary>
/// One question of the draft form's facts: <see cref="Path"/> is the fact's name in the application document under
/// <c>facts</c> (a dot for a nested object, e.g. <c>gi.name</c>); its label is the call's, in the reader's language.
/// </summary>
public sealed record FactQuestion(string Path, FactKind Kind, string LabelZh, string LabelEn, IReadOnlyList<string>? Choices = null)
{
    public string Label(PortalTexts t) => t.IsEnglish ? LabelEn : LabelZh;
}

/// <summary>
/// The facts each track asks, as the call names them (ContentRules.Facts, FigureYears, YearlyFigures, AsksTrademarks,
/// AsksAwards): the questions its eligibility rules read, and no others. A call that names none asks none; its rules
/// then answer Unknown until the office reads the materials.
/// </summary>
public static class FactQuestions
{
    /// <summary>The track's questions in the call's order; a kind this portal does not know is asked as text.</summary>
    public static IReadOnlyList<FactQuestion> For(TrackDocumentView? track) =>
        [.. (track?.Rules.Facts ?? []).Select(q => new FactQuestion(q.Path,
            Enum.TryParse<FactKind>(q.Kind, ignoreCase: false, out var kind) ? kind : FactKind.Text, q.LabelZh, q.LabelEn,
            q.Choices is { Count: > 0 } choices ? choices : null))];

    /// <summary>Figures counted in units (the others are yuan).</summary>
    public static bool IsCount(string figure) => !figure.EndsWith("Cny", StringComparison.Ordinal);

    /// <summary>The yearly figures the track asks, and for how many years up to the call's last year.</summary>
    public static (int Years, IReadOnlyList<string> Figures) YearsFor(TrackDocumentView? track) =>
        track?.Rules is { FigureYears: > 0, YearlyFigures: { Count: > 0 } figures } rules ? (rules.FigureYears, figures) : (0, []);

    /// <summary>True when the track asks for the registered trademarks.</summary>
    public static bool AsksTrademarks(TrackDocumentView? track) => track?.Rules.AsksTrademarks == true;
    /// <summary>True when the track asks for the awards of the last three years.</summary>
    public static bool AsksAwards(TrackDocumentView? track) => track?.Rules.AsksAwards == true;

    public static readonly IReadOnlyList<string> Awards =
        ["NationalScienceTechAward", "ProvincialScienceTechAward", "ChinaPatentAward", "ProvincialInventorAward", "ProvincialPatentProjectAward"];

    public static readonly IReadOnlyList<string> PartnerRoles = ["Research", "Upstream", "Downstream", "IpService"];

    /// <summary>The choices of the 2022 call's questions (their words stay in the portal: the call names the values only).</summary>
    public static readonly IReadOnlyList<string> KnownChoices =
        ["NationalNewArea", "HighTechZone", "EconomicDevelopmentZone", "Other", "GiProduct", "CollectiveMark", "CertificationMark", "Handicraft"];

    /// <summary>A choice in words; a value the portal has no word for (a later call's) is shown as the call names it.</summary>
    public static string ChoiceLabel(string value, PortalTexts t) => t["applicant.choice." + value] is var words && words != "applicant.choice." + value ? words : value;

    /// <summary>The yearly figures an application may declare (CallValidator.KnownYearlyFigures).</summary>
    public static readonly IReadOnlyList<string> KnownFigures =
        ["salesCny", "rdCny", "ipCostCny", "profitTaxCny", "patentGrants", "inventionGrants", "patentsConverted", "conversionAmountCny"];

    /// <summary>Every label key the form may show (each needs a word in both languages).</summary>
    public static IEnumerable<string> LabelKeys() =>
        KnownChoices.Select(c => "applicant.choice." + c)
            .Concat(KnownFigures.Select(f => "applicant.year." + f))
            .Concat(Awards.Select(a => "applicant.award." + a))
            .Concat(PartnerRoles.Select(r => "applicant.role." + r))
            .Distinct();
}
