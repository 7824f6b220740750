using IpPlatform.Contracts.Events;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Security;

namespace IpPlatform.Routing.Recommendations;

/// <summary>
/// How many applications a city office may recommend on a track: <see cref="Max"/> (null = no limit), or,
/// when it cannot be worked out yet, why not (<see cref="MissingCode"/>, <see cref="MissingReason"/>).
/// </summary>
public sealed record QuotaLimit(int? Max, string? MissingCode = null, string? MissingReason = null)
{
    public bool IsKnown => MissingCode is null;

    /// <summary>The limit a track's rule gives a city, with the city's figures for banded rules (spec §3).</summary>
    public static QuotaLimit Of(QuotaRule? rule, CityFigures? figures)
    {
        if (rule is null)
            return Missing("quota-unknown", "The call or track has not been published to routing, so its city quota is unknown.");
        return rule.Kind switch
        {
            QuotaKind.Unlimited => new QuotaLimit(Max: null),
            QuotaKind.PerCity when rule.PerCity is int perCity => new QuotaLimit(perCity),
            QuotaKind.ByInventionGrants when rule.Bands.Count == 0 => Missing("quota-unknown", "The track's quota has no invention-grant bands."),
            QuotaKind.ByInventionGrants when figures is null => Missing("city-figures-missing",
                "The city's invention-patent grants of last year and incentive-region status are needed for this track's quota; " +
                "enter them with PUT /api/routing/cities/{cityCode}/figures."),
            QuotaKind.ByInventionGrants => new QuotaLimit(Band(rule, figures!.InventionGrantsLastYear) + (figures.IncentiveRegion ? rule.IncentiveBonus : 0)),
            _ => Missing("quota-unknown", $"Quota rule {rule.Kind} is incomplete."),
        };
    }

    // The first band (highest bound first) whose bound the grants strictly exceed; below every bound, the lowest band.
    static int Band(QuotaRule rule, int grants)
    {
        var bands = rule.Bands.OrderByDescending(b => b.GrantsAbove).ToList();
        return (bands.FirstOrDefault(b => grants > b.GrantsAbove) ?? bands[^1]).Quota;
    }

    static QuotaLimit Missing(string code, string reason) => new(null, code, reason);
}

/// <summary>The city recommendations already made on a track in one city, against its limit.</summary>
public sealed record QuotaUsage(int Used, QuotaLimit Limit)
{
    /// <summary>The city delivered its summary table of the track: what it recommends on the track is final.</summary>
    public bool TableDelivered { get; init; }

    /// <summary>Refuses one more recommendation when the limit is unknown or reached.</summary>
    public void EnsureRoomForOneMore(string trackId, string cityCode)
    {
        if (!Limit.IsKnown)
            throw new BusinessRuleException(Limit.MissingCode!, Limit.MissingReason!);
        if (Limit.Max is int max && Used >= max)
            throw new BusinessRuleException("quota-full",
                $"City {cityCode} has already recommended {Used} of its {max} applications on track '{trackId}'.");
    }
}

/// <summary>
/// A city's summary table (申报汇总表) of what it forwarded against its quotas: the city's own office and
/// government see their city's, the province, the administrator and agencies every city's.
/// </summary>
public static class CitySummary
{
    public static void EnsureReadableBy(Actor actor, string cityCode)
    {
        var readable = actor.Role switch
        {
            PlatformRoles.CityOffice or PlatformRoles.CityGovernment => actor.OfficeCode == cityCode,
            PlatformRoles.Province or PlatformRoles.Admin or PlatformRoles.Agency => true,
            _ => false,
        };
        if (!readable)
            throw new ActRefusedException("outside-jurisdiction", $"Account {actor.Name} ({actor.Role}) may not read the summary of city {cityCode}.");
    }
}

/// <summary>
/// A city's figures that banded quotas read, per call: last year's invention-patent grants and whether the
/// city is a recognised incentive region (真抓实干激励地区). Entered by the provincial administrator; not in any event.
/// </summary>
public sealed class CityFigures
{
    public string CallId { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public int InventionGrantsLastYear { get; private set; }
    public bool IncentiveRegion { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    CityFigures() { }

    public CityFigures(string callId, string cityCode, int inventionGrantsLastYear, bool incentiveRegion, DateTime nowUtc)
    {
        CallId = callId;
        CityCode = cityCode;
        Update(inventionGrantsLastYear, incentiveRegion, nowUtc);
    }

    public void Update(int inventionGrantsLastYear, bool incentiveRegion, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inventionGrantsLastYear);
        InventionGrantsLastYear = inventionGrantsLastYear;
        IncentiveRegion = incentiveRegion;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>Routing's copy of a published call: the quota rule of each track, at the call's latest version.</summary>
public sealed class KnownCall
{
    public string Id { get; private set; } = "";
    public string QuotasText { get; private set; } = "";
    /// <summary>The whole call document (routing rules, deadlines, names) as JSON; empty on rows kept before it was stored.</summary>
    public string CallText { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    /// <summary>The version these quotas are of (<see cref="CallPublished.Version"/>).</summary>
    public int Version { get; private set; } = 1;

    KnownCall() { }

    public static KnownCall From(CallDocument call, int version, DateTime publishedAtUtc)
    {
        var known = new KnownCall { Id = call.Id, Version = version };
        known.QuotasText = QuotasOf(call);
        known.CallText = TextOf(call);
        known.PublishedAtUtc = publishedAtUtc;
        return known;
    }

    /// <summary>A later version becomes the current one; an older one arriving late is ignored (its quotas stay in <see cref="KnownCallVersion"/>).</summary>
    public void Replace(CallDocument call, int version, DateTime publishedAtUtc)
    {
        if (version < Version) return;
        QuotasText = QuotasOf(call);
        CallText = TextOf(call);
        PublishedAtUtc = publishedAtUtc;
        Version = version;
    }

    internal static string QuotasOf(CallDocument call) =>
        JsonSerializer.Serialize(call.Tracks.ToDictionary(t => t.Id, t => t.Quota), DocumentJson.Options);

    internal static string TextOf(CallDocument call) => JsonSerializer.Serialize(call, DocumentJson.Options);

    /// <summary>Quota rule by track id, from a stored <see cref="QuotasText"/>.</summary>
    internal static IReadOnlyDictionary<string, QuotaRule> QuotasFrom(string quotasText) =>
        JsonSerializer.Deserialize<Dictionary<string, QuotaRule>>(quotasText, DocumentJson.Options)!;

    internal static CallDocument? CallOf(string text) =>
        string.IsNullOrEmpty(text) ? null : StoredCalls.Read(text);

    /// <summary>Quota rule by track id, in the call's track order.</summary>
    public IReadOnlyDictionary<string, QuotaRule> Quotas => QuotasFrom(QuotasText);

    /// <summary>The call document of the latest version; null on rows kept before documents were stored.</summary>
    public CallDocument? Call => KnownCall.CallOf(CallText);
}

/// <summary>The quota rules of one version of a call: a case counts against the quota of the version it was submitted under.</summary>
public sealed class KnownCallVersion
{
    public string CallId { get; private set; } = "";
    public int Version { get; private set; }
    public string QuotasText { get; private set; } = "";
    /// <summary>The call document of this version as JSON; empty on rows kept before it was stored.</summary>
    public string CallText { get; private set; } = "";

    KnownCallVersion() { }

    public static KnownCallVersion From(CallDocument call, int version) =>
        new() { CallId = call.Id, Version = version, QuotasText = KnownCall.QuotasOf(call), CallText = KnownCall.TextOf(call) };

    /// <summary>The call document of this version; null on rows kept before documents were stored.</summary>
    public CallDocument? Call => KnownCall.CallOf(CallText);

    /// <summary>Quota rule by track id.</summary>
    public IReadOnlyDictionary<string, QuotaRule> Quotas => KnownCall.QuotasFrom(QuotasText);
}
