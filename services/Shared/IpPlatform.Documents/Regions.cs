namespace IpPlatform.Documents;

/// <summary>The level of a division in the shipped Jiangsu table.</summary>
public enum RegionLevel
{
    /// <summary>The province (省).</summary>
    Province,
    /// <summary>A prefecture-level city (设区市).</summary>
    City,
    /// <summary>A county, county-level city or district (县（市、区）).</summary>
    County,
    /// <summary>A national development zone with a code of its own.</summary>
    DevelopmentZone,
}

/// <summary>One GB/T 2260 division of Jiangsu: its code, name, level and the city it lies in.</summary>
public sealed record Region(string Code, string Name, RegionLevel Level, string? CityCode);

/// <summary>
/// Jiangsu's divisions (统计用区划代码, 2023 edition): the province, its 13 cities, their 95 county-level
/// divisions and 9 national development zones with codes of their own. The one place that says which
/// codes exist and which city a code lies in; a code outside the table is bad input.
/// </summary>
public static class Regions
{
    /// <summary>Jiangsu province itself.</summary>
    public const string ProvinceCode = "320000";

    static readonly IReadOnlyDictionary<string, Region> table = Load();

    /// <summary>Every division of the table.</summary>
    public static IReadOnlyCollection<Region> All => (IReadOnlyCollection<Region>)table.Values;

    /// <summary>The division with this code, or null when the table has none.</summary>
    public static Region? Find(string? code) => code is not null && table.TryGetValue(code, out var region) ? region : null;

    /// <summary>Whether the code is a division of the table.</summary>
    public static bool Exists(string? code) => Find(code) is not null;

    /// <summary>A prefecture-level city (设区市) of the table.</summary>
    public static bool IsCity(string? code) => Find(code)?.Level == RegionLevel.City;

    /// <summary>A county-level division or a development zone with its own code: what a county office covers.</summary>
    public static bool IsCountyLevel(string? code) => Find(code)?.Level is RegionLevel.County or RegionLevel.DevelopmentZone;

    /// <summary>
    /// The city a code lies in: from the table when the code is known, else by the GB/T 2260 convention (first
    /// four digits + <c>00</c>) for a well-formed code, else the code itself (which then matches no office).
    /// </summary>
    public static string CityOf(string? code)
    {
        if (code is null) return "";
        if (Find(code) is { } region) return region.CityCode ?? region.Code;
        return code.Length == 6 && code.All(char.IsAsciiDigit) ? code[..4] + "00" : code;
    }

    /// <summary>Name of a known code, or the code itself.</summary>
    public static string NameOf(string? code) => Find(code)?.Name ?? code ?? "";

    static Dictionary<string, Region> Load()
    {
        using var stream = typeof(Regions).Assembly.GetManifestResourceStream("regions-jiangsu.csv")
            ?? throw new InvalidOperationException("The region table is not embedded.");
        using var reader = new StreamReader(stream);
        var regions = new Dictionary<string, Region>();
        reader.ReadLine(); // header: code,name,level,cityCode
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(',');
            var level = parts[2] switch
            {
                "province" => RegionLevel.Province,
                "city" => RegionLevel.City,
                "county" => RegionLevel.County,
                "development-zone" => RegionLevel.DevelopmentZone,
                var other => throw new InvalidOperationException($"Unknown region level '{other}' for {parts[0]}."),
            };
            regions[parts[0]] = new Region(parts[0], parts[1], level, string.IsNullOrEmpty(parts[3]) ? null : parts[3]);
        }
        return regions;
    }
}
