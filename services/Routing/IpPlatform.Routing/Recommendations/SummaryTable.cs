using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Security;

namespace IpPlatform.Routing.Recommendations;

/// <summary>
/// One track of a city's summary table (申报汇总表) of a call: the order the city office sets for what it forwarded,
/// and its delivery before the track's deadline. Delivery freezes the rows and their fingerprint: what the city
/// delivered is what the province reads, whatever happens to the cases afterwards.
/// </summary>
public sealed class CitySummaryTable
{
    public string CallId { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    /// <summary>The application ids in the city's order, as JSON; empty while the city keeps the default order.</summary>
    public string OrderText { get; private set; } = "";
    public DateTime? OrderedAtUtc { get; private set; }
    public DateTime? DeliveredAtUtc { get; private set; }
    public string? DeliveredByName { get; private set; }
    public string? DeliveredByRole { get; private set; }
    /// <summary>SHA-256 hex of the delivered rows (<see cref="SummaryTables.Fingerprint(SummaryTableTrack, string, string)"/>).</summary>
    public string? Fingerprint { get; private set; }
    /// <summary>The delivered rows as JSON, frozen at delivery.</summary>
    public string? DeliveredRowsText { get; private set; }

    CitySummaryTable() { }

    public static CitySummaryTable For(string callId, string cityCode, string trackId) =>
        new() { CallId = callId, CityCode = cityCode, TrackId = trackId };

    public bool IsDelivered => DeliveredAtUtc is not null;

    /// <summary>The order the city set, empty for the default (the order of its recommendations).</summary>
    public IReadOnlyList<Guid> Order => string.IsNullOrEmpty(OrderText) ? [] : JsonSerializer.Deserialize<List<Guid>>(OrderText)!;

    /// <summary>The rows as delivered; empty before delivery.</summary>
    public IReadOnlyList<SummaryTableRow> DeliveredRows =>
        DeliveredRowsText is null ? [] : JsonSerializer.Deserialize<List<SummaryTableRow>>(DeliveredRowsText, DocumentJson.Options)!;

    /// <summary>
    /// The city office sets the order of its forwarded applications on this track: exactly those, each once.
    /// Refused once the table is delivered.
    /// </summary>
    public void SetOrder(Actor actor, IReadOnlyList<Guid> order, IReadOnlyCollection<Guid> forwarded, DateTimeOffset now)
    {
        SummaryTables.EnsureOfficeOf(actor, CityCode);
        EnsureNotDelivered();
        if (order.Count != order.Distinct().Count() || order.Count != forwarded.Count || order.Except(forwarded).Any())
            throw new BusinessRuleException("order-mismatch",
                $"The order must list each of the {forwarded.Count} applications city {CityCode} forwarded on track '{TrackId}' exactly once.");
        OrderText = JsonSerializer.Serialize(order);
        OrderedAtUtc = now.UtcDateTime;
    }

    /// <summary>
    /// The city office delivers the track's table as it stands: on time means within the deadline minute
    /// (inclusive, in the call's zone) or before; once only.
    /// </summary>
    public void Deliver(Actor actor, SummaryTableTrack table, LocalMinute? deadline, TimeZoneInfo zone, DateTimeOffset now)
    {
        SummaryTables.EnsureOfficeOf(actor, CityCode);
        EnsureNotDelivered();
        if (deadline is { } last && !last.IsOnTime(now, zone))
            throw new BusinessRuleException("summary-deadline-passed",
                $"The summary table of track '{TrackId}' was due by {last} ({zone.Id}); it can no longer be delivered.");
        DeliveredAtUtc = now.UtcDateTime;
        DeliveredByName = actor.Name;
        DeliveredByRole = actor.Role;
        DeliveredRowsText = JsonSerializer.Serialize(table.Rows, DocumentJson.Options);
        Fingerprint = SummaryTables.Fingerprint(table, CallId, CityCode);
    }

    void EnsureNotDelivered()
    {
        if (IsDelivered)
            throw new BusinessRuleException("summary-delivered",
                $"City {CityCode} delivered its summary table of track '{TrackId}' on {DeliveredAtUtc:yyyy-MM-dd HH:mm} UTC; it is final.");
    }
}

/// <summary>One line of a summary table: what the city forwarded, as submitted, with the opinions on the way.</summary>
/// <param name="No">Position in the city's order, from 1.</param>
/// <param name="CountyOpinion">The county office's opinion, or — when the case started at the city.</param>
public sealed record SummaryTableRow(
    int No, Guid ApplicationId, string ApplicantName, string CreditCode, string ProjectName, decimal? ProvincialFundsCny,
    string CountyOpinion, string CityOpinion);

/// <summary>A track's part of the table with its totals; <see cref="Delivery"/> once the city delivered it.</summary>
public sealed record SummaryTableTrack(
    string TrackId, string ProgrammeZh, IReadOnlyList<SummaryTableRow> Rows, int Count, decimal RequestedCny, string Fingerprint,
    string? DeadlineAt, bool CustomOrder, SummaryTableDelivery? Delivery);

/// <summary>Who delivered a track's table, when, and the fingerprint of what was delivered.</summary>
public sealed record SummaryTableDelivery(DateTime At, string By, string Role, string Fingerprint);

/// <summary>The city's whole summary table of a call: every track, grand totals and the fingerprint of it all.</summary>
public sealed record SummaryTableDocument(
    string CallId, string CallTitleZh, string CityCode, string CityName, IReadOnlyList<SummaryTableTrack> Tracks,
    int TotalCount, decimal TotalRequestedCny, string Fingerprint);

/// <summary>How the summary table is put together, fingerprinted and who may see or act on it.</summary>
public static class SummaryTables
{
    /// <summary>Shown where a case had no county office (it started at the city).</summary>
    public const string NoOpinion = "—";

    /// <summary>Only the city office of the city acts on its table (order, delivery).</summary>
    public static void EnsureOfficeOf(Actor actor, string cityCode)
    {
        if (actor.Role != PlatformRoles.CityOffice || actor.OfficeCode != cityCode)
            throw new ActRefusedException("outside-jurisdiction", $"Only the city office of {cityCode} orders and delivers its summary table, not {actor.Name} ({actor.Role}).");
    }

    /// <summary>The city office and city government of the city, the province and the administrator read (and download) it.</summary>
    public static void EnsureReadableBy(Actor actor, string cityCode)
    {
        var readable = actor.Role switch
        {
            PlatformRoles.CityOffice or PlatformRoles.CityGovernment => actor.OfficeCode == cityCode,
            PlatformRoles.Province or PlatformRoles.Admin => true,
            _ => false,
        };
        if (!readable)
            throw new ActRefusedException("outside-jurisdiction", $"Account {actor.Name} ({actor.Role}) may not read the summary table of city {cityCode}.");
    }

    /// <summary>
    /// A track's table from the cases the city forwarded: in the city's order when it set one (cases forwarded after
    /// it follow in the order of recommendation; ids no longer forwarded are skipped), else in the order of recommendation.
    /// A delivered table is its frozen rows.
    /// </summary>
    public static SummaryTableTrack Track(
        string callId, string cityCode, TrackDefinition? track, string trackId, IEnumerable<Recommendation> forwarded, CitySummaryTable? table)
    {
        IReadOnlyList<SummaryTableRow> rows;
        if (table?.IsDelivered == true) rows = table.DeliveredRows;
        else
        {
            var byDefault = forwarded.Where(r => r.TrackId == trackId)
                .OrderBy(r => r.CityQuotaSlot ?? int.MaxValue).ThenBy(r => r.ForwardedAtUtc).ThenBy(r => r.ApplicationId).ToList();
            var rank = (table?.Order ?? []).Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            rows = byDefault.Select((r, i) => (r, i)).OrderBy(x => rank.GetValueOrDefault(x.r.ApplicationId, rank.Count + x.i))
                .Select((x, i) => Row(i + 1, x.r)).ToList();
        }
        var content = new SummaryTableTrack(trackId, track?.ProgrammeZh ?? trackId, rows, rows.Count, rows.Sum(r => r.ProvincialFundsCny ?? 0m), "",
            track?.SummaryTableDeadlineAt?.ToString(), table?.Order.Count > 0,
            table?.IsDelivered == true ? new SummaryTableDelivery(table.DeliveredAtUtc!.Value, table.DeliveredByName!, table.DeliveredByRole!, table.Fingerprint!) : null);
        return content with { Fingerprint = Fingerprint(content, callId, cityCode) };
    }

    static SummaryTableRow Row(int no, Recommendation r) => new(
        no, r.ApplicationId, r.ApplicantName, r.CreditCode, r.ProjectName, r.ProvincialFundsCny,
        r.CountyOpinion ?? HistoryOpinion(r, "County") ?? NoOpinion, r.CityOpinion ?? HistoryOpinion(r, "City") ?? NoOpinion);

    // Cases recommended before opinions were kept on the case: the history row's note holds the opinion.
    static string? HistoryOpinion(Recommendation r, string level) =>
        r.History.LastOrDefault(h => h.What == "Recommended" && h.Office?.StartsWith(level, StringComparison.Ordinal) == true)?.Note;

    /// <summary>The whole table: the tracks in the call's order, grand totals, and the fingerprint over the tracks' fingerprints.</summary>
    public static SummaryTableDocument Document(string callId, string callTitleZh, string cityCode, IReadOnlyList<SummaryTableTrack> tracks)
    {
        var count = tracks.Sum(t => t.Count);
        var sum = tracks.Sum(t => t.RequestedCny);
        var canonical = string.Join("\n", [$"summary-table|{callId}|{cityCode}|{count}|{Money(sum)}", .. tracks.Select(t => $"{t.TrackId}|{t.Fingerprint}")]);
        return new SummaryTableDocument(callId, callTitleZh, cityCode, Regions.NameOf(cityCode), tracks, count, sum, Sha256(canonical));
    }

    /// <summary>
    /// SHA-256 (lower-case hex) over the canonical form of a track's content: call, city, track, then each row's
    /// number, id, applicant, credit code, project, amount (two decimals) and opinions, then the totals. The same
    /// content always gives the same fingerprint; any change of a cell or of the order gives another.
    /// </summary>
    public static string Fingerprint(SummaryTableTrack track, string callId, string cityCode)
    {
        var canonical = new StringBuilder();
        canonical.Append(JsonSerializer.Serialize(new[] { "summary-table-track", callId, cityCode, track.TrackId })).Append('\n');
        foreach (var r in track.Rows)
            canonical.Append(JsonSerializer.Serialize(new[]
            {
                r.No.ToString(CultureInfo.InvariantCulture), r.ApplicationId.ToString("D"), r.ApplicantName, r.CreditCode, r.ProjectName,
                r.ProvincialFundsCny is { } funds ? Money(funds) : "", r.CountyOpinion, r.CityOpinion,
            })).Append('\n');
        canonical.Append(JsonSerializer.Serialize(new[] { "totals", track.Rows.Count.ToString(CultureInfo.InvariantCulture), Money(track.Rows.Sum(r => r.ProvincialFundsCny ?? 0m)) }));
        return Sha256(canonical.ToString());
    }

    /// <summary>An amount as printed and fingerprinted: two decimals, invariant culture.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
