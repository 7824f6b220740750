using IpPlatform.Portal.Api;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Components.Pages.Province;

/// <summary>How the province's pages write amounts, instants and the track filter's value.</summary>
public static class ProvinceFormat
{
    /// <summary>Yuan with thousands separators (<c>1,000,000 元</c>); a missing amount as a dash.</summary>
    public static string Yuan(PortalTexts t, decimal? amount) =>
        amount is { } value ? t.Format("province.yuan", value.ToString("#,0.##", t.Culture)) : "—";

    public static string Time(PortalTexts t, DateTimeOffset? at) => t.Time(at?.UtcDateTime);

    /// <summary>A score as the panel gave it (at most two decimals).</summary>
    public static string Score(PortalTexts t, decimal? score) => score?.ToString("0.##", t.Culture) ?? "—";

    /// <summary>The filter's value: <c>call/track</c>, <c>call</c> or empty.</summary>
    public static (string? CallId, string? TrackId) Split(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, null);
        var slash = value.IndexOf('/');
        return slash < 0 ? (value, null) : (value[..slash], value[(slash + 1)..]);
    }

    /// <summary>The track's name from the published calls, else its id.</summary>
    public static string TrackName(IReadOnlyDictionary<string, string> names, string callId, string trackId) =>
        names.GetValueOrDefault(PlatformApi.TrackKey(callId, trackId), trackId);
}
