using MassTransit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Infrastructure.Messaging;
using IpPlatform.Testing;

namespace IpPlatform.Eligibility.Tests;

/// <summary>Submitted applications are assessed from intake's event with the same engine as the precheck.</summary>
public sealed class SubmissionTests : EligibilityServiceTest
{
    [Theory]
    [InlineData(32_000_000, "Eligible")]
    [InlineData(16_000_000, "Ineligible")]
    public async Task ApplicationSubmitted_is_assessed_with_the_outcome_the_precheck_gives(decimal rdCny, string expected)
    {
        var document = Samples.IndustrialBrand(Samples.Code(40), rdCny: rdCny);
        var precheck = await Precheck(document);

        var id = await Submit(document);
        var assessed = await AssessmentPublished(id);

        Assert.Equal(expected, Outcome(precheck));
        Assert.Equal(expected, assessed.Outcome.ToString());
        Assert.Equal("2022-rehearsal", assessed.CallId);
        Assert.Equal("industrial-brand", assessed.TrackId);
        Assert.Equal(
            precheck.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("result").GetString(), f.GetProperty("messageEn").GetString())),
            assessed.Findings.Select(f => ((string?)f.RuleId, (string?)f.Result, (string?)f.MessageEn)));

        using var applicant = As(ApplicantOf(document));
        var stored = await applicant.GetFromJsonAsync<JsonElement>($"/api/eligibility/assessments/{id}");
        var only = Assert.Single(stored.EnumerateArray());
        Assert.Equal(expected, only.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_document_with_an_absent_fact_is_assessed_NeedsReview()
    {
        var document = Samples.IndustrialBrand(Samples.Code(41));
        document["facts"]!.AsObject().Remove("trademarks");

        var assessed = await AssessmentPublished(await Submit(document));

        Assert.Equal(EligibilityOutcome.NeedsReview, assessed.Outcome);
        Assert.Equal("Unknown", assessed.Findings.Single(f => f.RuleId == "IB-TRADEMARK").Result);
    }

    [Fact]
    public async Task A_redelivered_ApplicationSubmitted_is_assessed_once()
    {
        using var duplicates = PlatformCounter.InboxDuplicates();
        var document = Samples.IndustrialBrand(Samples.Code(42));
        var applicationId = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await Submit(document, messageId, applicationId);
        await AssessmentPublished(applicationId);
        await Submit(document, messageId, applicationId); // broker redelivery / outbox re-publish

        await WaitFor(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, "the redelivery dropped by the inbox");
        Assert.Equal(1, InDatabase(db => db.Assessments.Count(a => a.ApplicationId == applicationId)));
        Assert.Equal(1, InDatabase(db => db.SubmittedApplications.Count(a => a.ApplicationId == applicationId)));
        Assert.Equal(1, InDatabase(db => db.Set<OutboxMessage>().Count(m => m.MessageType == typeof(EligibilityAssessed).FullName)));
        await Task.Delay(300);
        Assert.Single(Service.Harness.Published.Select<EligibilityAssessed>(m => m.Context.Message.ApplicationId == applicationId));
    }

    [Fact]
    public async Task A_submission_for_an_unknown_call_is_retried_three_times_then_faulted_and_nothing_is_kept()
    {
        using var faults = PlatformCounter.ConsumeFaults("eligibility-application-submitted");
        var document = Samples.IndustrialBrand(Samples.Code(43), callId: "1999");
        var id = await Submit(document);

        // After the bounded retry (0.2 s, 1 s, 3 s) MassTransit publishes the fault and moves the message to
        // the queue's _error queue.
        Assert.True(await Service.Harness.Published.Any<Fault<ApplicationSubmitted>>(m => m.Context.Message.Message.ApplicationId == id),
            "no Fault<ApplicationSubmitted> published");
        Assert.Equal(4, faults.Count);
        using var applicant = As(ApplicantOf(document));
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/eligibility/assessments/{id}")).StatusCode);
        Assert.False(await Service.Harness.Published.Any<EligibilityAssessed>(m => m.Context.Message.ApplicationId == id));
        // Not marked as consumed: once the call is known, moving the message back from _error assesses it.
        Assert.Equal(0, InDatabase(db => db.Set<InboxMessage>().Count()
            + db.SubmittedApplications.Count(a => a.ApplicationId == id)));
    }
}
