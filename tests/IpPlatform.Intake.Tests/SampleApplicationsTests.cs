using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Intake.Applications;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// The samples the README starts newcomers from (docs/samples/&lt;track&gt;.json) hold everything the shipped call's
/// content rules ask for: with a file for each material, each one would be accepted at submission.
/// </summary>
public sealed class SampleApplicationsTests
{
    static readonly CallDocument Call2022 = JsonSerializer.Deserialize<CallDocument>(
        File.ReadAllText(IpPlatform.Tests.RepositoryFiles.Path("services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")), DocumentJson.Options)!;

    public static TheoryData<string> Tracks() => [.. Call2022.Tracks.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(Tracks))]
    public void The_sample_of_each_track_is_complete_for_submission(string trackId)
    {
        var sample = JsonSerializer.Deserialize<ApplicationDocument>(File.ReadAllText(IpPlatform.Tests.RepositoryFiles.Path("docs", "samples", $"{trackId}.json")), DocumentJson.Options)!;
        var track = Call2022.FindTrack(trackId)!;

        Assert.Equal(trackId, sample.Track);
        Assert.Empty(ApplicationDocumentValidator.Validate(sample with { CallId = Call2022.Id }, Call2022));
        var missing = ApplicationCompleteness.Check(sample, track, track.Content.Materials.Select(m => m.Id));
        Assert.True(missing.Count == 0, string.Join("; ", missing.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        // Without files the required materials are what is missing, each by its id.
        var withoutFiles = ApplicationCompleteness.Check(sample, track, []);
        Assert.Equal(track.Content.Materials.Where(m => m.Required).Select(m => $"materials.{m.Id}").Order(), withoutFiles.Keys.Order());
    }
}
