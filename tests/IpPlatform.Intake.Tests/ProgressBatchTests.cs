using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// Assessments reach the applicant's view in batches, one transaction each (Messaging:Batch). Here a batch waits for
/// three assessments (or three seconds), so a test's assessments land in one batch.
/// </summary>
public sealed class ProgressBatchTests() : IntakeServiceTest(new Dictionary<string, string>
{
    ["Messaging:Batch:MessageLimit"] = "3",
    ["Messaging:Batch:TimeLimitMs"] = "3000",
})
{
    const string Queue = "intake-application-progress";

    static EligibilityAssessed Assessed(Guid id, EligibilityOutcome outcome) =>
        new(id, "open", "industrial-brand", outcome, [], DateTimeOffset.UtcNow);

    [Fact]
    public async Task Assessments_arriving_together_are_recorded_and_audited_in_one_batch_and_a_redelivery_changes_nothing()
    {
        using var batched = PlatformCounter.BatchedMessages(Queue);
        var ids = new[]
        {
            await CreateAndSubmit(TestAccounts.Applicant(Samples.Code(7301)), "320583"),
            await CreateAndSubmit(TestAccounts.Applicant(Samples.Code(7302)), "320583"),
            await CreateAndSubmit(TestAccounts.Applicant(Samples.Code(7303)), "320583"),
        };
        var redelivered = Guid.NewGuid();

        await Task.WhenAll(
            Service.PublishAsync(Assessed(ids[0], EligibilityOutcome.Eligible), redelivered),
            Service.PublishAsync(Assessed(ids[1], EligibilityOutcome.NeedsReview)),
            Service.PublishAsync(Assessed(ids[2], EligibilityOutcome.Ineligible)));

        await Eventually.Get(() => Task.FromResult<int?>(AuditEntries().Count(e => e.Action == nameof(EligibilityAssessed))), n => n == 3,
            what: "the three assessments recorded");
        Assert.Equal(3, batched.Count);
        Assert.Equal([EligibilityOutcome.Eligible, EligibilityOutcome.NeedsReview, EligibilityOutcome.Ineligible], ids.Select(id => Outcome(id)));
        // The chain stays whole across the batch's entries.
        var entries = AuditEntries();
        Assert.All(entries.Skip(1).Zip(entries), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));

        // The first one again (broker redelivery, outbox re-publish), alone: the batch's inbox rows drop it.
        using var duplicates = PlatformCounter.InboxDuplicates();
        await Service.PublishAsync(Assessed(ids[0], EligibilityOutcome.Eligible), redelivered);
        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped");
        Assert.Equal(3, AuditEntries().Count(e => e.Action == nameof(EligibilityAssessed)));
        Assert.Equal(1, Service.Query((IntakeDbContext db) => db.Applications.Include(a => a.Timeline).Single(a => a.Id == ids[0])
            .Timeline.Count(t => t.What == "EligibilityAssessed")));
    }

    [Fact]
    public async Task An_assessment_of_an_application_intake_does_not_hold_is_skipped_and_the_rest_of_its_batch_recorded()
    {
        using var batched = PlatformCounter.BatchedMessages(Queue);
        var id = await CreateAndSubmit(Samples.Owner, "320583");

        await Task.WhenAll(
            Service.PublishAsync(Assessed(Guid.NewGuid(), EligibilityOutcome.Eligible)),
            Service.PublishAsync(Assessed(id, EligibilityOutcome.Ineligible)),
            Service.PublishAsync(Assessed(Guid.NewGuid(), EligibilityOutcome.Eligible)));

        await Eventually.Get(() => Task.FromResult<int?>(AuditEntries().Count(e => e.Action == nameof(EligibilityAssessed))), n => n == 1,
            what: "the one assessment of intake's application recorded");
        Assert.Equal(3, batched.Count);
        Assert.Equal(EligibilityOutcome.Ineligible, Outcome(id));
    }

    EligibilityOutcome? Outcome(Guid id) => Service.Query((IntakeDbContext db) => db.Applications.Single(a => a.Id == id).Eligibility);
}
