using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Review.Reviews;
using IpPlatform.Security;
using static IpPlatform.Review.Tests.Samples;

namespace IpPlatform.Review.Tests;

/// <summary>The draw of a panel, its conflict-of-interest exclusions, declines, and the panel's result.</summary>
public sealed class PanelTests
{
    static readonly string PartnerCode = Code("12320000466000001");
    static readonly string OtherApplicantCode = Code("91320200MA2ABCDE1");

    /// <summary>A review of a submission from 昆山 (Suzhou) with one partner, and its known applicant.</summary>
    static (ReviewCase Review, KnownApplicant Applicant) Case()
    {
        var submitted = Submitted() with { };
        submitted = submitted with { Document = submitted.Document with { Partners = [new Partner { Name = "某大学", CreditCode = PartnerCode }] } };
        var review = ReviewCase.Open(ByCity(submitted.ApplicationId));
        return (review, KnownApplicant.From(submitted));
    }

    static PanelDrawResult Draw(ReviewCase review, KnownApplicant applicant, IEnumerable<ExpertProfile> pool, int wanted = 5, int seed = 7,
        bool excludeSameCity = false, string[]? organisations = null) =>
        PanelDraw.Draw(review, applicant, pool, excludeSameCity, (organisations ?? [ApplicantCode]).ToHashSet(), review.AlreadyDrawn, wanted,
            review.DrawRounds + 1, seed);

    static List<ExpertProfile> Pool(int n) => [.. Enumerable.Range(1, n).Select(i => Profile($"expert-{i:D2}"))];

    [Fact]
    public void The_same_seed_and_pool_draw_the_same_experts_whatever_order_the_pool_comes_in()
    {
        var (review, applicant) = Case();
        var pool = Pool(20);

        var first = Draw(review, applicant, pool, seed: 20220320);
        var again = Draw(review, applicant, Enumerable.Reverse(pool), seed: 20220320);
        var otherSeeds = Enumerable.Range(1, 10).Select(seed => Draw(review, applicant, pool, seed: seed).Drawn).ToList();

        Assert.Equal(5, first.Drawn.Count);
        Assert.Equal(first.Drawn, again.Drawn);
        Assert.Equal(5, first.Drawn.Distinct().Count());
        Assert.Contains(otherSeeds, drawn => !drawn.SequenceEqual(first.Drawn)); // the seed, not the pool order, decides
        Assert.Equal(20, first.Candidates.Count);
        Assert.Equal(0, first.Shortfall);
    }

    [Fact]
    public void Every_conflict_of_interest_excludes_the_expert_with_its_reason()
    {
        var (review, applicant) = Case();
        ExpertProfile[] pool =
        [
            Profile("own-employee", employer: ApplicantCode),
            Profile("partner-employee", employer: PartnerCode),
            Profile("rival", employer: OtherApplicantCode),
            Profile("suzhou-expert", city: "320500"),
            Profile("declared", conflicts: [ApplicantCode]),
            Profile("declared-partner", conflicts: [PartnerCode]),
            Profile("free-1"), Profile("free-2"),
            Profile("inactive", active: false),
            Profile("other-field", track: "gi-brand"),
        ];

        var draw = Draw(review, applicant, pool, excludeSameCity: true, organisations: [ApplicantCode, OtherApplicantCode]);

        var reasons = draw.Excluded.ToDictionary(e => e.Expert, e => e.Reasons);
        Assert.Equal([Exclusions.SameEmployerAsApplicant], reasons["own-employee"]);
        Assert.Equal([Exclusions.SameEmployerAsPartner], reasons["partner-employee"]);
        Assert.Equal([Exclusions.OrganisationAppliesOnTrack], reasons["rival"]);
        Assert.Equal([Exclusions.SameCity], reasons["suzhou-expert"]);
        Assert.Equal([Exclusions.DeclaredConflict], reasons["declared"]);
        Assert.Equal([Exclusions.DeclaredConflict], reasons["declared-partner"]);
        Assert.Equal(["free-1", "free-2"], draw.Drawn.Order(StringComparer.Ordinal));
        Assert.Equal(["free-1", "free-2"], draw.Eligible);
        Assert.DoesNotContain("inactive", draw.Candidates);
        Assert.DoesNotContain("other-field", draw.Candidates);
        Assert.Equal(3, draw.Shortfall);
    }

    [Fact]
    public void An_expert_of_the_applicants_city_is_drawn_where_the_call_does_not_exclude_the_city()
    {
        var (review, applicant) = Case();
        var draw = Draw(review, applicant, [Profile("suzhou-expert", city: "320500")], excludeSameCity: false);
        Assert.Equal(["suzhou-expert"], draw.Drawn);
    }

    [Fact]
    public void A_decline_draws_a_replacement_and_nobody_twice()
    {
        var (review, applicant) = Case();
        var pool = Pool(6);
        review.Seat(Province, TestDivision, Draw(review, applicant, pool), Now);
        var decliner = review.ActiveSeats.First().Expert;
        var leftOut = pool.Select(p => p.AccountName).Except(review.AlreadyDrawn).Single();

        review.Decline(Expert(decliner), "与申报单位有合作关系", () => Draw(review, applicant, pool, wanted: review.OpenSeats(5)), Now);

        Assert.Equal(5, review.ActiveSeats.Count());
        Assert.Contains(review.ActiveSeats, s => s.Expert == leftOut && s.Round == 2);
        var declined = Assert.Single(review.Seats, s => s.Status == SeatStatus.Declined);
        Assert.Equal((decliner, "与申报单位有合作关系"), (declined.Expert, declined.DeclineReason));
        // The pool is spent: a second decline leaves the seat empty rather than drawing anyone twice.
        var second = review.ActiveSeats.First(s => s.Expert != leftOut).Expert;
        review.Decline(Expert(second), "出差", () => Draw(review, applicant, pool, wanted: review.OpenSeats(5)), Now);
        Assert.Equal(4, review.ActiveSeats.Count());
        Assert.Equal(6, review.Seats.Count); // five drawn, one replacement, none repeated
        Assert.Equal(review.Seats.Count, review.Seats.Select(s => s.Expert).Distinct().Count());
    }

    [Fact]
    public void A_declined_expert_may_neither_score_nor_decline_after_scoring()
    {
        var (review, applicant) = Case();
        review.Seat(Province, TestDivision, Seating(review, "张三", "李四"), Now);
        review.RecordScore(Expert("李四"), Sheet, Overall(80), null, Now);
        review.Decline(Expert("张三"), "回避", () => Draw(review, applicant, [], wanted: 1), Now);

        Assert.Equal("not-on-panel", Assert.Throws<ActRefusedException>(() => review.RecordScore(Expert("张三"), Sheet, Overall(90), null, Now)).Code);
        Assert.Equal("already-scored", Assert.Throws<BusinessRuleException>(() => review.Decline(Expert("李四"), "回避", () => throw new InvalidOperationException(), Now)).Code);
        Assert.Equal("not-on-panel", Assert.Throws<ActRefusedException>(() => review.RecordScore(Expert("王五"), Sheet, Overall(90), null, Now)).Code);
    }

    [Fact]
    public void A_sheet_scores_each_criterion_within_its_maximum_and_weights_the_total()
    {
        IReadOnlyList<ScoreCriterion> sheet =
        [
            new("basis", "工作基础", 40m), new("plan", "实施方案", 30m, 2m), new("priority", "优先支持", 5m, Bonus: true),
        ];
        var (review, _) = Case();
        review.Seat(Province, TestDivision, Seating(review, "张三"), Now);

        var errors = ReviewCase.ValidateScore(sheet, new Dictionary<string, decimal> { ["basis"] = 41, ["plan"] = -1, ["extra"] = 1 });
        var recorded = review.RecordScore(Expert("张三"), sheet, new Dictionary<string, decimal> { ["basis"] = 35, ["plan"] = 25, ["priority"] = 5 }, null, Now);

        Assert.Equal(["points.basis", "points.extra", "points.plan", "points.priority"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(35 + 2 * 25 + 5, recorded.Score);
        Assert.Equal(5m, Assert.Single(review.Scores).BonusPoints);
    }

    public static TheoryData<decimal[], decimal?, bool, decimal?> Aggregates => new()
    {
        { [], null, false, null },
        { [80], 80m, false, 0m },
        { [70, 80, 90, 100], 85m, false, 30m },                 // four: plain mean
        { [60, 80, 80, 80, 100], 80m, true, 40m },              // five: highest and lowest dropped
        { [80, 80, 80, 80, 80], 80m, true, 0m },                // all tied: one of each dropped, same mean
        { [50, 50, 90, 90, 90, 90], 80m, true, 40m },           // ties at both ends: only one of each dropped
        { [81, 82, 82, 84, 85], 82.67m, true, 4m },             // rounded to two places
    };

    [Theory]
    [MemberData(nameof(Aggregates))]
    public void The_trimmed_mean_drops_one_highest_and_one_lowest_from_five_scores(decimal[] scores, decimal? result, bool trimmed, decimal? spread)
    {
        var panel = PanelResult.Of(scores, new ReviewRules());
        Assert.Equal((result, trimmed, spread, scores.Length), (panel.Result, panel.Trimmed, panel.Spread, panel.Count));
    }

    [Fact]
    public void A_call_choosing_the_plain_mean_never_trims()
    {
        var panel = PanelResult.Of([60m, 80m, 80m, 80m, 100m, 40m], new ReviewRules { Aggregate = ScoreAggregate.Mean });
        Assert.Equal((73.33m, false), (panel.Result, panel.Trimmed));
    }

    /// <summary>A closed panel scored <paramref name="score"/> (with <paramref name="bonus"/> of it on the priority criterion).</summary>
    static ReviewCase Closed(decimal score, decimal bonus = 0)
    {
        IReadOnlyList<ScoreCriterion> sheet = [new("basis", "工作基础", 100m), new("priority", "优先支持", 5m, Bonus: true)];
        var review = ReviewCase.Open(ByCity(Guid.NewGuid()));
        review.Seat(Province, TestDivision, Seating(review, "张三"), Now);
        review.RecordScore(Expert("张三"), sheet, new Dictionary<string, decimal> { ["basis"] = score - bonus, ["priority"] = bonus }, null, Now);
        review.ClosePanel(Province, TestDivision, Now);
        return review;
    }

    [Fact]
    public void The_ranking_puts_the_best_first_a_priority_before_an_equal_result_and_counts_approvals_against_the_limits()
    {
        var best = Closed(92);
        var priority = Closed(85, bonus: 5);
        var equal = Closed(85);
        var alsoEqual = Closed(85);
        var open = ReviewCase.Open(ByCity(Guid.NewGuid()));
        foreach (var approved in new[] { best, priority })
            Decide(approved, Province, TestDivision, ProvincialDecision.Approved, 600_000m, null, Unit(ApplicantKind.Enterprise, "320583"), [], Now);
        var rules = new ReviewRules { BudgetCny = 1_000_000m, MaxApprovals = 3 };

        var lines = Ranking.Of([equal, open, priority, alsoEqual, best], new Dictionary<Guid, KnownApplicant>(), rules);

        Assert.Equal(4, lines.Count); // the open panel is not ranked yet
        Assert.Equal([best.ApplicationId, priority.ApplicationId], lines.Take(2).Select(l => l.ApplicationId));
        Assert.Equal([1, 2, 3, 3], lines.Select(l => l.Rank));
        Assert.True(lines[1].Priority);
        Assert.Equal([600_000m, 1_200_000m, 1_200_000m, 1_200_000m], lines.Select(l => l.RunningApprovedCny));
        Assert.Equal([true, false, false, false], lines.Select(l => l.WithinLimits)); // the second approval passes the budget
    }

    const string TestDivision = IpPlatform.Testing.TestAccounts.IndustryDivision;
}
