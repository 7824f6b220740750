using IpPlatform.Review.Reviews;
using static IpPlatform.Contracts.Applications.ApplicantKind;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

public sealed class ProtectionZoneRuleTests
{
    [Theory]
    [InlineData(CityGovernment, "320500", CountyGovernment, "320583")]   // Suzhou ⊃ Kunshan
    [InlineData(CityGovernment, "320500", ParkCommittee, "320583")]      // Suzhou ⊃ a park in Kunshan
    [InlineData(CityGovernment, "320500", ParkCommittee, "320500")]      // Suzhou ⊃ a park directly under the city
    [InlineData(CountyGovernment, "320583", ParkCommittee, "320583")]    // Kunshan ⊃ a park in Kunshan
    public void Nested_units_conflict_whichever_is_approved_first(
        IpPlatform.Contracts.Applications.ApplicantKind outerKind, string outerRegion,
        IpPlatform.Contracts.Applications.ApplicantKind innerKind, string innerRegion)
    {
        var outer = Unit(outerKind, outerRegion);
        var inner = Unit(innerKind, innerRegion);

        Assert.Equal(outer, ProtectionZoneRule.FindConflict(inner, [outer]));
        Assert.Equal(inner, ProtectionZoneRule.FindConflict(outer, [inner]));
    }

    [Theory]
    [InlineData(CityGovernment, "320500", CountyGovernment, "320102")]   // Nanjing's county is not in Suzhou
    [InlineData(CountyGovernment, "320583", ParkCommittee, "320582")]    // a park of another county
    [InlineData(CountyGovernment, "320583", CountyGovernment, "320582")] // two counties of one city
    [InlineData(CountyGovernment, "320583", ParkCommittee, "320500")]    // a park directly under the city is not in the county
    [InlineData(ParkCommittee, "320583", ParkCommittee, "320583")]       // two parks of one county
    [InlineData(CityGovernment, "320500", CityGovernment, "320100")]
    public void Units_that_do_not_nest_may_both_be_approved(
        IpPlatform.Contracts.Applications.ApplicantKind aKind, string aRegion,
        IpPlatform.Contracts.Applications.ApplicantKind bKind, string bRegion)
    {
        var a = Unit(aKind, aRegion);
        var b = Unit(bKind, bRegion);

        Assert.Null(ProtectionZoneRule.FindConflict(a, [b]));
        Assert.Null(ProtectionZoneRule.FindConflict(b, [a]));
    }
}
