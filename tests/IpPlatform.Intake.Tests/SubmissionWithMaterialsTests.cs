using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Events;
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
}
