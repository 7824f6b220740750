using IpPlatform.Contracts.Applications;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

public class HistoryRuleTests
{
    private static EligibilityHistory With(params HistoryProject[] projects) => new() { Projects = projects };

    // PZ-HIERARCHY: 已承担本项目的设区市所属县（市、区）、园区不得申报，已承担本项目的县（市、区）所属园区不得申报.
    [Fact]
    public void PZ_HIERARCHY_county_inside_a_city_that_undertakes_the_programme_fails()
    {
        var suzhou = Project(Suzhou, TrackIds.ProtectionZone, ApplicantKind.CityGovernment, 2020, ProjectStatus.Ongoing) with { RegionCode = "320500" };
        var finding = Assess(PzCounty(), With(suzhou)).Rule("PZ-HIERARCHY");
        Assert.Equal(RuleResult.Fail, finding.Result);
        Assert.Contains("320500", finding.MessageEn);
    }

    [Fact]
    public void PZ_HIERARCHY_other_city_or_other_programme_does_not_count()
    {
        var wuxi = Project(Suzhou, TrackIds.ProtectionZone, ApplicantKind.CityGovernment, 2020, ProjectStatus.Ongoing) with { RegionCode = "320200" };
        var suzhouGi = Project(Suzhou, TrackIds.GiBrand, ApplicantKind.CityGovernment, 2020, ProjectStatus.Ongoing) with { RegionCode = "320500" };
        Assert.Equal(RuleResult.Pass, Assess(PzCounty(), With(wuxi, suzhouGi)).Rule("PZ-HIERARCHY").Result);
    }

    [Fact]
    public void PZ_HIERARCHY_park_inside_a_county_that_undertakes_the_programme_fails()
    {
        var kunshan = Project(Kunshan, TrackIds.ProtectionZone, ApplicantKind.CountyGovernment, 2019, ProjectStatus.Accepted) with { RegionCode = "320583" };
        Assert.Equal(RuleResult.Fail, Assess(PzPark(), With(kunshan)).Rule("PZ-HIERARCHY").Result);
        // The county's own project does not bar a park of a neighbouring county.
        var taicang = kunshan with { RegionCode = "320585" };
        Assert.Equal(RuleResult.Pass, Assess(PzPark(), With(taicang)).Rule("PZ-HIERARCHY").Result);
    }

    [Fact]
    public void PZ_HIERARCHY_a_development_zone_lies_in_the_city_the_region_table_names()
    {
        var suzhou = Project(Suzhou, TrackIds.ProtectionZone, ApplicantKind.CityGovernment, 2020, ProjectStatus.Ongoing) with { RegionCode = "320500" };
        var industrialPark = PzPark() with { Applicant = PzPark().Applicant! with { RegionCode = "320576", ParkName = "苏州工业园区" } };

        var finding = Assess(industrialPark, With(suzhou)).Rule("PZ-HIERARCHY");

        Assert.Equal(RuleResult.Fail, finding.Result);
        Assert.Contains("320500", finding.MessageEn);
    }

    [Fact]
    public void PZ_HIERARCHY_unknown_without_region_code()
    {
        var doc = PzCounty() with { Applicant = PzCounty().Applicant! with { RegionCode = null } };
        Assert.Equal(RuleResult.Unknown, Assess(doc).Rule("PZ-HIERARCHY").Result);
    }

    // GI-NOT-ONGOING: 相关地理标志正在承担 2020 年、2021 年省级地理标志计划项目的，不得申报.
    [Theory]
    [InlineData(2021, ProjectStatus.Ongoing, RuleResult.Fail)]
    [InlineData(2020, ProjectStatus.Ongoing, RuleResult.Fail)]
    [InlineData(2019, ProjectStatus.Ongoing, RuleResult.Pass)]
    [InlineData(2021, ProjectStatus.Accepted, RuleResult.Pass)]
    public void GI_NOT_ONGOING_by_call_year_and_status(int callYear, ProjectStatus status, RuleResult expected)
    {
        var project = Project(Suzhou, TrackIds.GiBrand, ApplicantKind.CityGovernment, callYear, status) with { GiName = " 阳澄湖 大闸蟹 " };
        Assert.Equal(expected, Assess(Gi(), With(project)).Rule("GI-NOT-ONGOING").Result);
    }

    [Fact]
    public void GI_NOT_ONGOING_other_gi_does_not_count()
    {
        var project = Project(Suzhou, TrackIds.GiBrand, ApplicantKind.CityGovernment, 2021, ProjectStatus.Ongoing) with { GiName = "洞庭山碧螺春" };
        Assert.Equal(RuleResult.Pass, Assess(Gi(), With(project)).Rule("GI-NOT-ONGOING").Result);
    }

    // GI-UNIQUE: 设区市与县（市、区）不得指定同一项地理标志进行申报.
    [Fact]
    public void GI_UNIQUE_city_and_county_inside_it_designating_the_same_gi_fail()
    {
        var city = new SubmittedApplication("app-1", "2022", "gi-brand", Suzhou, "320500", ApplicantKind.CityGovernment, "阳澄湖大闸蟹");
        var finding = Assess(Gi(), new EligibilityHistory { SubmittedApplications = [city] }).Rule("GI-UNIQUE");
        Assert.Equal(RuleResult.Fail, finding.Result);
        Assert.Contains("app-1", finding.MessageEn);
    }

    [Fact]
    public void GI_UNIQUE_ignores_other_calls_other_gis_other_cities_and_the_applicant_itself()
    {
        var history = new EligibilityHistory
        {
            SubmittedApplications =
            [
                new("a", "2021", "gi-brand", Suzhou, "320500", ApplicantKind.CityGovernment, "阳澄湖大闸蟹"),
                new("b", "2022", "gi-brand", Suzhou, "320500", ApplicantKind.CityGovernment, "洞庭山碧螺春"),
                new("c", "2022", "gi-brand", Alibaba, "320200", ApplicantKind.CityGovernment, "阳澄湖大闸蟹"),
                new("d", "2022", "gi-brand", Kunshan, "320585", ApplicantKind.CountyGovernment, "阳澄湖大闸蟹"),
            ],
        };
        Assert.Equal(RuleResult.Pass, Assess(Gi(), history).Rule("GI-UNIQUE").Result);
    }

    [Fact]
    public void GI_UNIQUE_unknown_when_the_other_applicant_kind_is_missing()
    {
        var other = new SubmittedApplication("x", "2022", "gi-brand", Suzhou, "320500", null, "阳澄湖大闸蟹");
        Assert.Equal(RuleResult.Unknown, Assess(Gi(), new EligibilityHistory { SubmittedApplications = [other] }).Rule("GI-UNIQUE").Result);
    }

    // IB-NOT-UNDERTAKING: 正在承担省知识产权战略推进计划项目（含尾款未拨付）的企业，不得申报.
    [Theory]
    [InlineData(ProjectStatus.Ongoing, false, RuleResult.Fail)]
    [InlineData(ProjectStatus.Accepted, false, RuleResult.Fail)]
    [InlineData(ProjectStatus.Accepted, true, RuleResult.Pass)]
    [InlineData(ProjectStatus.Terminated, false, RuleResult.Pass)]
    public void IB_NOT_UNDERTAKING_open_projects_including_unpaid_final_tranche(ProjectStatus status, bool paid, RuleResult expected)
    {
        var project = Project(Huawei, TrackIds.HvpNew, ApplicantKind.Enterprise, 2020, status) with
            { FinalTranchePaid = paid, AcceptedOn = status == ProjectStatus.Accepted ? new DateOnly(2021, 6, 1) : null };
        Assert.Equal(expected, Assess(IndustrialBrand(), With(project)).Rule("IB-NOT-UNDERTAKING").Result);
    }

    [Fact]
    public void IB_NOT_UNDERTAKING_other_units_projects_do_not_count() =>
        Assert.Equal(RuleResult.Pass, Assess(IndustrialBrand(), With(Project(Tencent, TrackIds.IndustrialBrand, ApplicantKind.Enterprise, 2021, ProjectStatus.Ongoing)))
            .Rule("IB-NOT-UNDERTAKING").Result);

    // HVPN-NOT-PREVIOUS-LEAD.
    [Fact]
    public void HVPN_NOT_PREVIOUS_LEAD_enterprise_that_led_a_project_fails()
    {
        var led = Project(Huawei, TrackIds.HvpNew, ApplicantKind.Enterprise, 2017, ProjectStatus.Accepted) with { AcceptedOn = new(2020, 5, 1), FinalTranchePaid = true };
        Assert.Equal(RuleResult.Fail, Assess(HvpEnterprise(), With(led)).Rule("HVPN-NOT-PREVIOUS-LEAD").Result);
    }

    [Theory]
    [InlineData("材料科学与工程学院", "电子信息", RuleResult.Fail)]   // same school
    [InlineData("电子学院", "新材料", RuleResult.Fail)]              // same discipline field
    [InlineData("电子学院", "电子信息", RuleResult.Pass)]
    [InlineData(null, "电子信息", RuleResult.Unknown)]
    public void HVPN_NOT_PREVIOUS_LEAD_university_may_apply_with_another_school_and_field(string? school, string field, RuleResult expected)
    {
        var led = Project(Tencent, TrackIds.HvpNew, ApplicantKind.University, 2018, ProjectStatus.Accepted) with
            { School = school, DisciplineField = field, AcceptedOn = new(2021, 3, 1), FinalTranchePaid = true };
        Assert.Equal(expected, Assess(HvpInstitution(), With(led)).Rule("HVPN-NOT-PREVIOUS-LEAD").Result);
    }

    // HVPN-NO-OPEN-STRATEGY: 尚未验收的省企业知识产权战略推进计划项目承担单位（含尾款未拨付）不得申报.
    [Theory]
    [InlineData(ProjectStatus.Ongoing, false, RuleResult.Fail)]
    [InlineData(ProjectStatus.Accepted, false, RuleResult.Fail)]
    [InlineData(ProjectStatus.Accepted, true, RuleResult.Pass)]
    public void HVPN_NO_OPEN_STRATEGY(ProjectStatus status, bool paid, RuleResult expected)
    {
        var project = Project(Huawei, TrackIds.EnterpriseIpStrategy, ApplicantKind.Enterprise, 2019, status) with { FinalTranchePaid = paid };
        Assert.Equal(expected, Assess(HvpEnterprise(), With(project)).Rule("HVPN-NO-OPEN-STRATEGY").Result);
    }

    // HVPU-ACCEPTED: 2021年以前已通过省高价值专利培育计划项目验收.
    [Theory]
    [InlineData("2020-12-31", RuleResult.Pass)]
    [InlineData("2021-01-01", RuleResult.Fail)]
    public void HVPU_ACCEPTED_from_history(string acceptedOn, RuleResult expected) =>
        Assert.Equal(expected, Assess(HvpUpgrade(), AcceptedHvp(DateOnly.Parse(acceptedOn))).Rule("HVPU-ACCEPTED").Result);

    [Fact]
    public void HVPU_ACCEPTED_history_wins_over_the_declared_year()
    {
        var ongoing = With(Project(Huawei, TrackIds.HvpNew, ApplicantKind.Enterprise, 2020, ProjectStatus.Ongoing));
        Assert.Equal(RuleResult.Fail, Assess(HvpUpgrade(), ongoing).Rule("HVPU-ACCEPTED").Result);
    }

    [Theory]
    [InlineData(2019, RuleResult.Unknown, EligibilityOutcome.NeedsReview)]
    [InlineData(2020, RuleResult.Unknown, EligibilityOutcome.NeedsReview)]
    [InlineData(2021, RuleResult.Fail, EligibilityOutcome.Ineligible)]
    [InlineData(null, RuleResult.Unknown, EligibilityOutcome.NeedsReview)]
    public void HVPU_ACCEPTED_without_platform_record_uses_the_declaration_for_review_only(int? declared, RuleResult expected, EligibilityOutcome outcome)
    {
        var result = Assess(HvpUpgrade().WithFacts(f => f with { PreviousHvpAcceptedYear = declared }));
        Assert.Equal(expected, result.Rule("HVPU-ACCEPTED").Result);
        Assert.Equal(outcome, result.Outcome);
    }

    // Credit records feed the integrity rules.
    [Fact]
    public void Active_credit_entry_fails_integrity_even_when_the_declaration_is_clean()
    {
        var history = new EligibilityHistory { CreditEntries = [new CreditEntry(Huawei, CreditEntryKind.Falsification, new DateOnly(2021, 3, 1))] };
        var finding = Assess(IndustrialBrand(), history).Rule("IB-INTEGRITY");
        Assert.Equal(RuleResult.Fail, finding.Result);
        Assert.Contains("Falsification", finding.MessageEn);
    }

    [Fact]
    public void Expired_or_later_credit_entries_and_other_units_entries_do_not_count()
    {
        var history = new EligibilityHistory
        {
            CreditEntries =
            [
                new CreditEntry(Huawei, CreditEntryKind.SeriousDishonesty, new DateOnly(2018, 1, 1), ExpiresOn: new DateOnly(2021, 1, 1)),
                new CreditEntry(Huawei, CreditEntryKind.SeriousDishonesty, new DateOnly(2022, 1, 5)),
                new CreditEntry(Tencent, CreditEntryKind.SeriousDishonesty, new DateOnly(2021, 1, 1)),
            ],
        };
        Assert.Equal(RuleResult.Pass, Assess(IndustrialBrand(), history).Rule("IB-INTEGRITY").Result);
    }

    [Fact]
    public void Academic_misconduct_entries_bar_institutions_only()
    {
        var history = new EligibilityHistory
        {
            CreditEntries = [new CreditEntry(Tencent, CreditEntryKind.AcademicMisconduct, new DateOnly(2021, 1, 1)),
                new CreditEntry(Huawei, CreditEntryKind.AcademicMisconduct, new DateOnly(2021, 1, 1))],
        };
        Assert.Equal(RuleResult.Fail, Assess(HvpInstitution(), history).Rule("HVPN-INTEGRITY").Result);
        Assert.Equal(RuleResult.Pass, Assess(HvpEnterprise(), history).Rule("HVPN-INTEGRITY").Result);
    }

    [Fact]
    public void History_rules_are_unknown_without_a_credit_code()
    {
        var doc = IndustrialBrand() with { Applicant = IndustrialBrand().Applicant! with { CreditCode = null } };
        var result = Assess(doc);
        Assert.Equal(RuleResult.Unknown, result.Rule("IB-NOT-UNDERTAKING").Result);
        Assert.Equal(RuleResult.Unknown, result.Rule("IB-INTEGRITY").Result);
        Assert.Equal(EligibilityOutcome.NeedsReview, result.Outcome);
    }
}
