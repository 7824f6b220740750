using IpPlatform.Contracts.Calls;
using IpPlatform.Routing.Recommendations;

namespace IpPlatform.Routing.Tests;

public sealed class QuotaLimitTests
{
    static CityFigures Figures(int grants, bool incentive) => new(Samples.CallId, Samples.Suzhou, grants, incentive, DateTime.UtcNow);

    [Theory]
    [InlineData(25000, false, 6)]
    [InlineData(10001, false, 6)]
    [InlineData(10000, false, 5)] // "more than 10000": the bound itself belongs to the band below
    [InlineData(5001, false, 5)]
    [InlineData(5000, false, 4)]
    [InlineData(2000, false, 3)]
    [InlineData(0, false, 3)]
    [InlineData(10001, true, 7)]
    [InlineData(0, true, 4)]
    public void Invention_grant_bands_give_the_quota_plus_the_incentive_bonus(int grants, bool incentive, int expected)
    {
        Assert.Equal(expected, QuotaLimit.Of(Samples.HvpBands, Figures(grants, incentive)).Max);
    }

    [Fact]
    public void Bands_are_read_highest_bound_first_whatever_their_order_in_the_call()
    {
        var shuffled = Samples.HvpBands with { Bands = [new QuotaBand(2000, 4), new QuotaBand(10000, 6), new QuotaBand(-1, 3), new QuotaBand(5000, 5)] };
        Assert.Equal(5, QuotaLimit.Of(shuffled, Figures(7000, false)).Max);
    }

    [Fact]
    public void Below_every_band_the_lowest_band_applies()
    {
        var noFloor = Samples.HvpBands with { Bands = [new QuotaBand(10000, 6), new QuotaBand(2000, 4)] };
        Assert.Equal(4, QuotaLimit.Of(noFloor, Figures(100, false)).Max);
    }

    [Fact]
    public void A_banded_quota_without_the_city_figures_is_unknown()
    {
        var limit = QuotaLimit.Of(Samples.HvpBands, null);
        Assert.False(limit.IsKnown);
        Assert.Equal("city-figures-missing", limit.MissingCode);
    }

    [Fact]
    public void Fixed_and_unlimited_rules_need_no_figures()
    {
        Assert.Equal(5, QuotaLimit.Of(new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 5 }, null).Max);
        var unlimited = QuotaLimit.Of(new QuotaRule { Kind = QuotaKind.Unlimited }, null);
        Assert.True(unlimited.IsKnown);
        Assert.Null(unlimited.Max);
    }

    [Fact]
    public void An_unpublished_track_has_an_unknown_quota()
    {
        Assert.Equal("quota-unknown", QuotaLimit.Of(null, null).MissingCode);
    }
}
