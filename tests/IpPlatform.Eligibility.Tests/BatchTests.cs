using IpPlatform.Contracts.Events;
using IpPlatform.Testing;
using MassTransit;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// Submissions are assessed in batches, one transaction each (Messaging:Batch). Here a batch waits for two
/// submissions (or three seconds), so the two submissions of a test land in one batch.
/// </summary>
public sealed class BatchTests() : EligibilityServiceTest(new Dictionary<string, string>
{
    ["Messaging:Batch:MessageLimit"] = "2",
    ["Messaging:Batch:TimeLimitMs"] = "3000",
})
{
    const string Queue = "eligibility-application-submitted";

    [Fact]
    public async Task Two_submissions_of_one_GI_in_one_batch_clash_as_they_would_one_after_the_other()
    {
        using var batched = PlatformCounter.BatchedMessages(Queue);
        var suzhou = Samples.GiBrand(Samples.Code(60, '1'), "CityGovernment", "320500");
        var kunshan = Samples.GiBrand(Samples.Code(61, '1'), "CountyGovernment", "320583");

        var ids = await Task.WhenAll(Submit(suzhou), Submit(kunshan));
        var assessed = new[] { await AssessmentPublished(ids[0]), await AssessmentPublished(ids[1]) };

        Assert.Equal(2, batched.Count);
        // The one assessed second sees the first, though neither was saved when the other was assessed.
        Assert.Equal(["Fail", "Pass"], assessed.Select(a => a.Findings.Single(f => f.RuleId == "GI-UNIQUE").Result).Order());
        Assert.Equal(2, InDatabase(db => db.Assessments.Count(a => ids.Contains(a.ApplicationId))));
        Assert.Equal(2, InDatabase(db => db.SubmittedApplications.Count(a => ids.Contains(a.ApplicationId))));
    }

    [Fact]
    public async Task A_failing_submission_does_not_hold_back_the_other_of_its_batch()
    {
        using var faults = PlatformCounter.ConsumeFaults(Queue);
        var unknownCall = Samples.IndustrialBrand(Samples.Code(62), callId: "1999");
        var good = Samples.IndustrialBrand(Samples.Code(63));

        var ids = await Task.WhenAll(Submit(unknownCall), Submit(good));

        Assert.Equal(EligibilityOutcome.Eligible, (await AssessmentPublished(ids[1])).Outcome);
        Assert.True(await Service.Harness.Published.Any<Fault<ApplicationSubmitted>>(m => m.Context.Message.Message.ApplicationId == ids[0]),
            "no Fault<ApplicationSubmitted> for the submission of an unknown call");
        Assert.True(faults.Count >= 1);
        // Retried with the failing one, the good submission was kept once and not assessed again.
        Assert.Equal(1, InDatabase(db => db.Assessments.Count(a => a.ApplicationId == ids[1])));
        Assert.Equal(0, InDatabase(db => db.Assessments.Count(a => a.ApplicationId == ids[0])));
        Assert.Single(Service.Harness.Published.Select<EligibilityAssessed>(m => m.Context.Message.ApplicationId == ids[1]));
    }
}
