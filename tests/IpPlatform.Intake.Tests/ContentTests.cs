using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Intake.Materials;
using IpPlatform.Testing;

namespace IpPlatform.Intake.Tests;

/// <summary>A draft may be incomplete but well-formed; a submission refuses, field by field, what is missing.</summary>
public sealed class ContentTests : IntakeServiceTest
{
    [Fact]
    public async Task A_malformed_draft_is_a_400_naming_every_bad_field_and_nothing_is_stored()
    {
        var document = JsonSerializer.SerializeToNode(Samples.Document("open"))!;
        document["contact"]!["mobile"] = "23800138000";
        document["contact"]!["email"] = "wang@example";
        document["budget"]!["totalCny"] = 1.005m;
        document["budget"]!["ownFundsCny"] = -1m;
        document["tasks"] = new JsonArray(new JsonObject { ["taskId"] = "brand-building" }, new JsonObject { ["taskId"] = "no-such-task" });
        document["targets"] = new JsonArray(new JsonObject { ["targetId"] = "new-trademarks" }, new JsonObject { ["targetId"] = "new-trademarks" });
        document["project"]!["endsOn"] = "2022-02-28";
        document["project"]!["summary"] = new string('长', 2001);
        document["partners"] = new JsonArray(new JsonObject { ["name"] = "合作方", ["creditCode"] = Samples.Code(5) });

        var response = await Client.PostAsJsonAsync("/api/applications", document);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
        [
            "budget.ownFundsCny", "budget.totalCny", "contact.email", "contact.mobile", "partners[0].role",
            "project.endsOn", "project.summary", "targets[1].targetId", "tasks[1].taskId",
        ], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("more than 2 decimals", errors.GetProperty("budget.totalCny")[0].GetString());
        Assert.Contains("brand-building", errors.GetProperty("tasks[1].taskId")[0].GetString());
        Assert.Contains("more than once", errors.GetProperty("targets[1].targetId")[0].GetString());
        Assert.Equal(0, Service.Query((IntakeDbContext db) => db.Applications.Count()));
    }

    [Fact]
    public async Task An_incomplete_draft_is_saved_but_its_submission_lists_what_is_missing_and_changes_nothing()
    {
        var document = JsonSerializer.SerializeToNode(Samples.Document("open"))!.AsObject();
        document.Remove("contact");
        document["budget"]!["otherFundsCny"] = 0m;    // parts no longer add up to the total
        document["project"]!.AsObject().Remove("name");
        var created = await Client.PostAsJsonAsync("/api/applications", document);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var outboxBefore = OutboxCount();

        var response = await Client.PostAsync($"/api/applications/{id}/submit", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The application is incomplete", problem.GetProperty("title").GetString());
        Assert.Equal(["budget.totalCny", "contact.email", "contact.mobile", "contact.name", "project.name"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var view = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");
        Assert.Equal("Draft", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("fingerprint").ValueKind);
        Assert.Equal(outboxBefore, OutboxCount());
    }

    [Fact]
    public async Task A_required_material_without_a_file_blocks_submission_until_one_is_there()
    {
        var call = Samples.Call("with-materials", new DateOnly(2099, 12, 31), materials: [new MaterialDefinition("commitment-letter", "信用承诺书")]);
        await Service.PublishAsync(new CallPublished(call, DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Count())), n => n == 3, what: "the third call known");
        var id = await CreateDraft("with-materials");

        var refused = await Client.PostAsync($"/api/applications/{id}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("materials.commitment-letter", out _));

        var file = Service.AddMaterial(id, "commitment-letter", "承诺书.pdf", "%PDF-1.7 承诺"u8.ToArray());
        var accepted = await Client.PostAsync($"/api/applications/{id}/submit", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id));
        var submitted = Service.Harness.Published.Select<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id).Single().Context.Message;
        var frozen = Assert.Single(submitted.Materials);
        Assert.Equal(new SubmittedMaterial("commitment-letter", "承诺书.pdf", "application/pdf", file.SizeBytes, file.Sha256), frozen);
        Assert.Matches("^[0-9a-f]{64}$", submitted.Fingerprint!);
    }
}

/// <summary>Material rows as the materials endpoints would store them (their upload is another part's).</summary>
static class MaterialRows
{
    public static ApplicationMaterial AddMaterial(this ServiceFactory<Program> service, Guid applicationId, string materialId, string fileName, byte[] bytes) =>
        service.Query((IntakeDbContext db) =>
        {
            var row = new ApplicationMaterial(applicationId, materialId, fileName, "application/pdf", bytes.Length,
                Convert.ToHexStringLower(SHA256.HashData(bytes)), DateTime.UtcNow, "test");
            db.Materials.Add(row);
            db.SaveChanges();
            return row;
        });
}
