using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

public class ShippedCallTests
{
    private static TrackDefinition T(string id) => Call.FindTrack(id)!;

    [Fact]
    public void Call_2022_carries_the_notice_header()
    {
        Assert.Equal("2022", Call.Id);
        Assert.Equal("苏知发〔2021〕140号", Call.NoticeNumber);
        Assert.Equal(new DateOnly(2021, 12, 24), Call.IssuedOn);
        Assert.Equal(new DateOnly(2021, 12, 24), Call.ReferenceDate);
        Assert.Equal(2021, Call.LastYear);
        Assert.False(Call.Rehearsal);
        Assert.Equal(["protection-zone", "gi-brand", "industrial-brand", "hvp-new", "hvp-upgrade", "univ-operation", "industry-center"],
            Call.Tracks.Select(t => t.Id));
    }

    [Theory]
    [InlineData("protection-zone", "2022-02-15", "杨晶", "025-83279961", "省知识产权局知识产权保护处", 3)]
    [InlineData("gi-brand", "2022-01-30", "张云芳", "025-83236249", "省知识产权局产业促进处", 2)]
    [InlineData("industrial-brand", "2022-01-30", "徐长春", "025-83236375", "省知识产权局产业促进处", 2)]
    [InlineData("hvp-new", "2022-01-30", "安文龙", "025-83236249", "省知识产权局产业促进处", 3)]
    [InlineData("hvp-upgrade", "2022-01-30", "安文龙", "025-83236249", "省知识产权局产业促进处", null)]
    [InlineData("univ-operation", "2022-01-30", "张静", "025-83279967", "省知识产权局知识产权服务处", 2)]
    [InlineData("industry-center", "2022-01-30", "张静", "025-83279967", "省知识产权局知识产权服务处", 2)]
    public void Each_track_has_the_notice_deadline_contact_division_and_period(string id, string deadline, string name, string phone, string division, int? period)
    {
        var t = T(id);
        Assert.Equal(DateOnly.Parse(deadline), t.OnlineDeadline);
        Assert.Equal(new Contact(name, phone), Assert.Single(t.Contacts));
        Assert.Equal(division, t.DivisionZh);
        Assert.Equal(period, t.PeriodYears);
        Assert.Equal("南京市建邺区汉中门大街145号省政务服务中心二楼省知识产权保护中心综合受理窗口", t.PaperAddressZh);
        Assert.Equal(1m, t.Tranches.Sum(x => x.Share));
    }

    [Fact]
    public void Admitted_kinds_follow_the_notice()
    {
        Assert.Equal([ApplicantKind.CityGovernment, ApplicantKind.CountyGovernment, ApplicantKind.ParkCommittee], T("protection-zone").AdmittedKinds);
        Assert.Equal([ApplicantKind.CityGovernment, ApplicantKind.CountyGovernment], T("gi-brand").AdmittedKinds);
        Assert.Equal([ApplicantKind.Enterprise], T("industrial-brand").AdmittedKinds);
        Assert.Equal(5, T("hvp-new").AdmittedKinds.Count);
        Assert.DoesNotContain(ApplicantKind.KeyLaboratory, T("hvp-upgrade").AdmittedKinds);
        Assert.Equal([ApplicantKind.University, ApplicantKind.ResearchInstitute], T("univ-operation").AdmittedKinds);
        Assert.Equal([ApplicantKind.ParkCommittee], T("industry-center").AdmittedKinds);
    }

    [Fact]
    public void Quota_rules_follow_the_notice()
    {
        Assert.Equal(QuotaKind.PerCity, T("industrial-brand").Quota.Kind);
        Assert.Equal(5, T("industrial-brand").Quota.PerCity);
        Assert.Equal(1, T("univ-operation").Quota.PerCity);
        Assert.Equal(1, T("industry-center").Quota.PerCity);
        Assert.Equal(QuotaKind.Unlimited, T("hvp-upgrade").Quota.Kind);
        Assert.Equal(QuotaKind.Unlimited, T("protection-zone").Quota.Kind);
        Assert.Equal(QuotaKind.Unlimited, T("gi-brand").Quota.Kind);
        var hvp = T("hvp-new").Quota;
        Assert.Equal(QuotaKind.ByInventionGrants, hvp.Kind);
        Assert.Equal([new QuotaBand(10000, 6), new QuotaBand(5000, 5), new QuotaBand(2000, 4), new QuotaBand(-1, 3)], hvp.Bands);
        Assert.Equal(1, hvp.IncentiveBonus);
    }

    [Fact]
    public void Parameters_hold_the_notice_figures()
    {
        Assert.Equal(0.03m, T("industrial-brand").Parameters[ParameterNames.RdShareOfSalesMin]);
        Assert.Equal(0.035m, T("hvp-new").Parameters[ParameterNames.RdShareOfSalesMin]);
        Assert.Equal(20_000_000m, T("hvp-new").Parameters[ParameterNames.ProfitTaxMinCny]);
        Assert.Equal(2m, T("hvp-new").Parameters[ParameterNames.PctWeight]);
        Assert.Equal(5m, T("univ-operation").Parameters[ParameterNames.IpStaffMin]);
        Assert.Equal(15_000_000m, T("univ-operation").Parameters[ParameterNames.AvgConversionAmountMoreThanCny]);
        Assert.Equal(10_000_000m, T("gi-brand").Parameters[ParameterNames.GiSalesHandicraftMinCny]);
    }

    [Fact]
    public void Rehearsal_has_the_same_rules_and_reference_date_but_far_deadlines()
    {
        var rehearsal = ShippedCalls.Rehearsal2022();
        Assert.Equal("2022-rehearsal", rehearsal.Id);
        Assert.True(rehearsal.Rehearsal);
        Assert.Equal(Call.ReferenceDate, rehearsal.ReferenceDate);
        Assert.Equal(Call.LastYear, rehearsal.LastYear);
        Assert.All(rehearsal.Tracks, t => Assert.Equal(new DateOnly(2099, 12, 31), t.OnlineDeadline));
        Assert.Equal(Call.Tracks.Select(t => t.Parameters.Count), rehearsal.Tracks.Select(t => t.Parameters.Count));
        Assert.Equal(Call.Tracks.Select(t => t.Quota), rehearsal.Tracks.Select(t => t.Quota));
        Assert.Empty(CallValidator.Validate(rehearsal));
        var doc = IndustrialBrand() with { CallId = rehearsal.Id };
        Assert.Equal(EligibilityOutcome.Eligible, EligibilityEngine.Assess(doc, rehearsal, EligibilityHistory.Empty).Outcome);
    }
}

public class CallValidatorTests
{
    private static CallDocument ChangeTrack(string id, Func<TrackDefinition, TrackDefinition> change) =>
        Call with { Tracks = [.. Call.Tracks.Select(t => t.Id == id ? change(t) : t)] };

    [Fact]
    public void Shipped_2022_call_is_valid() => Assert.Empty(CallValidator.Validate(Call));

    [Fact]
    public void Missing_parameter_is_reported_with_its_path_and_the_engine_refuses_the_call_loudly()
    {
        var call = ChangeTrack("hvp-new", t => t with
        {
            Parameters = t.Parameters.Where(p => p.Key != ParameterNames.PctWeight).ToDictionary(p => p.Key, p => p.Value),
        });
        var errors = CallValidator.Validate(call);
        Assert.Contains("tracks[3].parameters.pctWeight", errors.Keys);
        var ex = Assert.Throws<InvalidOperationException>(() => EligibilityEngine.Assess(HvpEnterprise(), call, EligibilityHistory.Empty));
        Assert.Contains("pctWeight", ex.Message);
    }

    [Fact]
    public void Bad_parameter_values_and_unknown_names_are_reported()
    {
        var call = ChangeTrack("industrial-brand", t => t with
        {
            Parameters = new Dictionary<string, decimal>(t.Parameters) { [ParameterNames.RdShareOfSalesMin] = 3m, ["rdShareOfSaleMin"] = 0.03m },
        });
        var errors = CallValidator.Validate(call);
        Assert.Contains("tracks[2].parameters.rdShareOfSalesMin", errors.Keys);
        Assert.Contains("tracks[2].parameters.rdShareOfSaleMin", errors.Keys);
    }

    [Fact]
    public void Tranche_shares_must_sum_to_one()
    {
        var call = ChangeTrack("gi-brand", t => t with { Tranches = [new TranchePlanItem("start-up", 0.5m, "Approval"), new TranchePlanItem("rest", 0.4m, "MidTermPassed")] });
        var errors = CallValidator.Validate(call);
        Assert.Contains("0.9", Assert.Single(errors["tracks[1].tranches"]));
    }

    [Fact]
    public void Quota_rules_are_checked()
    {
        var unordered = ChangeTrack("hvp-new", t => t with { Quota = t.Quota with { Bands = [new QuotaBand(2000, 4), new QuotaBand(5000, 5), new QuotaBand(-1, 3)] } });
        Assert.Contains("tracks[3].quota.bands", CallValidator.Validate(unordered).Keys);
        var noFloor = ChangeTrack("hvp-new", t => t with { Quota = t.Quota with { Bands = [new QuotaBand(10000, 6), new QuotaBand(0, 3)] } });
        Assert.Contains("tracks[3].quota.bands", CallValidator.Validate(noFloor).Keys);
        var perCity = ChangeTrack("industrial-brand", t => t with { Quota = new QuotaRule { Kind = QuotaKind.PerCity } });
        Assert.Contains("tracks[2].quota.perCity", CallValidator.Validate(perCity).Keys);
    }

    [Fact]
    public void Tracks_without_rules_and_duplicate_tracks_are_rejected()
    {
        var call = Call with { Tracks = [.. Call.Tracks, Call.Tracks[0] with { Id = "space-patents" }, Call.Tracks[1]] };
        var errors = CallValidator.Validate(call);
        Assert.Contains("No eligibility rules", string.Join(" ", errors["tracks[7].id"]));
        Assert.Contains("more than once", string.Join(" ", errors["tracks[8].id"]));
    }
}

// Next year's call is data: the same engine applies whatever figures the call carries.
public class NextYearCallTests
{
    private static CallDocument Call2023() => Call with
    {
        Id = "2023",
        TitleZh = "关于组织申报2023年度省知识产权战略推进计划项目的通知",
        IssuedOn = new DateOnly(2022, 12, 20),
        ReferenceDate = new DateOnly(2022, 12, 20),
        LastYear = 2022,
        // Every deadline moves with the online day: the validator refuses a minute off that day or a paper deadline before it.
        Tracks = [.. Call.Tracks.Select(t => t.Id != "industrial-brand"
            ? t with { OnlineDeadline = new DateOnly(2023, 1, 31), OnlineDeadlineAt = null, PaperDeadlineAt = null, SummaryTableDeadlineAt = null }
            : t with
            {
                OnlineDeadline = new DateOnly(2023, 1, 31),
                OnlineDeadlineAt = LocalMinute.EndOf(new DateOnly(2023, 1, 31)),
                PaperDeadlineAt = new LocalMinute(new DateOnly(2023, 2, 5), 17, 0),
                SummaryTableDeadlineAt = new LocalMinute(new DateOnly(2023, 2, 10), 17, 0),
                Parameters = new Dictionary<string, decimal>(t.Parameters) { [ParameterNames.RdShareOfSalesMin] = 0.04m, [ParameterNames.ProfitTaxMinCny] = 30_000_000m },
                Quota = new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 4 },
            })],
    };

    [Fact]
    public void The_2023_call_is_publishable() => Assert.Empty(CallValidator.Validate(Call2023()));

    [Fact]
    public void New_thresholds_and_last_year_apply_without_code_change()
    {
        // 2022 figures: R&D 3.5 % of sales, profit plus tax 25 million: enough in 2022's rules, not in 2023's.
        var figures = new YearFigures { SalesCny = 800_000_000m, RdCny = 28_000_000m, IpCostCny = 2_000_000m, ProfitTaxCny = 25_000_000m };
        var doc2022 = IndustrialBrand().WithFacts(f => f with { Years = [figures with { Year = 2021 }] });
        var doc2023 = (doc2022 with { CallId = "2023" }).WithFacts(f => f with { Years = [figures with { Year = 2022 }] });

        Assert.Equal(EligibilityOutcome.Eligible, Assess(doc2022).Outcome);
        var result = EligibilityEngine.Assess(doc2023, Call2023(), EligibilityHistory.Empty);
        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        Assert.Equal(RuleResult.Fail, result.Rule("IB-RD").Result);
        Assert.Contains("4.00 %", result.Rule("IB-RD").MessageEn);
        Assert.Contains("2022", result.Rule("IB-RD").MessageEn);
        Assert.Equal(RuleResult.Fail, result.Rule("IB-PROFIT-TAX").Result);
        Assert.Contains("30,000,000", result.Rule("IB-PROFIT-TAX").MessageEn);

        // 2021 figures no longer count as "last year" in 2023.
        Assert.Equal(RuleResult.Unknown, EligibilityEngine.Assess(doc2022, Call2023(), EligibilityHistory.Empty).Rule("IB-RD").Result);
    }

    [Fact]
    public void Reference_date_moves_the_time_based_rules()
    {
        // Registered 2019-06-01: 2.6 years before 2021-12-24, 3.5 years before 2022-12-20.
        var doc = Gi().WithFacts(f => f with { Gi = f.Gi! with { RegisteredOn = new DateOnly(2019, 6, 1) } });
        Assert.Equal(RuleResult.Fail, Assess(doc).Rule("GI-AGE").Result);
        Assert.Equal(RuleResult.Pass, EligibilityEngine.Assess(doc with { CallId = "2023" }, Call2023(), EligibilityHistory.Empty).Rule("GI-AGE").Result);
    }
}

public class CallDiffTests
{
    [Fact]
    public void Same_content_in_another_parameter_order_is_the_same_call()
    {
        var reordered = Call with
        {
            Tracks = [.. Call.Tracks.Select(t => t with { Parameters = t.Parameters.Reverse().ToDictionary(p => p.Key, p => p.Value) })],
        };
        Assert.True(CallDiff.SameContent(Call, reordered));
        Assert.Empty(CallDiff.Between(Call, reordered));
    }

    [Fact]
    public void Changes_are_listed_field_by_field_with_tracks_matched_by_id()
    {
        var next = Call with
        {
            Id = "2023",
            LastYear = 2022,
            Tracks = [.. Call.Tracks.Where(t => t.Id != "gi-brand").Select(t => t.Id == "hvp-new"
                ? t with { Parameters = new Dictionary<string, decimal>(t.Parameters) { [ParameterNames.PctWeight] = 3m } }
                : t)],
        };
        var changes = CallDiff.Between(Call, next);
        Assert.Equal(["id", "lastYear", "tracks[gi-brand]", "tracks[hvp-new].parameters.pctWeight"], changes.Select(c => c.Path));
        var pct = changes.Single(c => c.Path.EndsWith("pctWeight", StringComparison.Ordinal));
        Assert.Equal(2m, pct.Before!.GetValue<decimal>());
        Assert.Equal(3m, pct.After!.GetValue<decimal>());
        var removed = changes.Single(c => c.Path == "tracks[gi-brand]");
        Assert.NotNull(removed.Before);
        Assert.Null(removed.After);
    }
}
