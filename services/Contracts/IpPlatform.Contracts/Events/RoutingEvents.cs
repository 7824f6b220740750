using IpPlatform.Contracts.Actors;
namespace IpPlatform.Contracts.Events;

/// <summary>The office level acting on an application on its way to the province.</summary>
public enum OfficeLevel
{
    /// <summary>County, county-level city or district IP office (县（市、区）).</summary>
    County,
    /// <summary>Prefecture-level city IP office (设区市).</summary>
    City,
    /// <summary>The provincial office (省局), returning an application from expert review before its decision.</summary>
    Province,
}

/// <summary>
/// An office recommended an application to the next level. A city recommendation sends it to the
/// province for expert review.
/// </summary>
/// <param name="ApplicationId">Application recommended.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="Level">Level of the office that recommended.</param>
/// <param name="OfficeRegionCode">GB/T 2260 code of that office's jurisdiction.</param>
/// <param name="Opinion">The office's opinion (推荐意见).</param>
/// <param name="RecommendedAt">When.</param>
public sealed record ApplicationRecommended(
    Guid ApplicationId, string CallId, string TrackId, OfficeLevel Level, string OfficeRegionCode,
    string Opinion, DateTimeOffset RecommendedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}

/// <summary>An office (or the province, from review) returned an application to the applicant with a reason; it goes no further.</summary>
/// <param name="ApplicationId">Application returned.</param>
/// <param name="Level">Level of the office that returned it.</param>
/// <param name="OfficeRegionCode">GB/T 2260 code of that office's jurisdiction.</param>
/// <param name="Reason">Why.</param>
/// <param name="ReturnedAt">When.</param>
public sealed record ApplicationReturned(
    Guid ApplicationId, OfficeLevel Level, string OfficeRegionCode, string Reason, DateTimeOffset ReturnedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}

/// <summary>
/// An office checked a paper copy at its window against the submitted record (by the fingerprint printed on
/// it) and recorded it as received (intake). When <see cref="Matches"/> is false, routing returns the
/// application with <see cref="Reason"/>: paper and online must be identical (notice §四).
/// </summary>
/// <param name="ApplicationId">Application the paper copy belongs to.</param>
/// <param name="Level">Level of the receiving office.</param>
/// <param name="OfficeRegionCode">Jurisdiction code of the receiving office.</param>
/// <param name="ReceivedOn">Day the copy was received, in the call's time zone.</param>
/// <param name="Copies">Copies received.</param>
/// <param name="Matches">Whether the paper copy matches the submitted record.</param>
/// <param name="Reason">Why it does not match; null when it matches.</param>
/// <param name="RecordedAt">When the office recorded it.</param>
public sealed record PaperCopyReceived(
    Guid ApplicationId, OfficeLevel Level, string OfficeRegionCode, DateOnly ReceivedOn, int Copies, bool Matches,
    string? Reason, DateTimeOffset RecordedAt)
{
    /// <summary>Who acted (the office clerk's account).</summary>
    public Actor? By { get; init; }
}

/// <summary>
/// An application went straight to the province when it was submitted, because the call's routing rules make
/// the province its first office (spec §3: a city government's protection-zone application, 设区市可直接向省知识产权局申报).
/// No office recommended it and it takes no city quota; the province reviews it as it does a city's recommendation.
/// </summary>
/// <param name="ApplicationId">Application forwarded.</param>
/// <param name="CallId">Its call.</param>
/// <param name="TrackId">Its track.</param>
/// <param name="CityRegionCode">GB/T 2260 code of the applicant's city (设区市), for the province's lists by city.</param>
/// <param name="ForwardedAt">When it reached the province: its submission.</param>
public sealed record ApplicationForwardedToProvince(
    Guid ApplicationId, string CallId, string TrackId, string CityRegionCode, DateTimeOffset ForwardedAt)
{
    /// <summary>Who acted: the applicant who submitted it; null when unknown.</summary>
    public Actor? By { get; init; }
}
