using System.Net;
using System.Text;
using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;
using IpPlatform.Intake.Data;
using IpPlatform.Testing;
using IpPlatform.Tests;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// What a newcomer or an outside tool starts from submits as it is, through the API: each track's
/// docs/samples/&lt;track&gt;.json with docs/samples/materials/sample-attachment.pdf for each material the shipped call
/// requires, against the rehearsal copy of the shipped call (its deadlines in the future, as the AppHost publishes it).
/// </summary>
public sealed class SampleSubmissionTests : MaterialsServiceTest
{
    static readonly CallDocument Call2022 = JsonSerializer.Deserialize<CallDocument>(
        File.ReadAllText(RepositoryFiles.Path("services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")), DocumentJson.Options)!;

    public static TheoryData<string> Tracks() => [.. Call2022.Tracks.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(Tracks))]
    public async Task The_sample_of_each_track_with_the_stand_in_attachment_submits_as_it_is(string trackId)
    {
        var rehearsal = Call2022 with
        {
            Id = "2022-rehearsal",
            Tracks = [.. Call2022.Tracks.Select(t => t with { OnlineDeadline = new DateOnly(2099, 12, 31), OnlineDeadlineAt = null })],
        };
        await Service.PublishAsync(new CallPublished(rehearsal, DateTimeOffset.UtcNow));
        await Eventually.Get(() => Task.FromResult<int?>(Service.Query((IntakeDbContext db) => db.Calls.Count())), n => n == 2, what: "the rehearsal call known");

        var json = await File.ReadAllTextAsync(RepositoryFiles.Path("docs", "samples", $"{trackId}.json"), Ct);
        var sample = JsonSerializer.Deserialize<ApplicationDocument>(json, DocumentJson.Options)!;
        using var applicant = As(TestAccounts.Applicant(sample.Applicant!.CreditCode!));

        var created = await applicant.PostAsync("/api/applications", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
        var attachment = await File.ReadAllBytesAsync(RepositoryFiles.Path("docs", "samples", "materials", "sample-attachment.pdf"), Ct);
        foreach (var material in rehearsal.FindTrack(trackId)!.Content.Materials.Where(m => m.Required))
        {
            var uploaded = await Upload(id, material.Id, attachment, $"{material.Id}.pdf", applicant);
            Assert.True(uploaded.StatusCode == HttpStatusCode.Created, $"{material.Id}: {await uploaded.Content.ReadAsStringAsync(Ct)}");
        }

        var submitted = await applicant.PostAsync($"/api/applications/{id}/submit", null, Ct);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync(Ct));
    }
}
