using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Routing.Recommendations;
using IpPlatform.Testing;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

/// <summary>The summary table as a domain: order, totals, fingerprint, delivery deadline and the print model.</summary>
public sealed class SummaryTableTests
{
    static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    static readonly TrackDefinition Industrial = Call().FindTrack("industrial-brand")!;

    /// <summary>A case recommended by Kunshan and Suzhou, taking the city's place <paramref name="slot"/>.</summary>
    static Recommendation Forwarded(string name, decimal? funds, int slot, string track = "industrial-brand", string region = Kunshan)
    {
        var submitted = Submitted(track: track, name: name, project: name + "项目", funds: funds, region: region,
            kind: track == "univ-operation" ? ApplicantKind.University : ApplicantKind.Enterprise);
        var r = Recommendation.Open(submitted, RulesOf(track));
        r.RecordEligibility(Samples.Assessed(r.ApplicationId, EligibilityOutcome.Eligible, track));
        if (r.CurrentLevel == OfficeLevel.County) r.Recommend(AsCounty(region), $"县局同意{name}", new QuotaUsage(0, new QuotaLimit(5)), Now);
        r.Recommend(AsCity(Suzhou), $"市局推荐{name}", new QuotaUsage(slot - 1, new QuotaLimit(5)), Now);
        return r;
    }

    static readonly Recommendation A = Forwarded("甲", 100_000m, 1), B = Forwarded("乙", 200_000.5m, 2), C = Forwarded("丙", null, 3);

    static SummaryTableTrack Table(CitySummaryTable? table = null, params Recommendation[] cases) =>
        SummaryTables.Track(CallId, Suzhou, Industrial, "industrial-brand", cases, table);

    [Fact]
    public void By_default_the_rows_follow_the_order_of_recommendation_with_totals_and_opinions()
    {
        var track = Table(null, C, A, B);

        Assert.Equal(["甲", "乙", "丙"], track.Rows.Select(r => r.ApplicantName));
        Assert.Equal([1, 2, 3], track.Rows.Select(r => r.No));
        Assert.Equal(("县局同意甲", "市局推荐甲", "甲项目", 100_000m), (track.Rows[0].CountyOpinion, track.Rows[0].CityOpinion, track.Rows[0].ProjectName, track.Rows[0].ProvincialFundsCny));
        Assert.Equal((3, 300_000.5m), (track.Count, track.RequestedCny));
        Assert.Equal("2022-02-09T17:00", track.DeadlineAt);
        Assert.False(track.CustomOrder);
    }

    [Fact]
    public void A_case_that_started_at_the_city_has_no_county_opinion()
    {
        var univ = Forwarded("某大学", 1_000_000m, 1, track: "univ-operation", region: Suzhou);
        var track = SummaryTables.Track(CallId, Suzhou, Call().FindTrack("univ-operation"), "univ-operation", [univ], null);
        Assert.Equal((SummaryTables.NoOpinion, "市局推荐某大学"), (track.Rows.Single().CountyOpinion, track.Rows.Single().CityOpinion));
    }

    [Fact]
    public void The_citys_order_applies_and_later_forwarded_cases_follow_it()
    {
        var table = CitySummaryTable.For(CallId, Suzhou, "industrial-brand");
        table.SetOrder(AsCity(Suzhou), [B.ApplicationId, A.ApplicationId], [A.ApplicationId, B.ApplicationId], Now);

        var track = Table(table, A, B, C);

        Assert.Equal(["乙", "甲", "丙"], track.Rows.Select(r => r.ApplicantName));
        Assert.Equal([1, 2, 3], track.Rows.Select(r => r.No));
        Assert.True(track.CustomOrder);
    }

    [Fact]
    public void Only_the_city_office_of_the_city_orders_and_only_its_forwarded_applications_each_once()
    {
        var table = CitySummaryTable.For(CallId, Suzhou, "industrial-brand");
        Guid[] forwarded = [A.ApplicationId, B.ApplicationId];

        Assert.Equal("outside-jurisdiction", Assert.Throws<ActRefusedException>(() => table.SetOrder(AsCityGovernment(Suzhou), forwarded, forwarded, Now)).Code);
        Assert.Equal("outside-jurisdiction", Assert.Throws<ActRefusedException>(() => table.SetOrder(AsCity(Nanjing), forwarded, forwarded, Now)).Code);
        Assert.Equal("order-mismatch", Assert.Throws<BusinessRuleException>(() => table.SetOrder(AsCity(Suzhou), [A.ApplicationId, A.ApplicationId], forwarded, Now)).Code);
        Assert.Equal("order-mismatch", Assert.Throws<BusinessRuleException>(() => table.SetOrder(AsCity(Suzhou), [A.ApplicationId, C.ApplicationId], forwarded, Now)).Code);
        Assert.Empty(table.Order);
    }

    [Fact]
    public void The_fingerprint_is_stable_for_the_same_content_and_changes_with_any_cell_or_the_order()
    {
        var once = Table(null, A, B, C).Fingerprint;
        Assert.Matches("^[0-9a-f]{64}$", once);
        Assert.Equal(once, Table(null, C, B, A).Fingerprint); // same default order, whatever order the cases come in

        var reordered = CitySummaryTable.For(CallId, Suzhou, "industrial-brand");
        reordered.SetOrder(AsCity(Suzhou), [C.ApplicationId, B.ApplicationId, A.ApplicationId], [A.ApplicationId, B.ApplicationId, C.ApplicationId], Now);
        Assert.NotEqual(once, Table(reordered, A, B, C).Fingerprint);
        Assert.NotEqual(once, Table(null, A, B).Fingerprint);
        var track = Table(null, A, B, C);
        var changed = track with { Rows = [.. track.Rows.Select(r => r.No == 2 ? r with { ProvincialFundsCny = 200_000.51m } : r)] };
        Assert.NotEqual(once, SummaryTables.Fingerprint(changed, CallId, Suzhou));
        Assert.NotEqual(once, SummaryTables.Fingerprint(track, CallId, Nanjing));
    }

    // 2022-02-09T17:00 in Shanghai (UTC+8) is 09:00 UTC; the minute is inclusive.
    [Theory]
    [InlineData("2022-02-09T09:00:59.999Z", true)]
    [InlineData("2022-02-09T09:01:00Z", false)]
    [InlineData("2022-02-08T23:00:00Z", true)]
    public void Delivery_is_on_time_through_the_deadline_minute_in_the_calls_zone(string utc, bool onTime)
    {
        var table = CitySummaryTable.For(CallId, Suzhou, "industrial-brand");
        var content = Table(null, A, B);
        void Deliver() => table.Deliver(AsCity(Suzhou), content, SummaryDeadline, Shanghai, DateTimeOffset.Parse(utc));

        if (onTime)
        {
            Deliver();
            Assert.Equal((content.Fingerprint, "city-320500"), (table.Fingerprint, table.DeliveredByName));
            Assert.Equal(content.Rows, table.DeliveredRows);
        }
        else
        {
            Assert.Equal("summary-deadline-passed", Assert.Throws<BusinessRuleException>(Deliver).Code);
            Assert.False(table.IsDelivered);
        }
    }

    [Fact]
    public void A_delivered_table_is_final_and_frozen()
    {
        var table = CitySummaryTable.For(CallId, Suzhou, "industrial-brand");
        var delivered = Table(null, A, B);
        table.Deliver(AsCity(Suzhou), delivered, null, Shanghai, Now);

        Assert.Equal("summary-delivered", Assert.Throws<BusinessRuleException>(() => table.Deliver(AsCity(Suzhou), delivered, null, Shanghai, Now)).Code);
        Assert.Equal("summary-delivered", Assert.Throws<BusinessRuleException>(
            () => table.SetOrder(AsCity(Suzhou), [B.ApplicationId, A.ApplicationId], [A.ApplicationId, B.ApplicationId], Now)).Code);
        // A case forwarded after delivery does not enter the delivered table.
        var now = Table(table, A, B, C);
        Assert.Equal(["甲", "乙"], now.Rows.Select(r => r.ApplicantName));
        Assert.Equal(delivered.Fingerprint, now.Fingerprint);
        Assert.Equal(delivered.Fingerprint, now.Delivery!.Fingerprint);
    }

    [Fact]
    public void Only_the_city_office_of_the_city_delivers()
    {
        var table = CitySummaryTable.For(CallId, Suzhou, "industrial-brand");
        Assert.Equal("outside-jurisdiction",
            Assert.Throws<ActRefusedException>(() => table.Deliver(AsCityGovernment(Suzhou), Table(null, A), null, Shanghai, Now)).Code);
        Assert.Equal("outside-jurisdiction",
            Assert.Throws<ActRefusedException>(() => table.Deliver(As(TestAccounts.Province), Table(null, A), null, Shanghai, Now)).Code);
    }

    [Fact]
    public void The_print_model_has_a_group_per_track_with_totals_and_the_documents_fingerprint()
    {
        var univ = Forwarded("某大学", 1_000_000m, 1, track: "univ-operation", region: Suzhou);
        var document = SummaryTables.Document(CallId, "测试通知", Suzhou,
            [Table(null, A, B, C), SummaryTables.Track(CallId, Suzhou, Call().FindTrack("univ-operation"), "univ-operation", [univ], null)]);

        var printed = SummaryTableExports.Printed(document, Now);

        Assert.Equal((4, 1_300_000.5m), (document.TotalCount, document.TotalRequestedCny));
        Assert.Equal(document.Fingerprint, printed.Fingerprint);
        Assert.Contains("苏州市", printed.Title);
        Assert.Contains(printed.Lines, l => l.Contains("1300000.50"));
        Assert.Equal(["商标品牌培育和保护（工业品牌）", "专利转化：高校院所知识产权运营能力提升"], printed.Groups.Select(g => g.Heading));
        var industrial = printed.Groups[0];
        Assert.Equal(SummaryTableExports.Headers, industrial.Table.Headers);
        Assert.Equal(["1", "甲", "91320583MA1P2K3L4X", "甲项目", "100000.00", "县局同意甲", "市局推荐甲"], industrial.Table.Rows[0]);
        Assert.Equal("", industrial.Table.Rows[2][4]); // 丙 states no amount
        Assert.Equal(["合计", "3 项", "", "", "300000.50", "", ""], industrial.Totals);
        Assert.NotEqual(document.Fingerprint, SummaryTables.Document(CallId, "测试通知", Suzhou, [Table(null, A, B, C)]).Fingerprint);
    }
}
