using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;

namespace IpPlatform.Eligibility.Domain.Tests;

/// <summary>
/// <c>docs/samples/&lt;track&gt;.json</c>: one complete application per track of the open rehearsal call, facts that
/// meet the track's rules and the content its call data asks for, so newcomers (README walkthrough) start from
/// something that submits. Generated from the fixtures and the call data; a test fails when a committed sample
/// drifts. Regenerate with <c>IPPLATFORM_UPDATE_SAMPLES=1 dotnet test --project tests/IpPlatform.Eligibility.Domain.Tests</c>.
/// </summary>
public sealed class SampleDocumentsTests
{
    static readonly JsonSerializerOptions Written = new(DocumentJson.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable Chinese in the files
    };

    // Fictional units, with credit codes whose check character is right.
    static readonly Dictionary<string, (Func<ApplicationDocument> Fixture, string Name, string CodeBody)> Samples = new()
    {
        ["protection-zone"] = (Fixtures.PzCounty, "昆山市人民政府", "11320583MB0000001"),
        ["gi-brand"] = (Fixtures.Gi, "太仓市人民政府", "11320585MB0000002"),
        ["industrial-brand"] = (Fixtures.IndustrialBrand, "江苏某某科技股份有限公司", "91320583MA1P2K3L4"),
        ["hvp-new"] = (Fixtures.HvpEnterprise, "江苏某某新材料股份有限公司", "91320583MA1Q7W8E9"),
        ["hvp-upgrade"] = (Fixtures.HvpUpgrade, "江苏某某智能装备有限公司", "91320583MA1R3T4Y5"),
        ["univ-operation"] = (Fixtures.UnivOperation, "南京某某大学", "12320000MB0000003"),
        ["industry-center"] = (Fixtures.IndustryCenter, "苏州高新技术产业开发区管理委员会", "11320505MB0000004"),
    };

    public static TheoryData<string> Tracks() => [.. Samples.Keys];

    static ApplicationDocument Sample(string trackId)
    {
        var (fixture, name, body) = Samples[trackId];
        var track = ShippedCalls.Rehearsal2022().FindTrack(trackId)!;
        var document = fixture();
        var applicant = document.Applicant! with { Name = name, CreditCode = body + CreditCode.ComputeCheckCharacter(body) };
        var startsOn = new DateOnly(2022, 3, 1);
        var level = applicant.Kind switch { ApplicantKind.CityGovernment => "city-", ApplicantKind.CountyGovernment => "county-", ApplicantKind.ParkCommittee => "park-", _ => "" };
        return document with
        {
            CallId = ShippedCalls.RehearsalId,
            Applicant = applicant,
            Project = new ProjectContent
            {
                Name = $"{name}{track.ProgrammeZh}项目",
                Summary = $"{name}按照申报指南的要求，围绕{track.ProgrammeZh}的项目任务和绩效目标，健全工作机制，明确责任分工和进度安排，" +
                          "落实经费保障，确保项目按期完成并通过验收。",
                StartsOn = startsOn,
                EndsOn = track.PeriodYears is { } years ? startsOn.AddYears(years).AddDays(-1) : startsOn.AddYears(3).AddDays(-1),
            },
            // Every required task, and the optional ones of the applicant's level (protection-zone lists city, county and park tasks).
            Tasks = [.. track.Content.Tasks.Where(t => t.Required || (level != "" && t.Id.StartsWith(level, StringComparison.Ordinal)))
                .Select(t => new TaskPlan { TaskId = t.Id, Plan = $"围绕“{t.NameZh}”，制定年度工作计划，明确责任部门、时间节点和考核方式。" })],
            Targets = [.. track.Content.Targets.Select(t => new TargetValue { TargetId = t.Id, Value = t.Minimum ?? 10 })],
            Budget = new Budget { TotalCny = 3_000_000m, ProvincialFundsCny = 1_000_000m, OwnFundsCny = 1_800_000m, OtherFundsCny = 200_000m },
            Contact = new ContactPerson { Name = "王敏", Mobile = "13912345678", Email = "ip-contact@example.com" },
        };
    }

    static string SamplePath(string trackId) => IpPlatform.Tests.RepositoryFiles.Path("docs", "samples", $"{trackId}.json");

    [Theory]
    [MemberData(nameof(Tracks))]
    public void The_committed_sample_is_the_generated_one(string trackId)
    {
        var generated = JsonSerializer.Serialize(Sample(trackId), Written) + "\n";
        var path = SamplePath(trackId);
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";
        if (committed != generated && Environment.GetEnvironmentVariable("IPPLATFORM_UPDATE_SAMPLES") == "1")
        {
            File.WriteAllText(path, generated);
            committed = generated;
        }
        Assert.True(committed == generated,
            $"{path} differs from the fixtures and call data; regenerate: IPPLATFORM_UPDATE_SAMPLES=1 dotnet test --project tests/IpPlatform.Eligibility.Domain.Tests");
    }

    [Theory]
    [MemberData(nameof(Tracks))]
    public void Each_sample_is_well_formed_and_meets_its_tracks_rules(string trackId)
    {
        var sample = Sample(trackId);
        var call = ShippedCalls.Rehearsal2022();
        Assert.Empty(ApplicationDocumentValidator.Validate(sample, call));
        // An upgrade needs the platform's record of the unit's accepted high-value-patent centre.
        var history = trackId != "hvp-upgrade" ? EligibilityHistory.Empty : new EligibilityHistory
        {
            Projects = [Fixtures.Project(sample.Applicant!.CreditCode!, TrackIds.HvpNew, ApplicantKind.Enterprise, 2016, ProjectStatus.Accepted) with
                { AcceptedOn = new DateOnly(2019, 6, 30), FinalTranchePaid = true }],
        };
        var result = EligibilityEngine.Assess(sample, call, history);
        Assert.True(result.Outcome == EligibilityOutcome.Eligible, string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Result}")));
    }
}
