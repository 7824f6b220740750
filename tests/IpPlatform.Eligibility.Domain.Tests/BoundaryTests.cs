using IpPlatform.Contracts.Applications;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

// Each boundary is written from the notice's words: 以上/不低于/不少于/前N位 include the bound, 超过 excludes it.
public class BoundaryTests
{
    private static RuleResult RuleOf(ApplicationDocument doc, string ruleId, EligibilityHistory? history = null) =>
        Assess(doc, history).Rule(ruleId).Result;

    // IB-RD: 研发费用投入占销售收入比例达3%以上 (≥ 3 %), sales 800,000,000.
    [Theory]
    [InlineData(24_000_000, RuleResult.Pass)]      // exactly 3 %
    [InlineData(23_999_999.99, RuleResult.Fail)]   // just below
    [InlineData(24_000_000.01, RuleResult.Pass)]   // just above
    public void IB_RD_at_least_3_percent_of_sales(decimal rd, RuleResult expected)
    {
        // Keep IP cost at exactly 5 % of R&D so that only IB-RD moves.
        var doc = IndustrialBrand().WithYear(2021, y => y with { RdCny = rd, IpCostCny = rd * 0.05m });
        Assert.Equal(expected, RuleOf(doc, "IB-RD"));
    }

    [Fact]
    public void IB_RD_message_states_the_figures()
    {
        var finding = Assess(IndustrialBrand().WithYear(2021, y => y with { RdCny = 20_000_000m })).Rule("IB-RD");
        Assert.Contains("2.50 %", finding.MessageEn);
        Assert.Contains("2021", finding.MessageEn);
        Assert.Contains("3.00 %", finding.MessageEn);
        Assert.Contains("2.50%", finding.MessageZh);
    }

    // IB-IP-COST: 知识产权费用占研发费用投入的比例达5%以上, R&D 32,000,000 → 1,600,000 is exactly 5 %.
    [Theory]
    [InlineData(1_600_000, RuleResult.Pass)]
    [InlineData(1_599_999, RuleResult.Fail)]
    [InlineData(1_600_001, RuleResult.Pass)]
    public void IB_IP_COST_at_least_5_percent_of_rd(decimal ipCost, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(IndustrialBrand().WithYear(2021, y => y with { IpCostCny = ipCost }), "IB-IP-COST"));

    [Fact]
    public void Share_with_zero_denominator_is_unknown_not_a_pass() =>
        Assert.Equal(RuleResult.Unknown, RuleOf(IndustrialBrand().WithYear(2021, y => y with { RdCny = 0, IpCostCny = 0 }), "IB-IP-COST"));

    // IB-PROFIT-TAX: 利税总额均不低于2000万元.
    [Theory]
    [InlineData(20_000_000, RuleResult.Pass)]
    [InlineData(19_999_999.99, RuleResult.Fail)]
    [InlineData(-5_000_000, RuleResult.Fail)]
    public void IB_PROFIT_TAX_at_least_20_million(decimal profitTax, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(IndustrialBrand().WithYear(2021, y => y with { ProfitTaxCny = profitTax }), "IB-PROFIT-TAX"));

    [Theory]
    [InlineData(true, false, RuleResult.Exempt)]
    [InlineData(false, true, RuleResult.Exempt)]
    [InlineData(false, false, RuleResult.Fail)]
    [InlineData(null, false, RuleResult.Unknown)]  // below the threshold, exemption undecided
    public void IB_PROFIT_TAX_exemption_for_single_champion_or_little_giant(bool? champion, bool? giant, RuleResult expected)
    {
        var doc = IndustrialBrand().WithYear(2021, y => y with { ProfitTaxCny = 1_000_000m })
            .WithFacts(f => f with { NationalSingleChampion = champion, LittleGiant = giant });
        Assert.Equal(expected, RuleOf(doc, "IB-PROFIT-TAX"));
    }

    [Fact]
    public void Undecided_exemption_does_not_matter_when_the_threshold_is_met() =>
        Assert.Equal(RuleResult.Pass, RuleOf(IndustrialBrand().WithFacts(f => f with { NationalSingleChampion = null, LittleGiant = null }), "IB-PROFIT-TAX"));

    // IB-IP-SYSTEM: 知识产权专兼职管理人员不少于3人.
    [Theory]
    [InlineData(3, RuleResult.Pass)]
    [InlineData(2, RuleResult.Fail)]
    public void IB_IP_SYSTEM_at_least_3_staff(int staff, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(IndustrialBrand().WithFacts(f => f with { IpStaff = staff }), "IB-IP-SYSTEM"));

    [Fact]
    public void IB_IP_SYSTEM_fails_without_an_independent_department_even_with_unknown_staff()
    {
        var doc = IndustrialBrand().WithFacts(f => f with { IndependentIpDepartment = false, IpStaff = null });
        Assert.Equal(RuleResult.Fail, RuleOf(doc, "IB-IP-SYSTEM"));
    }

    // IB-TRADEMARK: 至少有一件商标持续使用5年以上; reference date 2021-12-24.
    [Theory]
    [InlineData("2016-12-24", "2030-01-01", RuleResult.Pass)]   // exactly 5 years
    [InlineData("2016-12-25", "2030-01-01", RuleResult.Fail)]   // one day short
    [InlineData("2010-01-01", "2021-12-23", RuleResult.Fail)]   // expired before the reference date
    [InlineData("2010-01-01", "2021-12-24", RuleResult.Pass)]   // valid on the reference date
    public void IB_TRADEMARK_valid_and_used_5_years(string since, string until, RuleResult expected)
    {
        var doc = IndustrialBrand().WithFacts(f => f with
        {
            Trademarks = [new Trademark { RegistrationNo = "1", InUseSince = DateOnly.Parse(since), ValidUntil = DateOnly.Parse(until) }],
        });
        Assert.Equal(expected, RuleOf(doc, "IB-TRADEMARK"));
    }

    [Fact]
    public void IB_TRADEMARK_needs_both_conditions_on_the_same_mark_and_is_unknown_without_dates()
    {
        var split = IndustrialBrand().WithFacts(f => f with
        {
            Trademarks =
            [
                new Trademark { RegistrationNo = "old-expired", InUseSince = new(2001, 1, 1), ValidUntil = new(2020, 1, 1) },
                new Trademark { RegistrationNo = "new-valid", InUseSince = new(2020, 1, 1), ValidUntil = new(2030, 1, 1) },
            ],
        });
        Assert.Equal(RuleResult.Fail, RuleOf(split, "IB-TRADEMARK"));
        Assert.Equal(RuleResult.Unknown, RuleOf(IndustrialBrand().WithFacts(f => f with { Trademarks = [new Trademark { RegistrationNo = "x" }] }), "IB-TRADEMARK"));
        Assert.Equal(RuleResult.Fail, RuleOf(IndustrialBrand().WithFacts(f => f with { Trademarks = [] }), "IB-TRADEMARK"));
    }

    [Theory]
    [InlineData(1, RuleResult.Pass)]
    [InlineData(0, RuleResult.Fail)]
    public void IB_INVENTION_owns_at_least_one(int count, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(IndustrialBrand().WithFacts(f => f with { ValidInventionPatents = count }), "IB-INVENTION"));

    // GI-AGE: 注册时间超过3年 — more than 3 years before 2021-12-24.
    [Theory]
    [InlineData("2018-12-24", RuleResult.Fail)]   // exactly 3 years: not "more than"
    [InlineData("2018-12-23", RuleResult.Pass)]
    [InlineData("2018-12-25", RuleResult.Fail)]
    public void GI_AGE_more_than_3_years(string registeredOn, RuleResult expected)
    {
        var doc = Gi().WithFacts(f => f with { Gi = f.Gi! with { RegisteredOn = DateOnly.Parse(registeredOn) } });
        Assert.Equal(expected, RuleOf(doc, "GI-AGE"));
    }

    // GI-SALES: 手工艺品类 1000 万元以上, 其他 5000 万元以上.
    [Theory]
    [InlineData(GiCategory.Handicraft, 10_000_000, RuleResult.Pass)]
    [InlineData(GiCategory.Handicraft, 9_999_999, RuleResult.Fail)]
    [InlineData(GiCategory.Other, 50_000_000, RuleResult.Pass)]
    [InlineData(GiCategory.Other, 49_999_999, RuleResult.Fail)]
    [InlineData(GiCategory.Other, 10_000_000, RuleResult.Fail)]
    public void GI_SALES_thresholds_by_category(GiCategory category, decimal sales, RuleResult expected)
    {
        var doc = Gi().WithFacts(f => f with { Gi = f.Gi! with { Category = category, LastYearSalesCny = sales } });
        Assert.Equal(expected, RuleOf(doc, "GI-SALES"));
    }

    [Fact]
    public void GI_SALES_exempt_for_national_promotion_key_project_or_demonstration_zone()
    {
        var low = Gi().WithFacts(f => f with { Gi = f.Gi! with { LastYearSalesCny = 1m } });
        Assert.Equal(RuleResult.Exempt, RuleOf(low.WithFacts(f => f with { Gi = f.Gi! with { NationalPromotionKeyProject = true } }), "GI-SALES"));
        Assert.Equal(RuleResult.Exempt, RuleOf(low.WithFacts(f => f with { Gi = f.Gi! with { NationalProtectionDemonstrationZone = true } }), "GI-SALES"));
        Assert.Equal(RuleResult.Unknown, RuleOf(low.WithFacts(f => f with { Gi = f.Gi! with { NationalPromotionKeyProject = null } }), "GI-SALES"));
    }

    [Fact]
    public void GI_NO_INCIDENTS_fails_on_an_accident()
    {
        var doc = Gi().WithFacts(f => f with { Gi = f.Gi! with { MajorIncidentsWithin3Years = true } });
        Assert.Equal(RuleResult.Fail, RuleOf(doc, "GI-NO-INCIDENTS"));
    }

    // HVPN-ENT-RD: 近三年研发费用投入占销售收入的比例达3.5%以上 [interp: three-year totals]. Sales total 1,350,000,000.
    [Theory]
    [InlineData(47_250_000, RuleResult.Pass)]    // exactly 3.5 %
    [InlineData(47_249_999, RuleResult.Fail)]
    public void HVPN_ENT_RD_three_year_totals(decimal totalRd, RuleResult expected)
    {
        // 2019 and 2020 stay at 16M and 18M; 2021 takes the rest.
        var doc = HvpEnterprise().WithYear(2021, y => y with { RdCny = totalRd - 34_000_000m, IpCostCny = 10_000_000m });
        Assert.Equal(expected, RuleOf(doc, "HVPN-ENT-RD"));
    }

    [Fact]
    public void HVPN_ENT_RD_totals_tolerate_one_weak_year_unless_the_call_asks_for_each_year()
    {
        // 2019 at 2 %, but the three-year total is 3.6 %.
        var doc = HvpEnterprise().WithYear(2019, y => y with { RdCny = 8_000_000m }).WithYear(2021, y => y with { RdCny = 22_600_000m, IpCostCny = 2_000_000m });
        Assert.Equal(RuleResult.Pass, RuleOf(doc, "HVPN-ENT-RD"));
        var eachYear = CallWithParameter("hvp-new", ParameterNames.RdShareEachYear, 1m);
        var result = EligibilityEngine.Assess(doc, eachYear, EligibilityHistory.Empty).Rule("HVPN-ENT-RD");
        Assert.Equal(RuleResult.Fail, result.Result);
        Assert.Contains("2019", result.MessageEn);
    }

    [Fact]
    public void HVPN_ENT_RD_unknown_when_a_year_is_missing()
    {
        var doc = HvpEnterprise().WithFacts(f => f with { Years = [.. f.Years!.Where(y => y.Year != 2020)] });
        var finding = Assess(doc).Rule("HVPN-ENT-RD");
        Assert.Equal(RuleResult.Unknown, finding.Result);
        Assert.Contains("year=2020", finding.MessageEn);
    }

    [Theory]
    [InlineData(2019, 19_999_999, RuleResult.Fail)]   // every one of the three years counts
    [InlineData(2020, 20_000_000, RuleResult.Pass)]
    public void HVPN_ENT_PROFIT_TAX_each_of_three_years(int year, decimal profitTax, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(HvpEnterprise().WithYear(year, y => y with { ProfitTaxCny = profitTax }), "HVPN-ENT-PROFIT-TAX"));

    // HVPN-PATENTS: 有效专利不少于100件或有效发明专利不少于50件 (PCT 国家阶段 1:2 抵算).
    [Theory]
    [InlineData(100, 0, 0, RuleResult.Pass)]
    [InlineData(99, 0, 0, RuleResult.Fail)]
    [InlineData(0, 50, 0, RuleResult.Pass)]
    [InlineData(0, 49, 0, RuleResult.Fail)]
    [InlineData(0, 44, 3, RuleResult.Pass)]   // 44 + 3×2 = 50
    [InlineData(0, 43, 3, RuleResult.Fail)]   // 43 + 3×2 = 49
    public void HVPN_PATENTS_counts_with_pct_weight(int valid, int inventions, int pct, RuleResult expected)
    {
        var doc = HvpEnterprise().WithFacts(f => f with { ValidPatents = valid, ValidInventionPatents = inventions, PctNationalPhase = pct });
        Assert.Equal(expected, RuleOf(doc, "HVPN-PATENTS"));
    }

    [Fact]
    public void HVPN_PATENTS_pct_weight_is_a_call_parameter()
    {
        var doc = HvpEnterprise().WithFacts(f => f with { ValidPatents = 0, ValidInventionPatents = 44, PctNationalPhase = 3 });
        var call = CallWithParameter("hvp-new", ParameterNames.PctWeight, 1m);
        Assert.Equal(RuleResult.Fail, EligibilityEngine.Assess(doc, call, EligibilityHistory.Empty).Rule("HVPN-PATENTS").Result);
    }

    [Theory]
    [InlineData(50, 0, RuleResult.Pass)]   // halved: 50 patents
    [InlineData(49, 24, RuleResult.Fail)]
    [InlineData(0, 25, RuleResult.Pass)]   // halved: 25 invention patents
    public void HVPN_PATENTS_halve_for_an_award_within_3_years(int valid, int inventions, RuleResult expected)
    {
        var doc = HvpEnterprise().WithFacts(f => f with
        {
            ValidPatents = valid, ValidInventionPatents = inventions, PctNationalPhase = 0, AwardsWithin3Years = [Award.ChinaPatentAward],
        });
        Assert.Equal(expected, RuleOf(doc, "HVPN-PATENTS"));
    }

    [Fact]
    public void HVPN_PATENTS_halve_for_a_key_laboratory_but_not_for_a_university_hosting_one()
    {
        ApplicationDocument Fifty(ApplicantKind kind) => HvpInstitution(kind).WithFacts(f => f with
        {
            ValidPatents = 50, ValidInventionPatents = 10, PctNationalPhase = 0, KeyPlatform = true, AwardsWithin3Years = [],
        });
        Assert.Equal(RuleResult.Pass, RuleOf(Fifty(ApplicantKind.KeyLaboratory), "HVPN-PATENTS"));
        Assert.Equal(RuleResult.Fail, RuleOf(Fifty(ApplicantKind.University), "HVPN-PATENTS"));
        Assert.Equal(RuleResult.Fail, RuleOf(Fifty(ApplicantKind.Enterprise) with { Track = "hvp-new" }, "HVPN-PATENTS"));
    }

    [Fact]
    public void HVPN_PATENTS_unknown_when_only_halved_thresholds_are_met_and_awards_are_not_declared()
    {
        var between = HvpEnterprise().WithFacts(f => f with { ValidPatents = 60, ValidInventionPatents = 0, PctNationalPhase = 0, AwardsWithin3Years = null });
        Assert.Equal(RuleResult.Unknown, RuleOf(between, "HVPN-PATENTS"));
        var below = between.WithFacts(f => f with { ValidPatents = 40 });
        Assert.Equal(RuleResult.Fail, RuleOf(below, "HVPN-PATENTS"));
        var above = between.WithFacts(f => f with { ValidPatents = 100 });
        Assert.Equal(RuleResult.Pass, RuleOf(above, "HVPN-PATENTS"));
    }

    [Fact]
    public void HVPN_PATENTS_unknown_pct_only_blocks_a_decision_when_it_could_matter()
    {
        var doc = HvpEnterprise().WithFacts(f => f with { ValidPatents = 0, ValidInventionPatents = 48, PctNationalPhase = null });
        Assert.Equal(RuleResult.Unknown, RuleOf(doc, "HVPN-PATENTS"));
        Assert.Equal(RuleResult.Pass, RuleOf(doc.WithFacts(f => f with { ValidInventionPatents = 50 }), "HVPN-PATENTS"));
    }

    [Fact]
    public void HVPN_INTEGRITY_of_institutions_includes_academic_misconduct()
    {
        Assert.Equal(RuleResult.Fail, RuleOf(HvpInstitution().WithFacts(f => f with { AcademicMisconduct = true }), "HVPN-INTEGRITY"));
        Assert.Equal(RuleResult.Pass, RuleOf(HvpEnterprise().WithFacts(f => f with { AcademicMisconduct = null }), "HVPN-INTEGRITY"));
    }

    // UO-OUTPUT: 年均专利授权量超过150件或者发明专利授权量超过50件 (more than: the bound itself fails).
    [Theory]
    [InlineData(150, 150, 150, 50, RuleResult.Fail)]    // averages exactly 150 and 50
    [InlineData(150, 150, 151, 50, RuleResult.Pass)]    // 150.33
    [InlineData(100, 100, 100, 51, RuleResult.Pass)]    // inventions 51 alone
    public void UO_OUTPUT_average_more_than(int g2019, int g2020, int g2021, int inventions, RuleResult expected)
    {
        var doc = UnivOperation()
            .WithYear(2019, y => y with { PatentGrants = g2019, InventionGrants = inventions })
            .WithYear(2020, y => y with { PatentGrants = g2020, InventionGrants = inventions })
            .WithYear(2021, y => y with { PatentGrants = g2021, InventionGrants = inventions });
        Assert.Equal(expected, RuleOf(doc, "UO-OUTPUT"));
    }

    [Theory]
    [InlineData(15, 15_000_000, RuleResult.Fail)]
    [InlineData(16, 15_000_000, RuleResult.Pass)]
    [InlineData(15, 15_000_001, RuleResult.Pass)]
    public void UO_CONVERSION_average_more_than(int converted, decimal amount, RuleResult expected)
    {
        var doc = UnivOperation();
        foreach (var year in new[] { 2019, 2020, 2021 })
            doc = doc.WithYear(year, y => y with { PatentsConverted = converted, ConversionAmountCny = amount });
        Assert.Equal(expected, RuleOf(doc, "UO-CONVERSION"));
    }

    [Theory]
    [InlineData(5, 2, RuleResult.Pass)]
    [InlineData(4, 2, RuleResult.Fail)]
    [InlineData(5, 1, RuleResult.Fail)]
    public void UO_STAFF_five_staff_two_full_time(int staff, int fullTime, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(UnivOperation().WithFacts(f => f with { IpStaff = staff, FullTimeConversionStaff = fullTime }), "UO-STAFF"));

    // IC-ENTERPRISES: 产业链相关企业总数超过50家.
    [Theory]
    [InlineData(50, RuleResult.Fail)]
    [InlineData(51, RuleResult.Pass)]
    public void IC_ENTERPRISES_more_than_50(int count, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(IndustryCenter().WithFacts(f => f with { ChainEnterpriseCount = count }), "IC-ENTERPRISES"));

    [Theory]
    [InlineData(ParkType.NationalNewArea, RuleResult.Pass)]
    [InlineData(ParkType.Other, RuleResult.Fail)]
    public void IC_PARK_national_park_types(ParkType type, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(IndustryCenter().WithFacts(f => f with { ParkType = type }), "IC-PARK"));

    [Fact]
    public void PZ_PARK_NATIONAL_excludes_a_national_new_area() =>
        Assert.Equal(RuleResult.Fail, RuleOf(PzPark().WithFacts(f => f with { ParkType = ParkType.NationalNewArea }), "PZ-PARK-NATIONAL"));

    // PZ-PARK-RANK / PZ-COUNTY-ANY-OF: 位居前10位 includes 10.
    [Theory]
    [InlineData(10, RuleResult.Pass)]
    [InlineData(11, RuleResult.Fail)]
    [InlineData(1, RuleResult.Pass)]
    public void PZ_PARK_RANK_top_10(int rank, RuleResult expected) =>
        Assert.Equal(expected, RuleOf(PzPark().WithFacts(f => f with { InventionPerTenThousandRank2020 = rank }), "PZ-PARK-RANK"));

    [Fact]
    public void PZ_COUNTY_ANY_OF_is_three_valued()
    {
        var none = PzCounty().WithFacts(f => f with { EffectiveRegion2020 = false, InventionPerTenThousandRank2020 = 11, RapidProtectionCenter = false });
        Assert.Equal(RuleResult.Fail, RuleOf(none, "PZ-COUNTY-ANY-OF"));
        Assert.Equal(RuleResult.Unknown, RuleOf(none.WithFacts(f => f with { RapidProtectionCenter = null }), "PZ-COUNTY-ANY-OF"));
        Assert.Equal(RuleResult.Pass, RuleOf(none.WithFacts(f => f with { RapidProtectionCenter = true, EffectiveRegion2020 = null }), "PZ-COUNTY-ANY-OF"));
    }

    [Fact]
    public void PZ_COUNTY_STATUS_and_city_rules_fail_on_false_facts()
    {
        Assert.Equal(RuleResult.Fail, RuleOf(PzCounty().WithFacts(f => f with { NationalStrongCountyDemonstration = false }), "PZ-COUNTY-STATUS"));
        Assert.Equal(RuleResult.Fail, RuleOf(PzCity().WithFacts(f => f with { EffectiveRegion2020 = false }), "PZ-CITY-RECOGNITION"));
        Assert.Equal(RuleResult.Pass, RuleOf(PzCity().WithFacts(f => f with { EffectiveRegion2020 = false, NationalIpDemonstrationCity = true }), "PZ-CITY-RECOGNITION"));
        Assert.Equal(RuleResult.Fail, RuleOf(PzCity().WithFacts(f => f with { Inspection2021Excellent = false }), "PZ-CITY-INSPECTION"));
    }

    [Fact]
    public void HVPU_STANDING_depends_on_kind()
    {
        var history = AcceptedHvp(new DateOnly(2019, 1, 1));
        var university = HvpUpgrade().WithKind(ApplicantKind.University).WithFacts(f => f with { NationalMarketLeader = true, InternationallyLeading = false });
        Assert.Equal(RuleResult.Fail, RuleOf(university, "HVPU-STANDING", history));
        Assert.Equal(RuleResult.Pass, RuleOf(HvpUpgrade().WithFacts(f => f with { InternationallyLeading = false }), "HVPU-STANDING", history));
    }

    internal static Contracts.Calls.CallDocument CallWithParameter(string trackId, string name, decimal value)
    {
        var call = Call;
        return call with
        {
            Tracks = [.. call.Tracks.Select(t => t.Id != trackId ? t
                : t with { Parameters = new Dictionary<string, decimal>(t.Parameters) { [name] = value } })],
        };
    }
}
