using System.Globalization;

namespace IpPlatform.Portal.Texts;

/// <summary>
/// The portal's words, by key, in one language. Chinese (zh-CN) is the portal's language; English is chosen per person
/// (a culture cookie). The words come from one <see cref="Words"/> per area of the portal; every key exists in both
/// languages (a test checks it). A missing key shows itself.
/// </summary>
public sealed class PortalTexts(CultureInfo culture, IReadOnlyDictionary<string, string> words)
{
    public CultureInfo Culture { get; } = culture;

    public string this[string key] => words.TryGetValue(key, out var text) ? text : key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>A state, outcome, level or role name from an API (e.g. <c>Submitted</c>), in words; unknown names as they are.</summary>
    public string Term(string? value) => value is null ? "—" : words.TryGetValue("term." + value, out var text) ? text : value;

    /// <summary>Shown in Asia/Shanghai, the notice's and the offices' clock, whatever the server's zone.</summary>
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public string Time(DateTime? utc) => utc is { } value
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), Shanghai).ToString("yyyy-MM-dd HH:mm", Culture)
        : "—";

    /// <summary>A day as each language writes it: 2022年5月20日, 20 May 2022.</summary>
    public string Date(DateOnly? date) => date?.ToString(IsEnglish ? "d MMMM yyyy" : "yyyy年M月d日", Culture) ?? "—";

    public bool IsEnglish => Culture.TwoLetterISOLanguageName == "en";

    /// <summary>What follows a label in running text: the full-width colon in Chinese, ": " in English.</summary>
    public string Colon => IsEnglish ? ": " : "：";

    /// <summary>An amount in yuan with thousands separators, without decimals (the notice's figures are whole yuan).</summary>
    public string Yuan(decimal? amount) => amount?.ToString("N0", Culture) ?? "—";

    /// <summary>A call's local minute (<c>2022-05-20T17:00</c>, possibly with its offset) as the notice prints it.</summary>
    public string LocalMinute(string? local) => local is { Length: >= 16 } ? $"{local[..10]} {local[11..16]}" : local ?? "—";

    /// <summary>Each area's words; an area of the portal adds its own file and one line here.</summary>
    public static readonly IReadOnlyList<Words> Areas =
    [
        CoreWords.All,
        ProvinceWords.All,
        Province2Words.All,
        OfficeWords.All,
        AdminWords.All,
        ExpertWords.All,
        FinanceWords.All,
        InboxWords.All,
        ReadsWords.All,
        ProblemWords.All,
        ApplicantWords.All,
        WindowWords.All,
    ];

    public static readonly PortalTexts Chinese = new(CultureInfo.GetCultureInfo("zh-CN"), Merge(a => a.Chinese));

    public static readonly PortalTexts English = new(CultureInfo.GetCultureInfo("en"), Merge(a => a.English));

    /// <summary>The words in the request's UI culture: English for <c>en*</c>, otherwise Chinese.</summary>
    public static PortalTexts For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English : Chinese;

    /// <summary>Every key of every area, in one language (for the test that both languages have the same keys).</summary>
    public IEnumerable<string> Keys => words.Keys;

    static Dictionary<string, string> Merge(Func<Words, IReadOnlyDictionary<string, string>> language)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in Areas)
            foreach (var (key, text) in language(area))
                if (!merged.TryAdd(key, text))
                    throw new InvalidOperationException($"The portal text key '{key}' is defined by two areas.");
        return merged;
    }
}

/// <summary>One area's words in both languages, by the same keys.</summary>
public sealed record Words(IReadOnlyDictionary<string, string> Chinese, IReadOnlyDictionary<string, string> English);
