using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Funding.Agreements;
using IpPlatform.Security;

namespace IpPlatform.Funding.Tests;

public sealed class FundingAgreementTests
{
    static readonly DateTimeOffset Now = new(2023, 12, 1, 2, 0, 0, TimeSpan.Zero);
    static readonly Actor Finance = new("acc-finance", "finance", PlatformRoles.Finance, null);

    static FundingAgreement Agreement(string track = "industrial-brand", decimal amount = 1_000_000m, CallDocument? call = null)
    {
        call ??= Samples.Call();
        return FundingAgreement.Create(Samples.Approved(Guid.NewGuid(), amount, track), TrackPlan.From(call, call.FindTrack(track)!), Now.UtcDateTime);
    }

    static Tranche Named(FundingAgreement agreement, string name) => agreement.Tranches.Single(t => t.Name == name);

    static string RuleCode(Action action) => Assert.Throws<BusinessRuleException>(action).Code;

    [Theory]
    [InlineData("100000.01", new[] { "0.5", "0.5" }, new[] { "50000.01", "50000.00" })]
    [InlineData("1000", new[] { "0.3333", "0.3333", "0.3334" }, new[] { "333.30", "333.30", "333.40" })]
    [InlineData("0.05", new[] { "0.3", "0.3", "0.4" }, new[] { "0.02", "0.01", "0.02" })]
    [InlineData("100", new[] { "0.125", "0.125", "0.75" }, new[] { "12.50", "12.50", "75.00" })]
    [InlineData("0.10", new[] { "0.125", "0.125", "0.75" }, new[] { "0.01", "0.01", "0.08" })]
    public void The_plan_split_is_in_fen_and_sums_exactly_to_the_total(string total, string[] shares, string[] expected)
    {
        var amounts = FundingAgreement.Split(decimal.Parse(total), shares.Select(decimal.Parse).ToList());

        Assert.Equal(expected.Select(decimal.Parse), amounts);
        Assert.Equal(decimal.Parse(total), amounts.Sum());
    }

    [Fact]
    public void The_triggers_a_call_may_name_are_exactly_those_funding_releases_on()
    {
        // Eligibility refuses a call naming any other trigger at publication (CallValidator), reading the contract's list.
        Assert.Equal(TrancheTriggers.All, Enum.GetNames<TrancheTrigger>());
    }

    [Fact]
    public void Every_total_in_fen_splits_exactly_and_each_amount_is_within_a_fen_of_its_share()
    {
        decimal[] shares = [0.15m, 0.35m, 0.2m, 0.3m];
        for (var total = 0.01m; total < 50m; total += 0.37m)
        {
            var amounts = FundingAgreement.Split(total, shares);
            Assert.Equal(total, amounts.Sum());
            Assert.All(amounts.Zip(shares), p => Assert.True(Math.Abs(p.First - total * p.Second) < 0.01m, $"{total}: {p.First} vs {total * p.Second}"));
            Assert.All(amounts, a => Assert.Equal(a, decimal.Round(a, 2)));
        }
    }

    [Theory]
    [InlineData("0.5 0.4")]
    [InlineData("1.2 -0.2")]
    [InlineData("")]
    public void A_plan_whose_shares_do_not_sum_to_one_is_refused(string shares) =>
        Assert.Equal("invalid-plan", RuleCode(() => FundingAgreement.Split(100m,
            shares.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(decimal.Parse).ToList())));

    [Fact]
    public void Approval_releases_the_start_up_tranche_on_the_decision_date_in_China_and_schedules_the_rest()
    {
        var agreement = Agreement();

        Assert.Equal(new DateOnly(2022, 7, 1), agreement.ApprovedOn); // 20:00 UTC on 30 June is 04:00 on 1 July in Nanjing
        var startUp = Named(agreement, "start-up");
        Assert.Equal((TrancheStatus.Released, new DateOnly(2022, 7, 1), 500_000m, 1), (startUp.Status, startUp.ReleasedOn, startUp.AmountCny, startUp.Sequence));
        var rest = Named(agreement, "after-mid-term");
        Assert.Equal((TrancheStatus.Scheduled, (DateOnly?)null, 500_000m, TrancheTrigger.MidTermPassed), (rest.Status, rest.ReleasedOn, rest.AmountCny, rest.Trigger));
        Assert.Equal(Samples.Unit.CreditCode, agreement.CreditCode);
    }

    [Fact]
    public void The_scheduled_event_lists_the_tranches_in_plan_order()
    {
        var agreement = Agreement("three-way", 999_999.99m);

        var scheduled = agreement.Scheduled(Now);

        Assert.Equal(999_999.99m, scheduled.TotalCny);
        Assert.Equal(["start-up", "after-mid-term", "on-acceptance"], scheduled.Tranches.Select(t => t.Name));
        Assert.Equal(["Approval", "MidTermPassed", "Acceptance"], scheduled.Tranches.Select(t => t.Trigger));
        Assert.Equal(scheduled.TotalCny, scheduled.Tranches.Sum(t => t.AmountCny));
    }

    [Fact]
    public void Each_trigger_releases_only_its_own_tranches_and_a_repeated_trigger_changes_nothing()
    {
        var agreement = Agreement("three-way");

        agreement.Release(TrancheTrigger.MidTermPassed, new DateOnly(2023, 7, 10));
        agreement.Release(TrancheTrigger.MidTermPassed, new DateOnly(2023, 8, 1));

        Assert.Equal((TrancheStatus.Released, new DateOnly(2023, 7, 10)), (Named(agreement, "after-mid-term").Status, Named(agreement, "after-mid-term").ReleasedOn));
        Assert.Equal(TrancheStatus.Scheduled, Named(agreement, "on-acceptance").Status);

        agreement.Release(TrancheTrigger.Acceptance, new DateOnly(2024, 7, 1));
        Assert.Equal(TrancheStatus.Released, Named(agreement, "on-acceptance").Status);
    }

    [Fact]
    public void A_failed_mid_term_cancels_what_is_still_scheduled_with_the_reason_and_it_cannot_be_paid()
    {
        var agreement = Agreement("three-way");

        agreement.CancelAfterFailedMidTerm(new DateOnly(2023, 7, 10), "指标完成不足50%");

        Assert.All(agreement.Tranches.Where(t => t.Trigger != TrancheTrigger.Approval), t =>
        {
            Assert.Equal(TrancheStatus.Cancelled, t.Status);
            Assert.Equal(new DateOnly(2023, 7, 10), t.CancelledOn);
            Assert.Contains("指标完成不足50%", t.CancellationReason);
        });
        Assert.Equal(TrancheStatus.Released, Named(agreement, "start-up").Status);
        Assert.Equal("not-released", RuleCode(() => agreement.Disburse(Finance, Named(agreement, "after-mid-term").Id, "V-1", new DateOnly(2023, 8, 1), Now)));
    }

    [Fact]
    public void A_released_tranche_is_paid_once_with_its_plan_amount()
    {
        var agreement = Agreement();
        var startUp = Named(agreement, "start-up");

        var paid = agreement.Disburse(Finance, startUp.Id, "JS-2022-0815", new DateOnly(2022, 8, 15), Now);

        Assert.Equal(new TrancheDisbursed(startUp.Id, agreement.ApplicationId, Samples.Unit.CreditCode, "start-up", 500_000m, false, "JS-2022-0815", new DateOnly(2022, 8, 15)) { By = Finance }, paid);
        Assert.Equal((TrancheStatus.Disbursed, "JS-2022-0815", "finance"), (startUp.Status, startUp.VoucherNo, startUp.DisbursedBy));
        Assert.Equal(500_000m, agreement.DisbursedCny);
        Assert.Equal("already-disbursed", RuleCode(() => agreement.Disburse(Finance, startUp.Id, "JS-2022-0816", new DateOnly(2022, 8, 16), Now)));
        Assert.Equal("JS-2022-0815", startUp.VoucherNo);
    }

    [Fact]
    public void A_scheduled_tranche_cannot_be_paid()
    {
        var agreement = Agreement();
        var rest = Named(agreement, "after-mid-term");

        Assert.Equal("not-released", RuleCode(() => agreement.Disburse(Finance, rest.Id, "V-1", new DateOnly(2022, 8, 1), Now)));
        Assert.Equal(TrancheStatus.Scheduled, rest.Status);
    }

    [Fact]
    public void The_last_tranche_of_the_plan_is_the_final_payment()
    {
        var agreement = Agreement();
        agreement.Release(TrancheTrigger.MidTermPassed, new DateOnly(2023, 7, 10));

        var last = agreement.Disburse(Finance, Named(agreement, "after-mid-term").Id, "V-2", new DateOnly(2023, 7, 20), Now);
        var first = agreement.Disburse(Finance, Named(agreement, "start-up").Id, "V-1", new DateOnly(2023, 7, 21), Now);

        Assert.True(last.IsFinal);
        Assert.False(first.IsFinal);
    }

    [Fact]
    public void A_single_tranche_plan_is_released_at_once_and_its_payment_is_final()
    {
        var agreement = Agreement("protection-zone", 3_000_000m);

        var paid = agreement.Disburse(Finance, agreement.Tranches.Single().Id, "V-9", new DateOnly(2022, 7, 1), Now);

        Assert.True(paid.IsFinal);
        Assert.Equal(3_000_000m, paid.AmountCny);
    }

    [Fact]
    public void A_payment_cannot_be_dated_before_the_release_or_in_the_future()
    {
        var agreement = Agreement();
        var startUp = Named(agreement, "start-up");

        Assert.Equal("disbursed-before-release", RuleCode(() => agreement.Disburse(Finance, startUp.Id, "V-1", new DateOnly(2022, 6, 30), Now)));
        Assert.Equal("disbursed-in-future", RuleCode(() => agreement.Disburse(Finance, startUp.Id, "V-1", new DateOnly(2023, 12, 2), Now)));
        Assert.Equal(TrancheStatus.Released, startUp.Status);
    }

    [Theory]
    [InlineData(PlatformRoles.Province)]
    [InlineData(PlatformRoles.Admin)]
    [InlineData(PlatformRoles.Applicant)]
    public void Only_finance_records_a_payment_and_a_refused_one_changes_nothing(string role)
    {
        var agreement = Agreement();
        var startUp = Named(agreement, "start-up");

        var refused = Assert.Throws<ActRefusedException>(() =>
            agreement.Disburse(new Actor("acc-1", "someone", role, null), startUp.Id, "V-1", new DateOnly(2022, 8, 15), Now));

        Assert.Equal("finance-only", refused.Code);
        Assert.Equal((TrancheStatus.Released, (string?)null, (string?)null), (startUp.Status, startUp.VoucherNo, startUp.DisbursedBy));
    }

    [Theory]
    [InlineData(PlatformRoles.Finance, null, true)]
    [InlineData(PlatformRoles.Province, null, true)]
    [InlineData(PlatformRoles.Admin, null, true)]
    [InlineData(PlatformRoles.Agency, null, true)]
    [InlineData(PlatformRoles.Applicant, "91320583MA1P2K3L4X", true)] // Samples.Unit
    [InlineData(PlatformRoles.Applicant, "91320583MA1XXXXX0X", false)]
    [InlineData(PlatformRoles.Applicant, null, false)]
    [InlineData(PlatformRoles.CountyOffice, null, false)]
    [InlineData(PlatformRoles.Expert, null, false)]
    public void The_overseers_read_every_agreement_and_an_applicant_only_its_own(string role, string? organisation, bool readable) =>
        Assert.Equal(readable, Agreement().CanBeReadBy(new Actor("acc-1", organisation ?? role, role, null), organisation));

    [Fact]
    public void A_trigger_reports_the_tranches_it_changed_and_a_repeated_one_none()
    {
        var agreement = Agreement("three-way");

        var released = agreement.Release(TrancheTrigger.MidTermPassed, new DateOnly(2023, 7, 10));
        var again = agreement.Release(TrancheTrigger.MidTermPassed, new DateOnly(2023, 8, 1));
        var cancelled = agreement.CancelAfterFailedMidTerm(new DateOnly(2023, 8, 1), null);

        Assert.Equal(["after-mid-term"], released.Select(t => t.Name));
        Assert.Empty(again);
        Assert.Equal(["on-acceptance"], cancelled.Select(t => t.Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("100.001")]
    public void An_approval_without_a_positive_amount_in_fen_is_refused(string? amount)
    {
        var call = Samples.Call();
        var decided = Samples.Approved(Guid.NewGuid()) with { ApprovedAmountCny = amount is null ? null : decimal.Parse(amount) };

        Assert.Equal("invalid-amount", RuleCode(() => FundingAgreement.Create(decided, TrackPlan.From(call, call.Tracks[0]), Now.UtcDateTime)));
    }

    [Fact]
    public void An_unknown_trigger_in_the_plan_is_refused()
    {
        var call = Samples.Call();
        var track = call.Tracks[0] with { Tranches = [new TranchePlanItem("all", 1m, "Whenever")] };

        Assert.Equal("unknown-trigger", RuleCode(() => FundingAgreement.Create(Samples.Approved(Guid.NewGuid()), TrackPlan.From(call, track), Now.UtcDateTime)));
    }
}
