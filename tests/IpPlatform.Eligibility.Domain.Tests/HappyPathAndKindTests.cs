using IpPlatform.Contracts.Applications;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

public class HappyPathAndKindTests
{
    public static TheoryData<string> CompleteNames() => [.. AllComplete().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CompleteNames))]
    public void Complete_document_is_eligible_with_every_rule_passing(string name)
    {
        var (_, doc, history) = AllComplete().Single(c => c.Name == name);
        var result = Assess(doc, history);
        Assert.True(result.Outcome == EligibilityOutcome.Eligible,
            string.Join("\n", result.Findings.Where(f => f.Result != RuleResult.Pass).Select(f => f.MessageEn)));
        Assert.Equal(RuleResult.Pass, result.Rule("APPLICANT-KIND").Result);
        Assert.All(result.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.MessageZh)));
    }

    [Theory]
    [InlineData("pz-city", new[] { "APPLICANT-KIND", "PZ-CITY-RECOGNITION", "PZ-CITY-PROTECTION-CENTER", "PZ-CITY-INSPECTION" })]
    [InlineData("gi", new[] { "APPLICANT-KIND", "GI-AGE", "GI-SUPPORT", "GI-SALES", "GI-NO-INCIDENTS", "GI-NOT-ONGOING", "GI-UNIQUE" })]
    [InlineData("industrial-brand", new[] { "APPLICANT-KIND", "IB-INDUSTRY", "IB-LEADING", "IB-PROFIT-TAX", "IB-IP-SYSTEM", "IB-IP-COST",
        "IB-TRADEMARK", "IB-MARKET", "IB-RD", "IB-INVENTION", "IB-INTEGRITY", "IB-NOT-UNDERTAKING" })]
    [InlineData("hvp-enterprise", new[] { "APPLICANT-KIND", "HVPN-ENT-LEADING", "HVPN-ENT-RD", "HVPN-ENT-IP-COST", "HVPN-ENT-PROFIT-TAX",
        "HVPN-ENT-IP-SYSTEM", "HVPN-PATENTS", "HVPN-INTEGRITY", "HVPN-NOT-PREVIOUS-LEAD", "HVPN-NO-OPEN-STRATEGY" })]
    [InlineData("hvp-university", new[] { "APPLICANT-KIND", "HVPN-INST-LEADING", "HVPN-INST-FUNDING", "HVPN-INST-IP-STAFF", "HVPN-PATENTS",
        "HVPN-INTEGRITY", "HVPN-NOT-PREVIOUS-LEAD", "HVPN-NO-OPEN-STRATEGY" })]
    [InlineData("hvp-upgrade", new[] { "APPLICANT-KIND", "HVPU-ACCEPTED", "HVPU-PROJECT", "HVPU-STANDING", "HVPU-INTEGRITY" })]
    [InlineData("univ-operation", new[] { "APPLICANT-KIND", "UO-STAFF", "UO-OUTPUT", "UO-CONVERSION" })]
    [InlineData("industry-center", new[] { "APPLICANT-KIND", "IC-PARK", "IC-CHAIN", "IC-ENTERPRISES", "IC-MANAGEMENT" })]
    public void Each_track_reports_exactly_its_rules_in_order(string name, string[] ruleIds)
    {
        var (_, doc, history) = AllComplete().Single(c => c.Name == name);
        Assert.Equal(ruleIds, Assess(doc, history).Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void County_and_park_of_protection_zone_get_their_own_rules_and_the_hierarchy_rule()
    {
        Assert.Equal(["APPLICANT-KIND", "PZ-COUNTY-STATUS", "PZ-COUNTY-ANY-OF", "PZ-HIERARCHY"], Assess(PzCounty()).Findings.Select(f => f.RuleId));
        Assert.Equal(["APPLICANT-KIND", "PZ-PARK-NATIONAL", "PZ-PARK-IP-AUTHORITY", "PZ-PARK-RANK", "PZ-PARK-PILOT", "PZ-HIERARCHY"],
            Assess(PzPark()).Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Kind_not_admitted_fails_and_kind_specific_rules_are_skipped()
    {
        var result = Assess(PzCity().WithKind(ApplicantKind.Enterprise));
        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        var kind = result.Rule("APPLICANT-KIND");
        Assert.Equal(RuleResult.Fail, kind.Result);
        Assert.Contains("Enterprise", kind.MessageEn);
        Assert.Contains("CityGovernment", kind.MessageEn);
        Assert.Single(result.Findings);
    }

    [Fact]
    public void Kind_not_admitted_still_reports_kind_independent_rules()
    {
        var result = Assess(IndustrialBrand().WithKind(ApplicantKind.University));
        Assert.Equal(RuleResult.Fail, result.Rule("APPLICANT-KIND").Result);
        Assert.Equal(RuleResult.Pass, result.Rule("IB-RD").Result);
        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
    }

    [Fact]
    public void Missing_kind_is_unknown_and_needs_review()
    {
        var result = Assess(UnivOperation().WithKind(null));
        Assert.Equal(RuleResult.Unknown, result.Rule("APPLICANT-KIND").Result);
        Assert.Contains("applicant.kind", result.Rule("APPLICANT-KIND").MessageEn);
        Assert.Equal(EligibilityOutcome.NeedsReview, result.Outcome);
    }

    [Fact]
    public void Key_laboratory_may_apply_for_hvp_new_but_not_for_hvp_upgrade()
    {
        Assert.Equal(RuleResult.Pass, Assess(HvpInstitution(ApplicantKind.KeyLaboratory)).Rule("APPLICANT-KIND").Result);
        Assert.Equal(RuleResult.Fail, Assess(HvpUpgrade().WithKind(ApplicantKind.KeyLaboratory), AcceptedHvp(new(2019, 1, 1)))
            .Rule("APPLICANT-KIND").Result);
    }

    [Fact]
    public void Unknown_track_yields_a_failing_track_finding_not_an_exception()
    {
        var result = Assess(IndustrialBrand() with { Track = "no-such-track" });
        Assert.Equal(EligibilityOutcome.Ineligible, result.Outcome);
        Assert.Equal("TRACK", Assert.Single(result.Findings).RuleId);
    }

    [Fact]
    public void Empty_document_never_throws_and_needs_review_or_fails()
    {
        foreach (var track in Call.Tracks)
        {
            var result = Assess(new ApplicationDocument { Track = track.Id });
            Assert.NotEqual(EligibilityOutcome.Eligible, result.Outcome);
            Assert.Equal(RuleResult.Unknown, result.Rule("APPLICANT-KIND").Result);
        }
    }

    [Fact]
    public void Missing_figures_make_rules_unknown_and_outcome_needs_review()
    {
        var result = Assess(IndustrialBrand().WithFacts(f => f with { Years = null }));
        Assert.Equal(EligibilityOutcome.NeedsReview, result.Outcome);
        foreach (var id in new[] { "IB-RD", "IB-IP-COST", "IB-PROFIT-TAX" })
        {
            Assert.Equal(RuleResult.Unknown, result.Rule(id).Result);
            Assert.Contains("facts.years[year=2021]", result.Rule(id).MessageEn);
        }
    }
}
