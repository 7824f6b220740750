using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Routing.Recommendations;
using IpPlatform.Security;
using IpPlatform.Testing;
using static IpPlatform.Routing.Tests.Samples;

namespace IpPlatform.Routing.Tests;

public sealed class RecommendationTests
{
    static readonly QuotaUsage Room = new(0, new QuotaLimit(5));

    static Recommendation Assessed(EligibilityOutcome outcome = EligibilityOutcome.Eligible, string track = "industrial-brand")
    {
        var submitted = Submitted(track: track);
        var recommendation = Recommendation.Open(submitted, RulesOf(track));
        recommendation.RecordEligibility(Samples.Assessed(submitted.ApplicationId, outcome, track));
        return recommendation;
    }

    static Recommendation AtCity(EligibilityOutcome outcome = EligibilityOutcome.Eligible, string track = "industrial-brand")
    {
        var recommendation = Assessed(outcome, track);
        recommendation.Recommend(AsCounty(Kunshan), "同意推荐", Room, Now);
        return recommendation;
    }

    static void AssertRefused(string code, Action act) => Assert.Equal(code, Assert.Throws<BusinessRuleException>(act).Code);
    static void AssertForbidden(string code, Action act) => Assert.Equal(code, Assert.Throws<ActRefusedException>(act).Code);

    // Spec §3 as the 2022 call states it. gi-brand and protection-zone used to start at the county office here,
    // which sent county governments and parks to an office the spec never names for them.
    [Theory]
    [InlineData("industrial-brand", ApplicantKind.Enterprise, "320583", null, OfficeLevel.County)]
    [InlineData("industrial-brand", ApplicantKind.Enterprise, "320500", null, OfficeLevel.City)] // registered at the city: no county office
    [InlineData("hvp-new", ApplicantKind.Enterprise, "320102", null, OfficeLevel.County)]
    [InlineData("hvp-new", ApplicantKind.University, "320102", null, OfficeLevel.County)]
    [InlineData("hvp-new", ApplicantKind.University, "320102", false, OfficeLevel.County)]
    [InlineData("hvp-new", ApplicantKind.University, "320102", true, OfficeLevel.City)]
    [InlineData("hvp-new", ApplicantKind.KeyLaboratory, "320102", true, OfficeLevel.City)]
    [InlineData("hvp-new", ApplicantKind.Enterprise, "320102", true, OfficeLevel.County)] // the exemption is for universities and institutes
    [InlineData("hvp-upgrade", ApplicantKind.ResearchInstitute, "320102", true, OfficeLevel.City)]
    [InlineData("hvp-upgrade", ApplicantKind.Enterprise, "320583", null, OfficeLevel.County)]
    [InlineData("protection-zone", ApplicantKind.CountyGovernment, "320583", null, OfficeLevel.City)]
    [InlineData("protection-zone", ApplicantKind.ParkCommittee, "320583", null, OfficeLevel.City)]
    [InlineData("protection-zone", ApplicantKind.CityGovernment, "320500", null, OfficeLevel.Province)]
    [InlineData("gi-brand", ApplicantKind.CountyGovernment, "321283", null, OfficeLevel.City)]
    [InlineData("gi-brand", ApplicantKind.CityGovernment, "321200", null, OfficeLevel.City)]
    [InlineData("univ-operation", ApplicantKind.University, "320102", null, OfficeLevel.City)]
    [InlineData("univ-operation", ApplicantKind.ResearchInstitute, "320583", null, OfficeLevel.City)]
    [InlineData("industry-center", ApplicantKind.ParkCommittee, "320583", null, OfficeLevel.City)]
    public void A_submitted_application_starts_at_the_first_office_the_2022_call_gives_its_track_and_kind(
        string track, ApplicantKind kind, string region, bool? provincial, OfficeLevel first)
    {
        var rules = Call2022.FindTrack(track)!.Routing;

        var recommendation = Recommendation.Open(Submitted(track: track, kind: kind, region: region, provincialOrMinisterial: provincial), rules);

        Assert.Equal(first, recommendation.CurrentLevel);
        Assert.Equal(first == OfficeLevel.Province ? RecommendationStatus.ForwardedToProvince : RecommendationStatus.AtOffice, recommendation.Status);
        Assert.Equal(region[..4] + "00", recommendation.CityCode);
    }

    [Fact]
    public void Every_admitted_kind_of_every_2022_track_has_a_first_office_and_the_protection_zone_city_opinion_is_the_city_governments()
    {
        foreach (var track in Call2022.Tracks)
        foreach (var kind in track.AdmittedKinds)
        {
            var region = kind == ApplicantKind.CityGovernment ? Suzhou : Kunshan;
            var recommendation = Recommendation.Open(Submitted(track: track.Id, kind: kind, region: region), track.Routing);
            // Nobody starts below the office of their own division, and only a city government may skip the city.
            Assert.True(recommendation.CurrentLevel != OfficeLevel.Province || kind == ApplicantKind.CityGovernment, $"{track.Id} {kind}");
            Assert.Equal(track.Id == "protection-zone" ? CityOpinionGiver.CityGovernment : CityOpinionGiver.CityOffice, recommendation.CityOpinionBy);
        }
    }

    /// <summary>A call whose rules differ from 2022's in every respect the code used to hard-wire.</summary>
    static readonly RoutingRules Different = new()
    {
        FirstOffice =
        [
            new FirstOfficeRule(ApplicantKind.Enterprise, OfficeLevel.City) { ProvincialOrMinisterial = null },
            new FirstOfficeRule(ApplicantKind.University, OfficeLevel.Province),
            new FirstOfficeRule(ApplicantKind.CityGovernment, OfficeLevel.County),
        ],
        CityOpinionBy = CityOpinionGiver.CityGovernment,
    };

    [Theory]
    [InlineData(ApplicantKind.Enterprise, "320583", OfficeLevel.City)]        // 2022: county
    [InlineData(ApplicantKind.University, "320102", OfficeLevel.Province)]    // 2022: county (or city)
    [InlineData(ApplicantKind.ResearchInstitute, "320102", OfficeLevel.County)] // no rule: the county
    [InlineData(ApplicantKind.CityGovernment, "320500", OfficeLevel.City)]    // a county rule, but a city has no county office
    public void The_path_is_the_calls_data_not_code(ApplicantKind kind, string region, OfficeLevel first)
    {
        var recommendation = Recommendation.Open(Submitted(track: "industrial-brand", kind: kind, region: region), Different);
        Assert.Equal(first, recommendation.CurrentLevel);
    }

    [Fact]
    public void A_call_can_give_the_city_opinion_to_the_city_government_on_any_track()
    {
        var recommendation = Recommendation.Open(Submitted(track: "industrial-brand", kind: ApplicantKind.Enterprise, region: Suzhou), Different);
        recommendation.RecordEligibility(Samples.Assessed(recommendation.ApplicationId, EligibilityOutcome.Eligible));

        AssertForbidden("wrong-office", () => recommendation.Recommend(AsCity(Suzhou), "同意", Room, Now));
        recommendation.Recommend(AsCityGovernment(Suzhou), "市政府同意", Room, Now);
        Assert.Equal(RecommendationStatus.ForwardedToProvince, recommendation.Status);
    }

    [Fact]
    public void A_case_whose_first_office_is_the_province_is_forwarded_at_submission_and_closed_to_every_office()
    {
        var submitted = Submitted(track: "protection-zone", kind: ApplicantKind.CityGovernment, region: Suzhou) with { By = As(TestAccounts.Applicant("11320500MB0000000X")) };
        var recommendation = Recommendation.Placeholder(submitted);

        var forwarded = recommendation.AttachSubmission(submitted, RulesOf("protection-zone"));

        Assert.NotNull(forwarded);
        Assert.Equal((submitted.ApplicationId, "protection-zone", Suzhou, submitted.SubmittedAt), (forwarded.ApplicationId, forwarded.TrackId, forwarded.CityRegionCode, forwarded.ForwardedAt));
        Assert.Equal(submitted.By, forwarded.By);
        Assert.False(recommendation.ForwardedByCity);
        Assert.Equal(["Submitted", "ForwardedToProvince"], recommendation.History.Select(h => h.What));
        recommendation.RecordEligibility(Samples.Assessed(submitted.ApplicationId, EligibilityOutcome.Eligible, "protection-zone"));
        AssertRefused("case-closed", () => recommendation.Recommend(AsCityGovernment(Suzhou), "同意", Room, Now));
        AssertRefused("case-closed", () => recommendation.Return(AsCityGovernment(Suzhou), "退回", Now));
    }

    [Fact]
    public void A_case_that_starts_at_an_office_announces_nothing()
    {
        var submitted = Submitted();
        Assert.Null(Recommendation.Placeholder(submitted).AttachSubmission(submitted, RulesOf("industrial-brand")));
    }

    [Fact]
    public void A_county_recommendation_moves_the_case_to_the_city_office()
    {
        var recommendation = Assessed();

        var recommended = recommendation.Recommend(AsCounty(Kunshan), "同意推荐", Room, Now);

        Assert.Equal(OfficeLevel.City, recommendation.CurrentLevel);
        Assert.Equal(RecommendationStatus.AtOffice, recommendation.Status);
        Assert.Equal(OfficeLevel.County, recommended.Level);
        Assert.Equal(Kunshan, recommended.OfficeRegionCode);
    }

    [Fact]
    public void A_city_recommendation_forwards_the_case_to_the_province()
    {
        var recommendation = AtCity();

        var recommended = recommendation.Recommend(AsCity(Suzhou), "推荐至省局", Room, Now);

        Assert.Equal(RecommendationStatus.ForwardedToProvince, recommendation.Status);
        Assert.Equal(Now.UtcDateTime, recommendation.ForwardedAtUtc);
        Assert.Equal(OfficeLevel.City, recommended.Level);
        Assert.Equal("推荐至省局", recommended.Opinion);
    }

    [Theory]
    [InlineData("320582")] // another county of Suzhou
    [InlineData("320102")] // a county of Nanjing
    public void Only_the_applicants_own_county_office_may_act(string office)
    {
        var recommendation = Assessed();
        AssertForbidden("outside-jurisdiction", () => recommendation.Recommend(AsCounty(office), "同意", Room, Now));
        AssertForbidden("outside-jurisdiction", () => recommendation.Return(AsCounty(office), "材料不全", Now));
        Assert.Equal(["Submitted", "EligibilityAssessed"], recommendation.History.Select(h => h.What));
    }

    [Fact]
    public void Only_the_applicants_own_city_office_may_act_at_the_city()
    {
        var recommendation = AtCity();
        AssertForbidden("outside-jurisdiction", () => recommendation.Recommend(AsCity(Nanjing), "同意", Room, Now));
        AssertForbidden("outside-jurisdiction", () => recommendation.Recommend(AsCounty("320582"), "同意", Room, Now));
        Assert.Equal(RecommendationStatus.AtOffice, recommendation.Status);
    }

    [Fact]
    public void The_city_office_cannot_act_before_the_county_office()
    {
        var recommendation = Assessed();
        AssertRefused("wrong-level", () => recommendation.Recommend(AsCity(Suzhou), "同意", Room, Now));
        Assert.Equal(OfficeLevel.County, recommendation.CurrentLevel);
    }

    [Fact]
    public void The_county_office_cannot_act_again_once_the_case_is_with_the_city()
    {
        var recommendation = AtCity();
        AssertRefused("wrong-level", () => recommendation.Return(AsCounty(Kunshan), "撤回", Now));
    }

    [Fact]
    public void An_ineligible_application_cannot_be_recommended()
    {
        var recommendation = Assessed(EligibilityOutcome.Ineligible);
        AssertRefused("ineligible", () => recommendation.Recommend(AsCounty(Kunshan), "同意", Room, Now));
        Assert.Equal(OfficeLevel.County, recommendation.CurrentLevel);
    }

    [Fact]
    public void An_ineligible_application_can_still_be_returned()
    {
        var recommendation = Assessed(EligibilityOutcome.Ineligible);
        recommendation.Return(AsCounty(Kunshan), "不符合申报条件", Now);
        Assert.Equal(RecommendationStatus.Returned, recommendation.Status);
    }

    [Fact]
    public void An_application_not_yet_assessed_cannot_be_recommended()
    {
        var recommendation = Recommendation.Open(Submitted());
        AssertRefused("not-assessed", () => recommendation.Recommend(AsCounty(Kunshan), "同意", Room, Now));
    }

    [Fact]
    public void Needs_review_may_be_recommended_and_the_audit_records_the_offices_responsibility()
    {
        var recommendation = Assessed(EligibilityOutcome.NeedsReview);

        recommendation.Recommend(AsCounty(Kunshan), "经核实同意推荐", Room, Now);

        var step = recommendation.History.Last();
        Assert.Equal("Recommended", step.What);
        Assert.Contains("经核实同意推荐", step.Note);
        Assert.Contains("NeedsReview", step.Note);
    }

    [Fact]
    public void A_returned_case_is_closed()
    {
        var recommendation = Assessed();
        var returned = recommendation.Return(AsCounty(Kunshan), "材料不全", Now);

        Assert.Equal("材料不全", returned.Reason);
        AssertRefused("case-closed", () => recommendation.Recommend(AsCounty(Kunshan), "同意", Room, Now));
        AssertRefused("case-closed", () => recommendation.Return(AsCounty(Kunshan), "再次退回", Now));
    }

    [Fact]
    public void A_forwarded_case_is_closed_to_the_offices()
    {
        var recommendation = AtCity();
        recommendation.Recommend(AsCity(Suzhou), "同意", Room, Now);
        AssertRefused("case-closed", () => recommendation.Return(AsCity(Suzhou), "撤回", Now));
    }

    [Fact]
    public void The_city_cannot_recommend_beyond_a_fixed_quota()
    {
        var recommendation = AtCity();

        AssertRefused("quota-full", () => recommendation.Recommend(AsCity(Suzhou), "同意", new QuotaUsage(5, new QuotaLimit(5)), Now));
        Assert.Equal(RecommendationStatus.AtOffice, recommendation.Status);
        recommendation.Recommend(AsCity(Suzhou), "同意", new QuotaUsage(4, new QuotaLimit(5)), Now);
        Assert.Equal(RecommendationStatus.ForwardedToProvince, recommendation.Status);
    }

    [Fact]
    public void The_county_recommendation_does_not_use_the_city_quota()
    {
        var recommendation = Assessed();
        recommendation.Recommend(AsCounty(Kunshan), "同意", new QuotaUsage(5, new QuotaLimit(5)), Now);
        Assert.Equal(OfficeLevel.City, recommendation.CurrentLevel);
    }

    [Theory]
    [InlineData(12000, false, 5, true)]   // band 6: a 6th is allowed
    [InlineData(12000, false, 6, false)]
    [InlineData(3000, false, 3, true)]    // band 4
    [InlineData(3000, false, 4, false)]
    [InlineData(3000, true, 4, true)]     // band 4 + incentive bonus 1
    [InlineData(3000, true, 5, false)]
    [InlineData(100, false, 3, false)]    // lowest band 3
    public void The_city_quota_by_invention_grants_follows_the_bands_and_the_incentive_bonus(int grants, bool incentive, int used, bool allowed)
    {
        var recommendation = AtCity(track: "hvp-new");
        var figures = new CityFigures(CallId, Suzhou, grants, incentive, DateTime.UtcNow);
        var usage = new QuotaUsage(used, QuotaLimit.Of(HvpBands, figures));

        void Act() => recommendation.Recommend(AsCity(Suzhou), "同意", usage, Now);

        if (allowed)
        {
            Act();
            Assert.Equal(RecommendationStatus.ForwardedToProvince, recommendation.Status);
        }
        else AssertRefused("quota-full", Act);
    }

    [Fact]
    public void A_banded_track_without_city_figures_is_refused_at_the_city()
    {
        var recommendation = AtCity(track: "hvp-new");
        AssertRefused("city-figures-missing",
            () => recommendation.Recommend(AsCity(Suzhou), "同意", new QuotaUsage(0, QuotaLimit.Of(HvpBands, null)), Now));
    }

    [Fact]
    public void An_unlimited_track_never_runs_out()
    {
        var recommendation = AtCity(track: "hvp-upgrade");
        recommendation.Recommend(AsCity(Suzhou), "同意", new QuotaUsage(500, QuotaLimit.Of(new QuotaRule { Kind = QuotaKind.Unlimited }, null)), Now);
        Assert.Equal(RecommendationStatus.ForwardedToProvince, recommendation.Status);
    }

    [Fact]
    public void An_assessment_that_overtakes_the_submission_is_kept_until_it_arrives()
    {
        var submitted = Submitted();
        var recommendation = Recommendation.AwaitingSubmission(Samples.Assessed(submitted.ApplicationId, EligibilityOutcome.Eligible));
        AssertRefused("not-submitted", () => recommendation.Recommend(AsCounty(Kunshan), "同意", Room, Now));

        recommendation.AttachSubmission(submitted);

        Assert.Equal(EligibilityOutcome.Eligible, recommendation.Eligibility);
        Assert.Equal(Kunshan, recommendation.RegionCode);
        recommendation.Recommend(AsCounty(Kunshan), "同意", Room, Now);
        Assert.Equal(OfficeLevel.City, recommendation.CurrentLevel);
    }

    [Fact]
    public void The_event_and_the_history_name_the_account_that_acted()
    {
        var recommendation = Assessed();

        var recommended = recommendation.Recommend(AsCounty(Kunshan), "同意推荐", Room, Now);

        Assert.Equal(AsCounty(Kunshan), recommended.By);
        var step = recommendation.History.Last();
        Assert.Equal(("Recommended", "County 320583"), (step.What, step.Office));
        Assert.Equal(("county-320583", PlatformRoles.CountyOffice, Kunshan), (step.ByName, step.ByRole, step.ByOffice));

        var returned = recommendation.Return(AsCity(Suzhou), "材料不全", Now);
        Assert.Equal(AsCity(Suzhou), returned.By);
        Assert.Equal((OfficeLevel.City, Suzhou), (returned.Level, returned.OfficeRegionCode));
        Assert.Equal(("city-320500", PlatformRoles.CityOffice), (recommendation.History.Last().ByName, recommendation.History.Last().ByRole));
    }

    [Fact]
    public void The_history_says_the_applicant_submitted_and_the_platform_assessed()
    {
        var applicant = As(TestAccounts.Applicant("91320583MA1P2K3L4X"));
        var submitted = Submitted() with { By = applicant };
        var recommendation = Recommendation.Open(submitted);
        recommendation.RecordEligibility(Samples.Assessed(submitted.ApplicationId, EligibilityOutcome.Eligible));

        Assert.Equal([(applicant.Name, PlatformRoles.Applicant), ("platform", "system")],
            recommendation.History.Select(h => (h.ByName, h.ByRole)));
    }

    [Fact]
    public void On_protection_zone_the_city_government_not_the_city_office_gives_the_city_opinion()
    {
        var recommendation = AtCity(track: "protection-zone");

        AssertForbidden("wrong-office", () => recommendation.Recommend(AsCity(Suzhou), "同意", Room, Now));
        AssertForbidden("wrong-office", () => recommendation.Return(AsCity(Suzhou), "退回", Now));
        AssertForbidden("outside-jurisdiction", () => recommendation.Recommend(AsCityGovernment(Nanjing), "同意", Room, Now));
        Assert.Equal(RecommendationStatus.AtOffice, recommendation.Status);

        var recommended = recommendation.Recommend(AsCityGovernment(Suzhou), "市政府同意推荐", Room, Now);

        Assert.Equal(RecommendationStatus.ForwardedToProvince, recommendation.Status);
        Assert.Equal((OfficeLevel.City, Suzhou, PlatformRoles.CityGovernment), (recommended.Level, recommended.OfficeRegionCode, recommended.By?.Role));
    }

    [Fact]
    public void On_other_tracks_the_city_government_does_not_act()
    {
        var recommendation = AtCity();
        AssertForbidden("wrong-office", () => recommendation.Recommend(AsCityGovernment(Suzhou), "同意", Room, Now));
        Assert.Equal(RecommendationStatus.AtOffice, recommendation.Status);
    }

    [Theory]
    [InlineData(PlatformRoles.Province)]
    [InlineData(PlatformRoles.Admin)]
    [InlineData(PlatformRoles.Expert)]
    [InlineData(PlatformRoles.Applicant)]
    public void Accounts_that_are_no_recommending_office_do_not_act(string role)
    {
        var recommendation = Assessed();
        var actor = new IpPlatform.Contracts.Actors.Actor("someone", "someone", role, Kunshan);
        AssertForbidden("wrong-office", () => recommendation.Recommend(actor, "同意", Room, Now));
        AssertForbidden("wrong-office", () => recommendation.Return(actor, "退回", Now));
    }

    [Fact]
    public void An_office_outside_the_jurisdiction_learns_nothing_of_the_cases_state()
    {
        var recommendation = Assessed();
        recommendation.Return(AsCounty(Kunshan), "材料不全", Now);

        // Its own office hears the case is closed; another office only that it is not its case.
        AssertRefused("case-closed", () => recommendation.Recommend(AsCounty(Kunshan), "同意", Room, Now));
        AssertForbidden("outside-jurisdiction", () => recommendation.Recommend(AsCounty("320582"), "同意", Room, Now));
    }

    public static TheoryData<TestAccount, bool> Readers => new()
    {
        { TestAccounts.County(Kunshan), true },
        { TestAccounts.County("320582"), false },
        { TestAccounts.City(Suzhou), true },
        { TestAccounts.CityGovernment(Suzhou), true },
        { TestAccounts.City(Nanjing), false },
        { TestAccounts.CityGovernment(Nanjing), false },
        { TestAccounts.Province, true },
        { TestAccounts.Admin, true },
        { TestAccounts.Expert(), true },
        { TestAccounts.Finance, true },
        { TestAccounts.Agency, true },
        { TestAccounts.Applicant("91320583MA1P2K3L4X"), false },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_case_is_read_by_its_offices_and_the_provincial_roles(TestAccount reader, bool readable)
    {
        Assert.Equal(readable, Assessed().CanBeReadBy(As(reader)));
    }

    public static TheoryData<TestAccount, bool> SummaryReaders => new()
    {
        { TestAccounts.City(Suzhou), true },
        { TestAccounts.CityGovernment(Suzhou), true },
        { TestAccounts.City(Nanjing), false },
        { TestAccounts.CityGovernment(Nanjing), false },
        { TestAccounts.County(Kunshan), false },
        { TestAccounts.Province, true },
        { TestAccounts.Admin, true },
        { TestAccounts.Agency, true },
        { TestAccounts.Expert(), false },
        { TestAccounts.Finance, false },
    };

    [Theory]
    [MemberData(nameof(SummaryReaders))]
    public void A_citys_summary_is_read_by_that_city_and_the_province(TestAccount reader, bool readable)
    {
        void Read() => CitySummary.EnsureReadableBy(As(reader), Suzhou);
        if (readable) Read();
        else AssertForbidden("outside-jurisdiction", Read);
    }
}
