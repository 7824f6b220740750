using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Tests;

public sealed class PortalTextsTests
{
    readonly PortalTexts texts = PortalTexts.Chinese;

    [Fact]
    public void Instants_show_on_the_Shanghai_clock_whatever_the_servers_zone()
    {
        // 16:30 UTC is half past midnight the next day in Shanghai (UTC+8, no daylight saving).
        Assert.Equal("2022-05-21 00:30", texts.Time(new DateTime(2022, 5, 20, 16, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("—", texts.Time(null));
    }

    [Fact]
    public void A_calls_local_minute_shows_as_the_notice_prints_it_without_its_offset()
    {
        Assert.Equal("2022-05-20 17:00", texts.LocalMinute("2022-05-20T17:00+08:00"));
        Assert.Equal("2022-05-20 17:00", texts.LocalMinute("2022-05-20T17:00"));
    }

    [Fact]
    public void States_from_the_APIs_read_in_Chinese_and_an_unknown_one_as_it_is()
    {
        Assert.Equal("县级已推荐", texts.Term("RecommendedByCounty"));
        Assert.Equal("SomethingNew", texts.Term("SomethingNew"));
        Assert.Equal("当前登录：county-320583（县（市、区）知识产权局）", texts.Format("home.signedInAs", "county-320583", texts.Term("county-office")));
    }
}
