using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;

namespace IpPlatform.Review.Reviews;

/// <summary>
/// Spec §5, <c>protection-zone</c>: where a city is approved no county or park inside it is approved; where
/// a county is approved no park inside it is approved. Checked both ways, whichever is decided first.
/// </summary>
public static class ProtectionZoneRule
{
    public const string TrackId = "protection-zone";

    /// <summary>The first approved unit that nests with <paramref name="candidate"/>, or null.</summary>
    public static ApplicantSummary? FindConflict(ApplicantSummary candidate, IEnumerable<ApplicantSummary> approved) =>
        approved.FirstOrDefault(other => Contains(candidate, other) || Contains(other, candidate));

    // City government ⊃ county government ⊃ park committee. A city contains every code of its city; a county
    // only its own code (a park's region is the county it lies in, or the city for a park directly under it).
    static bool Contains(ApplicantSummary outer, ApplicantSummary inner) =>
        Rank(outer.Kind) is int o && Rank(inner.Kind) is int i && o < i
        && (outer.Kind == nameof(ApplicantKind.CityGovernment)
            ? Regions.CityOf(inner.RegionCode) == Regions.CityOf(outer.RegionCode)
            : inner.RegionCode == outer.RegionCode);

    static int? Rank(string kind) => kind switch
    {
        nameof(ApplicantKind.CityGovernment) => 0,
        nameof(ApplicantKind.CountyGovernment) => 1,
        nameof(ApplicantKind.ParkCommittee) => 2,
        _ => null,
    };
}
