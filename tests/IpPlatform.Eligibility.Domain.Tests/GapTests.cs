using IpPlatform.Contracts.Applications;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

/// <summary>Item 8: a failed rule with a threshold says what would make it pass, with exact figures at the boundary.</summary>
public class GapTests
{
    private static Finding RuleOf(ApplicationDocument doc, string ruleId, EligibilityHistory? history = null) => Assess(doc, history).Rule(ruleId);

    private static void AssertNoGap(Finding f)
    {
        Assert.Null(f.GapZh);
        Assert.Null(f.GapEn);
    }

    private static ApplicationDocument IbYear(decimal sales, decimal rd, decimal ipCost = 1_800_000m, decimal profitTax = 45_000_000m) =>
        IndustrialBrand().WithYear(2021, y => y with { SalesCny = sales, RdCny = rd, IpCostCny = ipCost, ProfitTaxCny = profitTax });

    [Fact]
    public void IB_RD_at_2_99_percent_needs_the_exact_rd_spend_to_3_percent_and_3_percent_has_no_gap()
    {
        var fail = RuleOf(IbYear(100_000_000m, 2_990_000m), "IB-RD");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("¥10,000 more R&D spending in 2021 (to reach 3.00 %)", fail.GapEn);
        Assert.Equal("2021 年研发费用还需增加 ¥10,000（达到 3.00%）", fail.GapZh);

        var pass = RuleOf(IbYear(100_000_000m, 3_000_000m), "IB-RD");
        Assert.Equal(RuleResult.Pass, pass.Result);
        AssertNoGap(pass);
    }

    [Fact]
    public void A_share_shortfall_is_rounded_up_to_the_cent_so_that_adding_it_passes()
    {
        // 3 % of 333,333.33 is 9,999.9999: 9,000 spent needs 1,000.00 (rounded up), not 999.99.
        var fail = RuleOf(IbYear(333_333.33m, 9_000m), "IB-RD");
        Assert.Equal("¥1,000 more R&D spending in 2021 (to reach 3.00 %)", fail.GapEn);
        Assert.Equal(RuleResult.Pass, RuleOf(IbYear(333_333.33m, 10_000m), "IB-RD").Result);
    }

    [Fact]
    public void IB_IP_COST_states_the_ip_spending_missing()
    {
        var fail = RuleOf(IbYear(800_000_000m, 32_000_000m, ipCost: 1_500_000m), "IB-IP-COST");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("¥100,000 more IP spending in 2021 (to reach 5.00 %)", fail.GapEn);
        AssertNoGap(RuleOf(IbYear(800_000_000m, 32_000_000m, ipCost: 1_600_000m), "IB-IP-COST"));
    }

    [Fact]
    public void IB_IP_SYSTEM_counts_the_staff_missing_and_three_staff_pass()
    {
        var fail = RuleOf(IndustrialBrand().WithFacts(f => f with { IpStaff = 2 }), "IB-IP-SYSTEM");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("1 more IP staff", fail.GapEn);
        Assert.Equal("知识产权管理人员数还需增加 1", fail.GapZh);
        var pass = RuleOf(IndustrialBrand().WithFacts(f => f with { IpStaff = 3 }), "IB-IP-SYSTEM");
        Assert.Equal(RuleResult.Pass, pass.Result);
        AssertNoGap(pass);
    }

    [Fact]
    public void IB_IP_SYSTEM_without_the_standard_has_no_quantity_to_state()
    {
        var fail = RuleOf(IndustrialBrand().WithFacts(f => f with { IpStandardImplemented = false }), "IB-IP-SYSTEM");
        Assert.Equal(RuleResult.Fail, fail.Result);
        AssertNoGap(fail);
    }

    [Fact]
    public void IB_PROFIT_TAX_states_the_amount_and_an_undecided_exemption_lists_the_facts_to_declare()
    {
        var fail = RuleOf(IbYear(800_000_000m, 32_000_000m, profitTax: 19_500_000m), "IB-PROFIT-TAX");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("¥500,000 more profit and tax in 2021", fail.GapEn);
        AssertNoGap(RuleOf(IbYear(800_000_000m, 32_000_000m, profitTax: 20_000_000m), "IB-PROFIT-TAX"));

        var unknown = RuleOf(IbYear(800_000_000m, 32_000_000m, profitTax: 19_500_000m)
            .WithFacts(f => f with { NationalSingleChampion = null, LittleGiant = null }), "IB-PROFIT-TAX");
        Assert.Equal(RuleResult.Unknown, unknown.Result);
        Assert.Contains("declare facts.nationalSingleChampion", unknown.GapEn);
        Assert.Contains("declare facts.littleGiant", unknown.GapEn);
        Assert.Contains("¥500,000 more profit and tax in 2021", unknown.GapEn);
    }

    [Fact]
    public void IB_TRADEMARK_tells_the_years_of_use_against_the_five_needed()
    {
        var mark = new Trademark { RegistrationNo = "7654321", ValidUntil = new DateOnly(2030, 1, 1), InUseSince = new DateOnly(2018, 6, 1) };
        var fail = RuleOf(IndustrialBrand().WithFacts(f => f with { Trademarks = [mark] }), "IB-TRADEMARK");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("trademark 7654321 used 3 years, 5 needed (in use since 2018-06-01; 2016-12-24 or earlier needed)", fail.GapEn);
        // Exactly five years before the reference date is enough.
        var pass = RuleOf(IndustrialBrand().WithFacts(f => f with { Trademarks = [mark with { InUseSince = new DateOnly(2016, 12, 24) }] }), "IB-TRADEMARK");
        Assert.Equal(RuleResult.Pass, pass.Result);
        AssertNoGap(pass);
    }

    [Fact]
    public void HVPN_PATENTS_counts_patents_or_inventions_short_with_PCT_at_the_call_ratio()
    {
        var fail = RuleOf(HvpEnterprise().WithFacts(f => f with { ValidPatents = 80, ValidInventionPatents = 40, PctNationalPhase = 3 }), "HVPN-PATENTS");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("20 more valid patents; or 4 more valid invention patents (or 2 more PCT national-phase applications, each counting 2)", fail.GapEn);

        // 44 + 3 × 2 = 50: the "include N" threshold is met.
        var pass = RuleOf(HvpEnterprise().WithFacts(f => f with { ValidPatents = 80, ValidInventionPatents = 44, PctNationalPhase = 3 }), "HVPN-PATENTS");
        Assert.Equal(RuleResult.Pass, pass.Result);
        AssertNoGap(pass);
    }

    [Fact]
    public void HVPN_ENT_RD_states_the_rd_spend_missing_over_the_three_years()
    {
        // Totals 2019–2021: sales 1,350,000,000, R&D 16 + 18 + 5 = 39,000,000; 3.5 % needs 47,250,000.
        var fail = RuleOf(HvpEnterprise().WithYear(2021, y => y with { RdCny = 5_000_000m }), "HVPN-ENT-RD");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("¥8,250,000 more R&D spending over 2019–2021 (to reach 3.50 %)", fail.GapEn);
        var pass = RuleOf(HvpEnterprise().WithYear(2021, y => y with { RdCny = 13_250_000m }), "HVPN-ENT-RD");
        Assert.Equal(RuleResult.Pass, pass.Result);
        AssertNoGap(pass);
    }

    [Fact]
    public void GI_SALES_states_the_sales_missing()
    {
        var fail = RuleOf(Gi().WithFacts(f => f with { Gi = f.Gi! with { LastYearSalesCny = 49_000_000m } }), "GI-SALES");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("¥1,000,000 more sales 2021", fail.GapEn);
        AssertNoGap(RuleOf(Gi().WithFacts(f => f with { Gi = f.Gi! with { LastYearSalesCny = 50_000_000m } }), "GI-SALES"));
    }

    [Fact]
    public void GI_AGE_gives_the_latest_registration_day_that_qualifies()
    {
        // "More than 3 years" before 2021-12-24: registered on 2018-12-24 is one day too late.
        var fail = RuleOf(Gi().WithFacts(f => f with { Gi = f.Gi! with { RegisteredOn = new DateOnly(2018, 12, 24) } }), "GI-AGE");
        Assert.Equal(RuleResult.Fail, fail.Result);
        Assert.Equal("registered on 2018-12-24, needs 2018-12-23 or earlier (1 days earlier)", fail.GapEn);
        var pass = RuleOf(Gi().WithFacts(f => f with { Gi = f.Gi! with { RegisteredOn = new DateOnly(2018, 12, 23) } }), "GI-AGE");
        Assert.Equal(RuleResult.Pass, pass.Result);
        AssertNoGap(pass);
    }

    [Fact]
    public void A_rank_outside_the_top_ten_tells_the_places_to_climb()
    {
        var park = RuleOf(PzPark().WithFacts(f => f with { InventionPerTenThousandRank2020 = 14 }), "PZ-PARK-RANK");
        Assert.Equal(RuleResult.Fail, park.Result);
        Assert.Equal("ranked 14th, top 10 needed: 4 places higher", park.GapEn);
        AssertNoGap(RuleOf(PzPark().WithFacts(f => f with { InventionPerTenThousandRank2020 = 10 }), "PZ-PARK-RANK"));

        // The county's rule is one of three; only the rank branch has a quantity.
        var county = RuleOf(PzCounty().WithFacts(f => f with { InventionPerTenThousandRank2020 = 12 }), "PZ-COUNTY-ANY-OF");
        Assert.Equal(RuleResult.Fail, county.Result);
        Assert.Equal("ranked 12th, top 10 needed: 2 places higher", county.GapEn);
    }

    [Theory]
    [InlineData(45, "6 more chain enterprises")]
    [InlineData(50, "1 more chain enterprises")]
    [InlineData(51, null)]
    public void IC_ENTERPRISES_needs_more_than_fifty(int count, string? gap)
    {
        var f = RuleOf(IndustryCenter().WithFacts(x => x with { ChainEnterpriseCount = count }), "IC-ENTERPRISES");
        Assert.Equal(gap is null ? RuleResult.Pass : RuleResult.Fail, f.Result);
        Assert.Equal(gap, f.GapEn);
    }

    [Fact]
    public void UO_rules_state_staff_and_three_year_totals_missing()
    {
        var staff = RuleOf(UnivOperation().WithFacts(f => f with { IpStaff = 4, FullTimeConversionStaff = 1 }), "UO-STAFF");
        Assert.Equal("1 more IP staff; 1 more full-time conversion staff", staff.GapEn);

        var low = UnivOperation().WithFacts(f => f with
        {
            Years = [.. f.Years!.Select(y => y with { PatentGrants = 140, InventionGrants = 40, PatentsConverted = 15, ConversionAmountCny = 15_000_000m })],
        });
        var output = RuleOf(low, "UO-OUTPUT");
        Assert.Equal(RuleResult.Fail, output.Result);
        Assert.Equal("31 more patent grants over 2019–2021 (the total must exceed 450); or 31 more invention-patent grants over 2019–2021 (the total must exceed 150)",
            output.GapEn);
        // An average of exactly 15 is not "more than 15": one more conversion, or one more cent, passes.
        var conversion = RuleOf(low, "UO-CONVERSION");
        Assert.Equal(RuleResult.Fail, conversion.Result);
        Assert.Equal("1 more patents converted over 2019–2021 (the total must exceed 45); or ¥0.01 more conversion amount over 2019–2021 (the total must exceed 45,000,000 CNY)",
            conversion.GapEn);
    }

    [Fact]
    public void HVPU_ACCEPTED_declared_too_late_says_so()
    {
        var f = RuleOf(HvpUpgrade().WithFacts(x => x with { PreviousHvpAcceptedYear = 2021 }), "HVPU-ACCEPTED");
        Assert.Equal(RuleResult.Fail, f.Result);
        Assert.Equal("needs a project accepted before 2021 (accepted in 2021, 1 year(s) too late)", f.GapEn);
    }

    [Fact]
    public void Unknown_findings_list_the_facts_to_declare_and_non_quantitative_failures_have_no_gap()
    {
        var unknown = RuleOf(IndustrialBrand().WithFacts(f => f with { IpStaff = null }), "IB-IP-SYSTEM");
        Assert.Equal(RuleResult.Unknown, unknown.Result);
        Assert.Equal("declare facts.ipStaff", unknown.GapEn);
        Assert.Equal("需申报 facts.ipStaff", unknown.GapZh);

        var market = RuleOf(IndustrialBrand().WithFacts(f => f with { NationalMarketLeader = false }), "IB-MARKET");
        Assert.Equal(RuleResult.Fail, market.Result);
        AssertNoGap(market);
    }

    [Fact]
    public void Every_finding_of_a_complete_document_has_no_gap()
    {
        foreach (var (name, doc, history) in AllComplete())
            Assert.All(Assess(doc, history).Findings, f => Assert.True(f.GapEn is null && f.GapZh is null, $"{name}: {f.RuleId} has a gap"));
    }
}
