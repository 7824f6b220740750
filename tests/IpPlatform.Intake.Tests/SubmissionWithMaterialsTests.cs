using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
using IpPlatform.Intake.Data;
using IpPlatform.Printing;
using IpPlatform.Testing;
using UglyToad.PdfPig;

namespace IpPlatform.Intake.Tests;

/// <summary>Files uploaded through the materials endpoints are what submission checks, freezes, fingerprints and prints.</summary>
public sealed class SubmissionWithMaterialsTests : MaterialsServiceTest
{
    [Fact]
    public async Task Uploaded_files_complete_the_application_and_travel_frozen_in_the_event_the_fingerprint_and_the_form()
    {
        var id = await CreateDraft();
        var letter = MaterialsSamples.Pdf("letter");
        var form = MaterialsSamples.Pdf("form");
        await Uploaded(id, "commitment-letter", letter, "信用承诺书.pdf");

        var incomplete = await Problem(await Client.PostAsync($"/api/applications/{id}/submit", null, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(["materials.application-form"], incomplete.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        await Uploaded(id, "application-form", form, "申报书.pdf");
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{id}/submit", null, Ct)).StatusCode);

        Assert.True(await Service.Harness.Published.Any<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id, Ct));
        var submitted = Service.Harness.Published.Select<ApplicationSubmitted>(m => m.Context.Message.ApplicationId == id, Ct).Single().Context.Message;
        // In the call's order, whatever the order of upload.
        Assert.Equal(
        [
            new SubmittedMaterial("application-form", "申报书.pdf", "application/pdf", form.Length, MaterialsSamples.Sha256(form)),
            new SubmittedMaterial("commitment-letter", "信用承诺书.pdf", "application/pdf", letter.Length, MaterialsSamples.Sha256(letter)),
        ], submitted.Materials);
        using var county = As(TestAccounts.County("320583"));
        var verified = await county.GetFromJsonAsync<JsonElement>($"/api/applications/verification/{submitted.Fingerprint}", Ct);
        Assert.True(verified.GetProperty("matches").GetBoolean());

        var pdf = await (await county.GetAsync($"/api/applications/{id}/form.pdf", Ct)).Content.ReadAsByteArrayAsync(Ct);
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().SelectMany(p => p.Text).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains(MaterialsSamples.Sha256(letter), text);
        Assert.Contains(FingerprintText.Grouped(submitted.Fingerprint!).Replace(" ", ""), text);
    }

    [Fact]
    public async Task A_submitted_application_is_listed_with_the_call_version_it_was_submitted_under_and_a_draft_with_the_current_one()
    {
        var submittedId = await CreateDraft();
        await Uploaded(submittedId, "commitment-letter", MaterialsSamples.Pdf("letter"), "信用承诺书.pdf");
        await Uploaded(submittedId, "application-form", MaterialsSamples.Pdf("form"), "申报书.pdf");
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync($"/api/applications/{submittedId}/submit", null, Ct)).StatusCode);

        // A correction renames a material: the submitted application keeps version 1's names, a new draft sees version 2's.
        var corrected = MaterialsSamples.Call("open", new DateOnly(2099, 12, 31)) is var call
            ? call with { Tracks = [.. call.Tracks.Select(t => t with { Content = t.Content with
                { Materials = [.. t.Content.Materials.Select(m => m.Id == "commitment-letter" ? m with { NameZh = "信用承诺书（勘误）" } : m)] } })] }
            : null;
        await Service.PublishAsync(new CallPublished(corrected!, DateTimeOffset.UtcNow) { Version = 2 });
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Single().Version)), v => v == 2, what: "version 2 known");

        static string NameOfLetter(JsonElement list) => list.GetProperty("materials").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == "commitment-letter").GetProperty("nameZh").GetString()!;
        var submitted = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{submittedId}/materials", Ct);
        Assert.NotEqual("信用承诺书（勘误）", NameOfLetter(submitted));
        var draft = await CreateDraft();
        Assert.Equal("信用承诺书（勘误）", NameOfLetter(await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{draft}/materials", Ct)));
    }
}
