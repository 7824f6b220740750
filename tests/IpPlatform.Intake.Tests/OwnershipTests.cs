using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;
using MassTransit.Testing;

namespace IpPlatform.Intake.Tests;

/// <summary>An application belongs to the organisation whose applicant account created it; no one else changes it.</summary>
public sealed class OwnershipTests : IntakeServiceTest
{
    static readonly TestAccount Stranger = TestAccounts.Applicant(Samples.Code(7001));

    [Fact]
    public async Task A_draft_belongs_to_the_account_organisation_and_names_it()
    {
        var id = await CreateDraft();

        var owner = Service.Query((IntakeDbContext db) => db.Applications.Single(a => a.Id == id).OwnerCreditCode);
        Assert.Equal(Samples.CreditCode, owner);
    }

    [Fact]
    public async Task A_document_without_a_credit_code_is_the_account_organisations()
    {
        var document = JsonSerializer.SerializeToNode(Samples.Document("open"))!;
        document["applicant"]!.AsObject().Remove("creditCode");

        var response = await Client.PostAsJsonAsync("/api/applications", document);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Samples.CreditCode, view.GetProperty("applicant").GetProperty("creditCode").GetString());
    }

    [Fact]
    public async Task Applying_for_another_organisation_is_refused_403_and_writes_nothing()
    {
        var response = await Client.PostAsJsonAsync("/api/applications", Samples.Document("open", creditCode: Samples.Code(7002)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not-own-organisation", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, Service.Query((IntakeDbContext db) => db.Applications.Count()));
        Assert.Empty(AuditEntries());
    }

    [Fact]
    public async Task An_update_naming_another_organisation_is_refused_403_and_the_draft_is_unchanged()
    {
        var id = await CreateDraft();
        var auditBefore = AuditEntries().Count;

        var response = await Client.PutAsJsonAsync($"/api/applications/{id}", Samples.Document("open", creditCode: Samples.Code(7003)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("not-own-organisation", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var view = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");
        Assert.Equal(Samples.CreditCode, view.GetProperty("applicant").GetProperty("creditCode").GetString());
        Assert.Single(view.GetProperty("timeline").EnumerateArray());
        Assert.Equal(auditBefore, AuditEntries().Count);
    }

    [Fact]
    public async Task The_owner_updates_its_draft()
    {
        var id = await CreateDraft();
        var changed = JsonSerializer.SerializeToNode(Samples.Document("open"))!;
        changed["applicant"]!["name"] = "江苏某某科技集团有限公司";

        var response = await Client.PutAsJsonAsync($"/api/applications/{id}", changed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("江苏某某科技集团有限公司", view.GetProperty("applicant").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_organisation_cannot_tell_an_application_exists_and_changes_nothing()
    {
        var id = await CreateDraft();
        var auditBefore = AuditEntries().Count;
        var outboxBefore = OutboxCount();
        using var stranger = As(Stranger);

        var read = await stranger.GetAsync($"/api/applications/{id}");
        var update = await stranger.PutAsJsonAsync($"/api/applications/{id}", Samples.Document("open", creditCode: Stranger.Organisation));
        var submit = await stranger.PostAsync($"/api/applications/{id}/submit", null);
        var unknown = await stranger.PostAsync($"/api/applications/{Guid.NewGuid()}/submit", null);

        // The same answer as for an application that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Draft", (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("status").GetString());
        Assert.Equal(auditBefore, AuditEntries().Count);
        Assert.Equal(outboxBefore, OutboxCount());
        Assert.False(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
    }

    [Fact]
    public async Task Staff_cannot_create_change_or_submit_an_application()
    {
        var id = await CreateDraft();
        using var county = As(TestAccounts.County("320583"));

        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsJsonAsync("/api/applications", Samples.Document("open"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PutAsJsonAsync($"/api/applications/{id}", Samples.Document("open"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        Assert.Equal("Draft", (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("status").GetString());
    }
}
