using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Funding.Data;
using IpPlatform.Testing;
using MassTransit.Testing;

namespace IpPlatform.Funding.Tests;

public sealed class FundingApiTests : IAsyncLifetime
{
    readonly ServiceFactory<Program> service = new("funding-db");
    HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = service.CreateClient(TestAccounts.Finance); // finance reads every agreement and records payments
        await service.PublishAsync(new CallPublished(Samples.Call(), DateTimeOffset.UtcNow));
        await Eventually.Get(() => Count(db => db.Plans.Count()), n => n == 3, what: "the call's tranche plans");
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    Task<int?> Count(Func<FundingDbContext, int> query) => Task.FromResult<int?>(service.Query(query));

    /// <summary>The agreement once it exists and satisfies <paramref name="until"/>.</summary>
    async Task<JsonElement> AgreementOf(Guid applicationId, Func<JsonElement, bool>? until = null, string? what = null)
    {
        var found = await Eventually.Get(async () =>
        {
            var response = await client.GetAsync($"/api/funding/{applicationId}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, a => until is null || until(a!.Value), what: what ?? $"funding agreement of {applicationId}");
        return found!.Value;
    }

    async Task<JsonElement> Approve(string track = "industrial-brand")
    {
        var applicationId = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(applicationId, 1_000_000m, track));
        return await AgreementOf(applicationId);
    }

    static JsonElement Tranche(JsonElement agreement, string name) =>
        agreement.GetProperty("tranches").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    Task<HttpResponseMessage> Disburse(Guid trancheId, object body) => client.PostAsJsonAsync($"/api/funding/tranches/{trancheId}/disbursements", body);

    [Fact]
    public async Task A_correction_replaces_a_tracks_plan_and_an_older_version_arriving_late_does_not()
    {
        var corrected = Samples.Call() with
        {
            Tracks = [.. Samples.Call().Tracks.Select(t => t with { Tranches = [new IpPlatform.Contracts.Calls.TranchePlanItem("whole", 1m, "Approval")] })],
        };
        await service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 2 });
        await Eventually.Get(() => Count(db => db.Plans.Count(p => p.CallVersion == 2)), n => n == 3, what: "version 2 kept");

        await service.PublishAsync(new CallPublished(Samples.Call() with { TitleZh = "late" }, DateTimeOffset.UtcNow) { Version = 1 });
        Assert.True(await service.Harness.Consumed.Any<CallPublished>(m => m.Context.Message.Call.TitleZh == "late"), "the late version 1 consumed");

        Assert.Equal(3, await Count(db => db.Plans.Count(p => p.CallVersion == 2)));
        var agreement = await Approve();
        Assert.Equal(["whole"], agreement.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task An_application_is_funded_by_the_plan_of_the_call_version_it_was_submitted_under()
    {
        var corrected = Samples.Call() with
        {
            Tracks = [.. Samples.Call().Tracks.Select(t => t with { Tranches = [new IpPlatform.Contracts.Calls.TranchePlanItem("whole", 1m, "Approval")] })],
        };
        await service.PublishAsync(new CallPublished(corrected, DateTimeOffset.UtcNow) { Version = 2 });
        await Eventually.Get(() => Count(db => db.Plans.Count(p => p.CallVersion == 2)), n => n == 3, what: "version 2 kept");
        Assert.Equal(3, await Count(db => db.Plans.Count(p => p.CallVersion == 1)));

        var underVersion1 = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(underVersion1, 1_000_000m, "industrial-brand") with { CallVersion = 1 });
        var first = await AgreementOf(underVersion1);
        var underVersion2 = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(underVersion2, 1_000_000m, "industrial-brand") with { CallVersion = 2 });
        var second = await AgreementOf(underVersion2);

        var version1Names = Samples.Call().Tracks.Single(t => t.Id == "industrial-brand").Tranches.Select(t => t.Name);
        Assert.Equal(version1Names, first.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["whole"], second.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var agreement = await Approve();
        var applicationId = agreement.GetProperty("applicationId").GetGuid();
        using var admin = service.CreateClient(TestAccounts.Admin);

        var seen = 0;
        foreach (var (reader, path) in new[] { (client, $"/api/funding/{applicationId}"), (client, "/api/funding/tranches"), (admin, "/api/funding/audit") })
        {
            var (withoutOffset, count) = Instants.Walk(await reader.GetFromJsonAsync<JsonElement>(path));
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 1, $"only {seen} instants were read; the walk proves nothing without them");
    }

    [Fact]
    public async Task An_approval_schedules_tranches_releases_the_start_up_and_its_payment_publishes_TrancheDisbursed()
    {
        var agreement = await Approve();
        var applicationId = agreement.GetProperty("applicationId").GetGuid();

        Assert.Equal(1_000_000m, agreement.GetProperty("totalCny").GetDecimal());
        Assert.Equal("2022-07-01", agreement.GetProperty("approvedOn").GetString());
        var startUp = Tranche(agreement, "start-up");
        Assert.Equal(("Released", 500_000m), (startUp.GetProperty("status").GetString(), startUp.GetProperty("amountCny").GetDecimal()));
        Assert.Equal("Scheduled", Tranche(agreement, "after-mid-term").GetProperty("status").GetString());
        Assert.True(await service.Harness.Published.Any<TranchesScheduled>(m => m.Context.Message.ApplicationId == applicationId));
        var released = await client.GetFromJsonAsync<JsonElement>("/api/funding/tranches?status=Released");
        Assert.Contains(released.EnumerateArray(), t => t.GetProperty("tranche").GetProperty("id").GetGuid() == Id(startUp));

        var response = await Disburse(Id(startUp), new { voucherNo = "JS-2022-0815", disbursedOn = "2022-08-15" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(500_000m, after.GetProperty("disbursedCny").GetDecimal());
        Assert.Equal("Disbursed", Tranche(after, "start-up").GetProperty("status").GetString());
        Assert.True(await service.Harness.Published.Any<TrancheDisbursed>(m => m.Context.Message.TrancheId == Id(startUp)));
        var paid = service.Harness.Published.Select<TrancheDisbursed>(m => m.Context.Message.TrancheId == Id(startUp)).Single().Context.Message;
        Assert.Equal((applicationId, Samples.Unit.CreditCode, 500_000m, false, "JS-2022-0815", new DateOnly(2022, 8, 15)),
            (paid.ApplicationId, paid.CreditCode, paid.AmountCny, paid.IsFinal, paid.VoucherNo, paid.DisbursedOn));
        released = await client.GetFromJsonAsync<JsonElement>("/api/funding/tranches?status=Released");
        Assert.DoesNotContain(released.EnumerateArray(), t => t.GetProperty("tranche").GetProperty("id").GetGuid() == Id(startUp));
    }

    [Fact]
    public async Task Paying_a_scheduled_mid_term_tranche_is_a_conflict_and_publishes_nothing()
    {
        var agreement = await Approve();
        var midTerm = Tranche(agreement, "after-mid-term");

        var response = await Disburse(Id(midTerm), new { voucherNo = "JS-2022-0900", disbursedOn = "2022-09-01" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("not-released", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.False(await service.Harness.Published.Any<TrancheDisbursed>(m => m.Context.Message.TrancheId == Id(midTerm)));
        var unchanged = await AgreementOf(agreement.GetProperty("applicationId").GetGuid());
        Assert.Equal("Scheduled", Tranche(unchanged, "after-mid-term").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Paying_twice_is_a_conflict()
    {
        var startUp = Tranche(await Approve(), "start-up");
        Assert.Equal(HttpStatusCode.OK, (await Disburse(Id(startUp), new { voucherNo = "V-1", disbursedOn = "2022-08-15" })).StatusCode);

        var again = await Disburse(Id(startUp), new { voucherNo = "V-2", disbursedOn = "2022-08-16" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-disbursed", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_redelivered_decision_makes_one_agreement()
    {
        var applicationId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        using var duplicates = PlatformCounter.InboxDuplicates();

        await service.PublishAsync(Samples.Approved(applicationId), messageId);
        await service.PublishAsync(Samples.Approved(applicationId), messageId); // broker redelivery / outbox re-publish

        await AgreementOf(applicationId);
        await Eventually.Get(() => Task.FromResult<long?>(duplicates.Count), n => n >= 1, what: "the redelivery dropped by the inbox");
        Assert.Equal(1, await Count(db => db.Agreements.Count(a => a.ApplicationId == applicationId)));
        Assert.Single(service.Harness.Published.Select<TranchesScheduled>(m => m.Context.Message.ApplicationId == applicationId));
    }

    [Fact]
    public async Task A_passed_mid_term_releases_the_rest_and_its_payment_is_final()
    {
        var agreement = await Approve();
        var applicationId = agreement.GetProperty("applicationId").GetGuid();

        await service.PublishAsync(new ProjectEvaluated(Guid.NewGuid(), applicationId, EvaluationKind.MidTerm, true, "良好", new DateOnly(2023, 7, 10)));

        var released = await AgreementOf(applicationId,
            a => Tranche(a, "after-mid-term").GetProperty("status").GetString() == "Released", what: "the mid-term tranche released");
        Assert.Equal("2023-07-10", Tranche(released, "after-mid-term").GetProperty("releasedOn").GetString());
        var response = await Disburse(Id(Tranche(released, "after-mid-term")), new { voucherNo = "V-7", disbursedOn = "2023-07-20" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await service.Harness.Published.Any<TrancheDisbursed>(m => m.Context.Message.ApplicationId == applicationId && m.Context.Message.IsFinal));
    }

    [Fact]
    public async Task A_failed_mid_term_cancels_the_rest_with_the_reason()
    {
        var agreement = await Approve();
        var applicationId = agreement.GetProperty("applicationId").GetGuid();

        await service.PublishAsync(new ProjectEvaluated(Guid.NewGuid(), applicationId, EvaluationKind.MidTerm, false, "主要指标未完成", new DateOnly(2023, 7, 10)));

        var cancelled = await AgreementOf(applicationId,
            a => Tranche(a, "after-mid-term").GetProperty("status").GetString() == "Cancelled", what: "the mid-term tranche cancelled");
        Assert.Contains("主要指标未完成", Tranche(cancelled, "after-mid-term").GetProperty("cancellationReason").GetString());
        Assert.Equal("Released", Tranche(cancelled, "start-up").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Acceptance_releases_the_acceptance_tranche()
    {
        var agreement = await Approve("three-way");
        var applicationId = agreement.GetProperty("applicationId").GetGuid();

        await service.PublishAsync(new ProjectAccepted(Guid.NewGuid(), applicationId, "three-way", Samples.Unit.CreditCode, new DateOnly(2024, 7, 1)));

        var released = await AgreementOf(applicationId,
            a => Tranche(a, "on-acceptance").GetProperty("status").GetString() == "Released", what: "the acceptance tranche released");
        Assert.Equal("2024-07-01", Tranche(released, "on-acceptance").GetProperty("releasedOn").GetString());
        Assert.Equal("Scheduled", Tranche(released, "after-mid-term").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rehearsal_tranches_stay_off_the_finance_work_list()
    {
        await service.PublishAsync(new CallPublished(Samples.Call("2022-rehearsal", rehearsal: true), DateTimeOffset.UtcNow));
        var applicationId = Guid.NewGuid();
        await service.PublishAsync(Samples.Approved(applicationId, callId: "2022-rehearsal"));
        var startUp = Tranche(await AgreementOf(applicationId), "start-up");

        var real = await client.GetFromJsonAsync<JsonElement>("/api/funding/tranches?status=Released");
        var rehearsal = await client.GetFromJsonAsync<JsonElement>("/api/funding/tranches?status=Released&rehearsal=true");

        Assert.DoesNotContain(real.EnumerateArray(), t => t.GetProperty("tranche").GetProperty("id").GetGuid() == Id(startUp));
        Assert.Contains(rehearsal.EnumerateArray(), t => t.GetProperty("tranche").GetProperty("id").GetGuid() == Id(startUp));
    }

    [Fact]
    public async Task A_decision_that_overtakes_its_call_is_retried_until_the_call_is_known()
    {
        var applicationId = Guid.NewGuid();

        await service.PublishAsync(Samples.Approved(applicationId, callId: "2023"));
        await Task.Delay(300);
        await service.PublishAsync(new CallPublished(Samples.Call("2023"), DateTimeOffset.UtcNow));

        var agreement = await AgreementOf(applicationId);
        Assert.Equal("2023", agreement.GetProperty("callId").GetString());
    }

    [Fact]
    public async Task A_rejected_decision_makes_no_agreement()
    {
        var applicationId = Guid.NewGuid();
        var rejected = Samples.Approved(applicationId) with { Decision = ProvincialDecision.Rejected, ApprovedAmountCny = null };

        await service.PublishAsync(rejected);

        Assert.True(await service.Harness.Consumed.Any<ApplicationDecided>(m => m.Context.Message.ApplicationId == applicationId));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/funding/{applicationId}")).StatusCode);
    }

    [Theory]
    [InlineData("{\"disbursedOn\": \"2022-08-15\"}", "voucherNo")]
    [InlineData("{\"voucherNo\": \"V-1\"}", "disbursedOn")]
    [InlineData("{\"voucherNo\": \"V-1\", \"disbursedOn\": \"15/08/2022\"}", "disbursedOn")]
    public async Task An_incomplete_disbursement_is_a_400_naming_the_field(string json, string field)
    {
        var startUp = Tranche(await Approve(), "start-up");

        var response = await client.PostAsync($"/api/funding/tranches/{Id(startUp)}/disbursements",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task Unknown_agreements_and_tranches_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/funding/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Disburse(Guid.NewGuid(), new { voucherNo = "V", disbursedOn = "2022-08-15" })).StatusCode);
    }
}
