using IpPlatform.Contracts.Events;
using IpPlatform.Review.Reviews;
using IpPlatform.Security;
using IpPlatform.Testing;
using static IpPlatform.Contracts.Applications.ApplicantKind;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

public sealed class ReviewCaseTests
{
    static readonly ApplicantSummary Applicant = Unit(Enterprise, "320583", "江苏某某科技股份有限公司");

    /// <summary>A review whose panel scored (80 by one expert unless <paramref name="scores"/> say otherwise) and was closed.</summary>
    static ReviewCase Scored(string track = "industrial-brand", params decimal[] scores)
    {
        if (scores.Length == 0) scores = [80];
        var review = Drawn(track, [.. scores.Select((_, i) => $"expert-{i}")]);
        for (var i = 0; i < scores.Length; i++)
            review.RecordScore(Expert($"expert-{i}"), Sheet, Overall(scores[i]), null, Now);
        review.ClosePanel(Province, DivisionOf(review), Now);
        return review;
    }

    /// <summary>A review with <paramref name="experts"/> seated on its panel.</summary>
    static ReviewCase Drawn(string track = "industrial-brand", params string[] experts)
    {
        var review = ReviewCase.Open(ByCity(Guid.NewGuid(), track));
        review.Seat(Province, DivisionOf(review), Seating(review, experts), Now);
        return review;
    }

    /// <summary>The division the sample call makes responsible for a track.</summary>
    static string? DivisionOf(ReviewCase review) => Call().FindTrack(review.TrackId)?.DivisionZh;

    static void AssertRefused(string code, Action act) => Assert.Equal(code, Assert.Throws<BusinessRuleException>(act).Code);
    static void AssertForbidden(string code, Action act) => Assert.Equal(code, Assert.Throws<ActRefusedException>(act).Code);

    [Fact]
    public void A_county_recommendation_does_not_open_a_review()
    {
        var byCounty = ByCity(Guid.NewGuid()) with { Level = OfficeLevel.County, OfficeRegionCode = "320583" };
        Assert.False(ReviewCase.StartsReview(byCounty));
        Assert.Throws<ArgumentException>(() => ReviewCase.Open(byCounty));
    }

    [Fact]
    public void Approval_publishes_the_applicant_the_amount_and_the_average_score()
    {
        var review = Scored(scores: [80, 91, 86]);

        var decided = Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now);

        Assert.Equal(ReviewStatus.Decided, review.Status);
        Assert.Equal(ProvincialDecision.Approved, decided.Decision);
        Assert.Equal(500_000m, decided.ApprovedAmountCny);
        Assert.Equal(85.67m, decided.AverageScore);
        Assert.Equal(Applicant, decided.Applicant);
        Assert.Equal(review.ApplicationId, decided.ApplicationId);
    }

    [Fact]
    public void Rejection_keeps_its_reason_and_grants_nothing()
    {
        var review = Scored(scores: [55]);
        var decided = Decide(review, Province, DivisionOf(review), ProvincialDecision.Rejected, null, "评审得分较低", Applicant, [], Now);
        Assert.Null(decided.ApprovedAmountCny);
        Assert.Equal("评审得分较低", decided.Reason);
    }

    [Fact]
    public void An_expert_revises_the_score_until_the_panel_closes_and_not_after()
    {
        var review = Drawn(experts: ["张三", "李四"]);
        review.RecordScore(Expert("张三"), Sheet, Overall(80), "基础扎实", Now);

        review.RecordScore(Expert("张三"), Sheet, Overall(85), "改分", Now.AddHours(1));
        review.ClosePanel(Province, DivisionOf(review), Now.AddHours(2));

        var score = Assert.Single(review.Scores);
        Assert.Equal((85m, 1, "改分"), (score.Score, score.Revisions, score.Comment));
        AssertRefused("panel-closed", () => review.RecordScore(Expert("张三"), Sheet, Overall(95), "再改", Now.AddHours(3)));
        AssertRefused("panel-closed", () => review.RecordScore(Expert("李四"), Sheet, Overall(70), null, Now.AddHours(3)));
        Assert.Equal(85m, Assert.Single(review.Scores).Score);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void A_score_is_a_value_from_0_to_100(double score)
    {
        Assert.True(ReviewCase.ValidateScore(Sheet, Overall((decimal)score)).ContainsKey("points.overall"));
        Assert.Throws<ArgumentException>(() => Drawn(experts: "张三").RecordScore(Expert("张三"), Sheet, Overall((decimal)score), null, Now));
    }

    [Fact]
    public void No_decision_without_an_expert_score_nor_on_an_open_panel()
    {
        var review = Drawn(experts: "张三");
        AssertRefused("no-scores", () => review.ClosePanel(Province, DivisionOf(review), Now));
        AssertRefused("no-scores", () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 100_000m, null, Applicant, [], Now));
        review.RecordScore(Expert("张三"), Sheet, Overall(80), null, Now);
        AssertRefused("panel-open", () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 100_000m, null, Applicant, [], Now));
        Assert.Equal(ReviewStatus.InReview, review.Status);
    }

    [Fact]
    public void A_decision_is_final()
    {
        var review = Scored();
        Decide(review, Province, DivisionOf(review), ProvincialDecision.Rejected, null, "不予立项", Applicant, [], Now);

        AssertRefused("already-decided", () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 100_000m, null, Applicant, [], Now));
        AssertRefused("already-decided", () => review.RecordScore(Expert("expert-0"), Sheet, Overall(90), null, Now));
        Assert.Equal(ProvincialDecision.Rejected, review.Decision);
    }

    [Fact]
    public void A_returned_case_can_neither_be_scored_nor_approved()
    {
        var review = Scored();
        var returned = review.Return(Province, DivisionOf(review), " 材料不实 ", Now);

        Assert.Equal(ReviewStatus.Closed, review.Status);
        Assert.Equal(OfficeLevel.Province, returned.Level);
        Assert.Equal("320000", returned.OfficeRegionCode);
        Assert.Equal("材料不实", returned.Reason);
        Assert.Equal(Province.Actor, returned.By);
        AssertRefused("case-closed", () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 100_000m, null, Applicant, [], Now));
        AssertRefused("case-closed", () => review.RecordScore(Expert("expert-0"), Sheet, Overall(90), null, Now));
    }

    [Fact]
    public void A_return_after_the_decision_is_refused_and_the_decision_stands()
    {
        var review = Scored();
        Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 100_000m, null, Applicant, [], Now);
        AssertRefused("already-decided", () => review.Return(Province, DivisionOf(review), "迟到的退回", Now));
        Assert.Equal(ReviewStatus.Decided, review.Status);
    }

    [Theory]
    [InlineData(ProvincialDecision.Approved, null, null, "approvedAmountCny")]
    [InlineData(ProvincialDecision.Approved, 0, null, "approvedAmountCny")]
    [InlineData(ProvincialDecision.Rejected, null, " ", "reason")]
    [InlineData(ProvincialDecision.Rejected, 1000, "不予立项", "approvedAmountCny")]
    [InlineData(null, null, "x", "decision")]
    public void A_decision_needs_an_amount_to_approve_and_a_reason_to_reject(ProvincialDecision? decision, int? amount, string? reason, string field)
    {
        Assert.True(ReviewCase.ValidateDecision(decision, amount, reason).ContainsKey(field));
        // A rejection line of a batch has no amount to give: only the endpoint's input can carry one.
        if (decision is { } d && !(d == ProvincialDecision.Rejected && amount is not null))
            Assert.Throws<ArgumentException>(() => Decide(Scored(), Province, TestAccounts.IndustryDivision, d, amount, reason, Applicant, [], Now));
    }

    [Fact]
    public void The_decision_needs_the_applicant()
    {
        AssertRefused("applicant-unknown", () => Decide(Scored(), Province, TestAccounts.IndustryDivision, ProvincialDecision.Approved, 100_000m, null, null, [], Now));
    }

    [Fact]
    public void A_protection_zone_county_is_not_approved_inside_an_approved_city()
    {
        var review = Scored("protection-zone");
        var kunshan = Unit(CountyGovernment, "320583", "昆山市人民政府");
        var suzhou = Unit(CityGovernment, "320500", "苏州市人民政府");

        AssertRefused("hierarchy-conflict", () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 3_000_000m, null, kunshan, [suzhou], Now));
        Assert.Equal(ReviewStatus.PanelClosed, review.Status);
        // Rejecting it is always possible.
        Decide(review, Province, DivisionOf(review), ProvincialDecision.Rejected, null, "所在设区市已获批", kunshan, [suzhou], Now);
        Assert.Equal(ProvincialDecision.Rejected, review.Decision);
    }

    [Fact]
    public void A_protection_zone_city_is_not_approved_over_an_approved_park_inside_it()
    {
        var review = Scored("protection-zone");
        var suzhou = Unit(CityGovernment, "320500");
        AssertRefused("hierarchy-conflict",
            () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 3_000_000m, null, suzhou, [Unit(CountyGovernment, "320102"), Unit(ParkCommittee, "320583")], Now));
    }

    [Fact]
    public void The_hierarchy_rule_binds_protection_zone_only()
    {
        var review = Scored("gi-brand");
        var decided = Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 500_000m, null, Unit(CountyGovernment, "320583"), [Unit(CityGovernment, "320500")], Now);
        Assert.Equal(ProvincialDecision.Approved, decided.Decision);
    }

    [Fact]
    public void An_expert_scores_under_the_account_name_and_the_event_names_the_expert()
    {
        var review = Drawn(experts: "张三");

        var recorded = review.RecordScore(Expert("张三"), Sheet, Overall(82), "基础扎实", Now);

        Assert.Equal(("张三", 82m), (recorded.Expert, recorded.Score));
        Assert.Equal(Expert("张三"), recorded.By);
        Assert.Equal("张三", Assert.Single(review.Scores).Expert);
    }

    [Fact]
    public void Only_an_expert_scores()
    {
        var review = Drawn(experts: "张三");
        AssertForbidden("not-an-expert", () => review.RecordScore(As(TestAccounts.Province), Sheet, Overall(90), null, Now));
        Assert.Empty(review.Scores);
    }

    [Fact]
    public void The_decision_names_the_province_account_that_took_it()
    {
        var review = Scored();
        var decider = DeciderOf(TestAccounts.IndustryDivision);

        var decided = Decide(review, decider, TestAccounts.IndustryDivision, ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now);

        Assert.Equal(decider.Actor, decided.By);
        Assert.Equal(decider.Actor.Name, review.DecidedBy);
    }

    [Fact]
    public void Another_divisions_account_does_not_decide_and_learns_nothing_of_the_case()
    {
        var review = Scored();
        var protection = DeciderOf(TestAccounts.ProtectionDivision);

        AssertForbidden("other-division", () => Decide(review, protection, TestAccounts.IndustryDivision, ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now));
        Assert.Equal(ReviewStatus.PanelClosed, review.Status);
        Assert.Null(review.Decision);

        Decide(review, DeciderOf(TestAccounts.IndustryDivision), TestAccounts.IndustryDivision, ProvincialDecision.Rejected, null, "不予立项", Applicant, [], Now);
        // Even on a decided case the other division hears only that the case is not its own.
        AssertForbidden("other-division", () => Decide(review, protection, TestAccounts.IndustryDivision, ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_the_tracks_division_nobody_decides_yet(string? division)
    {
        var review = Scored();
        AssertRefused("call-unknown", () => Decide(review, Province, division, ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now));
        Assert.Equal(ReviewStatus.PanelClosed, review.Status);
    }

    [Theory]
    [InlineData(PlatformRoles.Admin)]
    [InlineData(PlatformRoles.Expert)]
    [InlineData(PlatformRoles.CityOffice)]
    public void Only_the_province_decides(string role)
    {
        var review = Scored();
        var decider = new Decider(new IpPlatform.Contracts.Actors.Actor("someone", "someone", role, null), [TestAccounts.IndustryDivision]);
        AssertForbidden("not-the-province", () => Decide(review, decider, TestAccounts.IndustryDivision, ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now));
        Assert.Equal(ReviewStatus.PanelClosed, review.Status);
    }

    [Fact]
    public void A_review_is_returned_once_and_only_by_the_tracks_division()
    {
        var review = Scored();
        AssertForbidden("other-division", () => review.Return(DeciderOf(TestAccounts.ProtectionDivision), DivisionOf(review), "材料不实", Now));
        Assert.Equal(ReviewStatus.PanelClosed, review.Status);
        Assert.Throws<ArgumentException>(() => review.Return(Province, DivisionOf(review), " ", Now));

        review.Return(DeciderOf(TestAccounts.IndustryDivision), DivisionOf(review), "材料不实", Now);

        AssertRefused("case-closed", () => review.Return(Province, DivisionOf(review), "再次退回", Now));
    }

    [Fact]
    public void An_approval_is_cancelled_once_with_a_credit_ground_dated_in_China()
    {
        var review = Scored();
        AssertRefused("not-approved", () => review.CancelApproval(Province, DivisionOf(review), Applicant, CancellationGround.Falsification, "材料造假", null, Now));
        Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 500_000m, null, Applicant, [], Now);
        // 20:00 UTC on 20 March is already 21 March in China.
        var evening = new DateTimeOffset(2022, 3, 20, 20, 0, 0, TimeSpan.Zero);

        AssertForbidden("other-division", () => review.CancelApproval(DeciderOf(TestAccounts.ProtectionDivision), DivisionOf(review), Applicant,
            CancellationGround.Falsification, "材料造假", null, evening));
        var cancelled = review.CancelApproval(Province, DivisionOf(review), Applicant, CancellationGround.Falsification, " 材料造假 ", new DateOnly(2025, 3, 21), evening);

        Assert.Equal(ReviewStatus.ApprovalCancelled, review.Status);
        Assert.Equal((CancellationGround.Falsification, "材料造假", new DateOnly(2022, 3, 21), (DateOnly?)new DateOnly(2025, 3, 21)),
            (cancelled.Ground, cancelled.Reason, cancelled.RecordedOn, cancelled.ExpiresOn));
        Assert.Equal(Applicant, cancelled.Applicant);
        Assert.Equal(Province.Actor, cancelled.By);
        AssertRefused("already-cancelled", () => review.CancelApproval(Province, DivisionOf(review), Applicant, CancellationGround.Falsification, "再次", null, evening));
        AssertRefused("already-decided", () => Decide(review, Province, DivisionOf(review), ProvincialDecision.Approved, 1m, null, Applicant, [], evening));
        Assert.True(ReviewCase.ValidateCancellation(CancellationGround.Falsification, "x", new DateOnly(2022, 3, 21), new DateOnly(2022, 3, 21)).ContainsKey("expiresOn"));
    }
}
