using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Review.Reviews;
using IpPlatform.Testing;
using static IpPlatform.Contracts.Applications.ApplicantKind;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

/// <summary>The collective decision on a batch, its publicity period with objections, and the final approval — without a host.</summary>
public sealed class CollectiveDecisionTests
{
    const string Division = TestAccounts.IndustryDivision;
    static readonly Decider Industry = DeciderOf(Division);

    /// <summary>The 2022 track with a budget of 1,000,000 CNY, at most 3 approvals, 5 days of publicity (call version 2).</summary>
    static TrackDivision Limited(string track = "industrial-brand", decimal? budget = 1_000_000m, int? max = 3, int publicityDays = 5) =>
        new(CallId, Track(track, track == ProtectionZoneRule.TrackId ? TestAccounts.ProtectionDivision : Division) with
        {
            Review = new ReviewRules { BudgetCny = budget, MaxApprovals = max, PublicityDays = publicityDays },
        }, callVersion: 2);

    /// <summary>A closed panel scored 80 on <paramref name="track"/>, with its applicant, requesting <paramref name="requested"/>.</summary>
    static DecisionCandidate Closed(string track = "industrial-brand", decimal? requested = 800_000m, ApplicantSummary? applicant = null)
    {
        var review = ReviewCase.Open(ByCity(Guid.NewGuid(), track));
        review.Seat(Province, Call().FindTrack(track)!.DivisionZh, Seating(review, "张三"), Now);
        review.RecordScore(Expert("张三"), Sheet, Overall(80), null, Now);
        review.ClosePanel(Province, Call().FindTrack(track)!.DivisionZh, Now);
        return new DecisionCandidate(review, applicant ?? Unit(Enterprise, "320583"), requested, 1);
    }

    static Dictionary<Guid, DecisionCandidate> Of(params DecisionCandidate[] candidates) => candidates.ToDictionary(c => c.Review.ApplicationId);

    static ApprovalLine Approve(DecisionCandidate c, decimal amount) => new(c.Review.ApplicationId, amount);
    static RejectionLine Reject(DecisionCandidate c, string reason = "得分较低") => new(c.Review.ApplicationId, reason);

    static CollectiveDecision Record(
        TrackDivision track, Dictionary<Guid, DecisionCandidate> candidates, ApprovalLine[] approved, RejectionLine[]? rejected = null,
        IReadOnlyCollection<Commitment>? standing = null, DateTimeOffset? at = null, Decider? decider = null) =>
        CollectiveDecision.Record(decider ?? Industry, track, new DateOnly(2022, 3, 18), ["局长", "处长"], approved, rejected ?? [], candidates,
            standing ?? [], at ?? Now);

    static void AssertRefused(string code, Action act) => Assert.Equal(code, Assert.Throws<BusinessRuleException>(act).Code);

    [Fact]
    public void A_batch_puts_its_reviews_under_publicity_and_moves_the_tracks_ledger()
    {
        var (a, b, c) = (Closed(), Closed(), Closed());
        var track = Limited();

        var decision = Record(track, Of(a, b, c), [Approve(a, 500_000m), Approve(b, 400_000m)], [Reject(c)]);

        Assert.Equal(CollectiveDecisionStatus.InPublicity, decision.Status);
        Assert.Equal((2, 900_000m), (decision.Approvals.Count(), decision.Approvals.Sum(i => i.AmountCny!.Value)));
        Assert.Equal(["局长", "处长"], decision.Participants);
        Assert.Equal(2, decision.CallVersion);
        Assert.All([a, b, c], x => Assert.Equal((ReviewStatus.InPublicity, (Guid?)decision.Id), (x.Review.Status, x.Review.DecisionId)));
        Assert.Null(a.Review.Decision); // nothing is final before the final approval
        Assert.Equal(1, track.LedgerVersion);
        // In a pending decision, a case enters no other.
        AssertRefused("in-publicity", () => Record(track, Of(a), [Approve(a, 1m)]));
    }

    [Fact]
    public void Input_errors_name_the_field()
    {
        var id = Guid.NewGuid();
        var today = new DateOnly(2022, 3, 20);

        var errors = CollectiveDecision.Validate(today.AddDays(1), [" "], [new(id, 0m), new(id, 5m)], [new(Guid.NewGuid(), " ")], today);

        Assert.Equal(
            ["approved[0].amountCny", "approved[1].applicationId", "meetingDate", "participants", "rejected[0].reason"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.True(CollectiveDecision.Validate(today, [], [], [], today).ContainsKey("approved"));
        Assert.Empty(CollectiveDecision.Validate(today, ["处长"], [new(id, 5m)], [], today));
    }

    [Fact]
    public void Every_application_that_cannot_be_decided_is_named_and_nothing_changes()
    {
        var ok = Closed();
        var open = ReviewCase.Open(ByCity(Guid.NewGuid()));
        var other = Closed("gi-brand");
        var greedy = Closed(requested: 300_000m);
        var unknown = Closed() with { Applicant = null };
        var track = Limited(max: null);
        var candidates = Of(ok, new DecisionCandidate(open, Unit(Enterprise, "320583"), null, 1), other, greedy, unknown);

        var problems = CollectiveDecision.Check(track, [Approve(ok, 100m), new(open.ApplicationId, 100m), Approve(other, 100m), Approve(greedy, 300_001m)],
            [Reject(unknown), new(Guid.NewGuid(), "无此申报")], candidates, []);

        Assert.Equal(
            [(open.ApplicationId, "no-scores"), (other.Review.ApplicationId, "not-on-track"), (unknown.Review.ApplicationId, "applicant-unknown"),
             (greedy.Review.ApplicationId, "over-requested")],
            problems.Where(p => p.Code != "not-on-track" || p.ApplicationId == other.Review.ApplicationId).Select(p => (p.ApplicationId, p.Code)));
        Assert.Equal(2, problems.Count(p => p.Code == "not-on-track")); // the gi-brand case and the one not in review at all
        Assert.Equal("batch-refused", CollectiveDecision.CodeOf(problems));
        AssertRefused("batch-refused", () => Record(track, candidates, [Approve(ok, 100m), Approve(greedy, 300_001m)], [Reject(unknown)]));
        Assert.Equal(ReviewStatus.PanelClosed, ok.Review.Status);
        Assert.Equal(0, track.LedgerVersion);
    }

    [Fact]
    public void The_budget_counts_the_batch_with_what_is_approved_already_and_rejections_cost_nothing()
    {
        var (a, b, c) = (Closed(), Closed(), Closed());
        var track = Limited();
        Commitment[] standing = [new(Guid.NewGuid(), Unit(Enterprise, "320102"), 600_000m)];

        var over = CollectiveDecision.Check(track, [Approve(a, 300_000m), Approve(b, 100_001m)], [Reject(c)], Of(a, b, c), standing);
        var exactly = CollectiveDecision.Check(track, [Approve(a, 300_000m), Approve(b, 100_000m)], [Reject(c)], Of(a, b, c), standing);

        Assert.Equal([(a.Review.ApplicationId, "over-budget"), (b.Review.ApplicationId, "over-budget")], over.Select(p => (p.ApplicationId, p.Code)));
        Assert.Empty(exactly);
    }

    [Fact]
    public void The_number_of_approvals_counts_the_batch_with_what_is_approved_already()
    {
        var (a, b) = (Closed(), Closed());
        var track = Limited(budget: null, max: 2);
        Commitment[] standing = [new(Guid.NewGuid(), Unit(Enterprise, "320102"), 1m)];

        AssertRefused("over-number", () => Record(track, Of(a, b), [Approve(a, 1m), Approve(b, 1m)], standing: standing));
        var decision = Record(track, Of(a, b), [Approve(a, 1m)], [Reject(b)], standing);

        Assert.Single(decision.Approvals);
    }

    [Fact]
    public void On_protection_zone_a_county_is_not_approved_with_its_city_in_the_same_batch()
    {
        var suzhou = Closed(ProtectionZoneRule.TrackId, applicant: Unit(CityGovernment, "320500", "苏州市人民政府"));
        var kunshan = Closed(ProtectionZoneRule.TrackId, applicant: Unit(CountyGovernment, "320583", "昆山市人民政府"));
        var xuanwu = Closed(ProtectionZoneRule.TrackId, applicant: Unit(CountyGovernment, "320102", "玄武区人民政府"));
        var track = Limited(ProtectionZoneRule.TrackId, budget: null, max: null);

        var problems = CollectiveDecision.Check(track, [Approve(suzhou, 1m), Approve(kunshan, 1m), Approve(xuanwu, 1m)], [], Of(suzhou, kunshan, xuanwu), []);
        var rejectingKunshan = CollectiveDecision.Check(track, [Approve(suzhou, 1m), Approve(xuanwu, 1m)], [Reject(kunshan)], Of(suzhou, kunshan, xuanwu), []);

        Assert.Equal([(kunshan.Review.ApplicationId, "hierarchy-conflict")], problems.Select(p => (p.ApplicationId, p.Code)));
        Assert.Empty(rejectingKunshan);
    }

    [Theory]
    // 09:00 UTC on 20 March is 17:00 in China: the period is 21–25 March, over at 00:00 on the 26th, local.
    [InlineData("2022-03-20T09:00:00Z", 5, "2022-03-26T00:00:00+08:00")]
    // 20:00 UTC on 20 March is already 21 March in China: the period is 22–26 March.
    [InlineData("2022-03-20T20:00:00Z", 5, "2022-03-27T00:00:00+08:00")]
    [InlineData("2022-03-20T15:59:00Z", 1, "2022-03-22T00:00:00+08:00")]
    // No publicity: the period is over when the decision is recorded.
    [InlineData("2022-03-20T09:00:00Z", 0, "2022-03-20T09:00:00Z")]
    public void The_publicity_period_runs_whole_days_in_China_from_the_day_after_the_recording(string recorded, int days, string ends)
    {
        Assert.Equal(DateTimeOffset.Parse(ends), CollectiveDecision.PublicityEnd(DateTimeOffset.Parse(recorded), days));
    }

    [Fact]
    public void The_final_approval_waits_for_the_end_of_the_last_day_then_decides_every_application()
    {
        var (a, b) = (Closed(), Closed());
        var track = Limited();
        var candidates = Of(a, b);
        var decision = Record(track, candidates, [Approve(a, 500_000m)], [Reject(b, "资金有限")]);
        var lastMinute = new DateTimeOffset(2022, 3, 25, 23, 59, 59, TimeSpan.FromHours(8));
        var nextDay = new DateTimeOffset(2022, 3, 26, 0, 0, 0, TimeSpan.FromHours(8));

        AssertRefused("publicity-running", () => decision.Finalise(Industry, track, candidates, lastMinute));
        Assert.Equal(ReviewStatus.InPublicity, a.Review.Status);
        Assert.Throws<ActRefusedException>(() => decision.Finalise(DeciderOf(TestAccounts.ProtectionDivision), track, candidates, nextDay));
        var decided = decision.Finalise(Industry, track, candidates, nextDay);

        Assert.Equal(
            [(a.Review.ApplicationId, ProvincialDecision.Approved, (decimal?)500_000m, (string?)null), (b.Review.ApplicationId, ProvincialDecision.Rejected, null, "资金有限")],
            decided.Select(d => (d.ApplicationId, d.Decision, d.ApprovedAmountCny, d.Reason)));
        Assert.All(decided, d => Assert.Equal((Industry.Actor, (int?)1, (decimal?)80m, nextDay), (d.By, d.CallVersion, d.AverageScore, d.DecidedAt)));
        Assert.Equal((ReviewStatus.Decided, ProvincialDecision.Approved, (decimal?)500_000m), (a.Review.Status, a.Review.Decision, a.Review.ApprovedAmountCny));
        Assert.Equal(CollectiveDecisionStatus.Final, decision.Status);
        AssertRefused("already-final", () => decision.Finalise(Industry, track, candidates, nextDay));
    }

    [Fact]
    public void An_upheld_objection_turns_the_approval_into_a_rejection_on_its_grounds_and_a_dismissed_one_lets_it_stand()
    {
        var (a, b, c) = (Closed(), Closed(), Closed());
        var track = Limited();
        var candidates = Of(a, b, c);
        var decision = Record(track, candidates, [Approve(a, 300_000m), Approve(b, 300_000m)], [Reject(c)]);
        var during = Now.AddDays(2);
        var upheld = decision.Object(As(TestAccounts.Province), a.Review.ApplicationId, "某公司", " 申报材料中的专利已失效 ", during);
        var dismissed = decision.Object(As(TestAccounts.Province), b.Review.ApplicationId, "匿名", "怀疑造假", during);

        AssertRefused("not-approved-in-decision", () => decision.Object(As(TestAccounts.Province), c.Review.ApplicationId, "某人", "理由", during));
        AssertRefused("objection-open", () => decision.Finalise(Industry, track, candidates, during.AddDays(10)));
        Assert.Throws<ActRefusedException>(() => decision.Resolve(DeciderOf(TestAccounts.ProtectionDivision), Division, upheld.Id, ObjectionOutcome.Upheld, "核实", during));
        decision.Resolve(Industry, Division, upheld.Id, ObjectionOutcome.Upheld, "经核实属实", during);
        decision.Resolve(Industry, Division, dismissed.Id, ObjectionOutcome.Dismissed, "经核实不属实", during);
        AssertRefused("objection-resolved", () => decision.Resolve(Industry, Division, dismissed.Id, ObjectionOutcome.Upheld, "改判", during));
        var decided = decision.Finalise(Industry, track, candidates, during.AddDays(10)).ToDictionary(d => d.ApplicationId);

        Assert.Equal((ProvincialDecision.Rejected, null, "申报材料中的专利已失效"),
            (decided[a.Review.ApplicationId].Decision, decided[a.Review.ApplicationId].ApprovedAmountCny, decided[a.Review.ApplicationId].Reason));
        Assert.Equal((ProvincialDecision.Approved, (decimal?)300_000m), (decided[b.Review.ApplicationId].Decision, decided[b.Review.ApplicationId].ApprovedAmountCny));
        Assert.True(decision.Items.Single(i => i.ApplicationId == a.Review.ApplicationId).Withdrawn);
        Assert.Equal((ObjectionOutcome.Upheld, "经核实属实", Industry.Actor.Name), (upheld.Outcome, upheld.Resolution, upheld.ResolvedBy));
    }

    [Fact]
    public void Objections_are_recorded_until_the_publicity_period_ends_and_not_after()
    {
        var a = Closed();
        var decision = Record(Limited(), Of(a), [Approve(a, 1m)]);
        var end = decision.PublicityEndsAt;

        decision.Object(As(TestAccounts.Province), a.Review.ApplicationId, "某人", "理由", end.AddSeconds(-1));

        AssertRefused("publicity-over", () => decision.Object(As(TestAccounts.Province), a.Review.ApplicationId, "某人", "迟到的理由", end));
        Assert.Single(decision.Objections);
        Assert.Throws<ActRefusedException>(() => decision.Object(Expert("张三"), a.Review.ApplicationId, "某人", "理由", Now));
    }

    [Fact]
    public void Without_publicity_the_final_approval_may_follow_at_once()
    {
        var a = Closed();
        var track = Limited(publicityDays: 0);
        var decision = Record(track, Of(a), [Approve(a, 1m)]);

        Assert.Equal(Now, decision.PublicityEndsAt);
        Assert.Single(decision.Finalise(Industry, track, Of(a), Now));
        Assert.Equal(2, track.LedgerVersion);
    }
}
