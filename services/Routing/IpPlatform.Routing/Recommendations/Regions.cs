using IpPlatform.Contracts.Events;

namespace IpPlatform.Routing.Recommendations;

/// <summary>GB/T 2260 codes as the offices use them (spec §2): 6 digits, the city of a code is its first four digits + <c>00</c>.</summary>
public static class Regions
{
    public static bool IsWellFormed(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>The prefecture-level city a code lies in; a malformed code is its own (and matches no office).</summary>
    public static string CityOf(string code) => IsWellFormed(code) ? code[..4] + "00" : code;

    /// <summary>A city code ends in <c>00</c> but is not a province (<c>xx0000</c>).</summary>
    public static bool IsCity(string code) => IsWellFormed(code) && code.EndsWith("00") && !code.EndsWith("0000");

    /// <summary>The level of the office whose jurisdiction is <paramref name="code"/>, or null for a province or malformed code.</summary>
    public static OfficeLevel? OfficeLevelOf(string? code) =>
        !IsWellFormed(code) || code!.EndsWith("0000") ? null
        : IsCity(code) ? OfficeLevel.City
        : OfficeLevel.County;
}
