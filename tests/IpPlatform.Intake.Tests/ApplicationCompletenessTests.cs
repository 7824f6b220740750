using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Intake.Applications;

namespace IpPlatform.Intake.Tests;

/// <summary>What submission needs, field by field, from the track's content rules (no host).</summary>
public sealed class ApplicationCompletenessTests
{
    static readonly TrackDefinition Track = Samples.Call("open", new DateOnly(2099, 12, 31),
        materials: [new MaterialDefinition("commitment-letter", "信用承诺书"), new MaterialDefinition("other-proof", "其他证明材料") { Required = false }]).Tracks[0];

    static readonly ApplicationDocument Complete = JsonSerializer.Deserialize<ApplicationDocument>(
        JsonSerializer.Serialize(Samples.Document("open")), DocumentJson.Options)!;

    static IReadOnlyDictionary<string, string[]> Check(ApplicationDocument document, TrackDefinition? track = null, params string[] files) =>
        ApplicationCompleteness.Check(document, track ?? Track, files.Length == 0 ? ["commitment-letter"] : files);

    [Fact]
    public void A_complete_application_with_its_required_material_passes() => Assert.Empty(Check(Complete));

    [Fact]
    public void An_application_with_nothing_but_its_facts_lists_every_missing_field()
    {
        var bare = Complete with { Project = null, Tasks = null, Targets = null, Budget = null, Contact = null };

        var missing = ApplicationCompleteness.Check(bare, Track, []);

        Assert.Equal(
        [
            "budget.otherFundsCny", "budget.ownFundsCny", "budget.provincialFundsCny", "budget.totalCny",
            "contact.email", "contact.mobile", "contact.name", "materials.commitment-letter",
            "project.endsOn", "project.name", "project.startsOn", "project.summary",
            "targets.new-trademarks", "tasks.brand-building",
        ], missing.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("信用承诺书", missing["materials.commitment-letter"][0]);
    }

    [Fact]
    public void The_budget_parts_must_add_up_to_the_total_exactly()
    {
        var off = Complete with { Budget = Complete.Budget! with { TotalCny = 3_000_000.01m } };

        Assert.Contains("provincial + own + other", Assert.Single(Check(off)["budget.totalCny"]));
    }

    [Fact]
    public void Provincial_funds_above_the_tracks_maximum_are_refused()
    {
        var greedy = Complete with { Budget = new Budget { TotalCny = 3_000_000m, ProvincialFundsCny = 1_000_000.01m, OwnFundsCny = 1_799_999.99m, OtherFundsCny = 200_000m } };

        Assert.Equal(["budget.provincialFundsCny"], Check(greedy).Keys);
    }

    [Theory]
    [InlineData("2022-03-01", "2024-02-29", true)]   // start + 2 years − 1 day, over a leap day
    [InlineData("2022-03-01", "2024-03-01", false)]  // one day too long
    [InlineData("2022-01-01", "2023-12-30", false)]  // one day short
    [InlineData("2022-01-01", "2023-12-31", true)]
    public void The_period_spans_exactly_the_tracks_years(string starts, string ends, bool accepted)
    {
        var document = Complete with { Project = Complete.Project! with { StartsOn = DateOnly.Parse(starts), EndsOn = DateOnly.Parse(ends) } };

        Assert.Equal(accepted, !Check(document).ContainsKey("project.endsOn"));
    }

    [Fact]
    public void A_track_without_a_period_accepts_any_span()
    {
        var openEnded = Track with { PeriodYears = null };
        var document = Complete with { Project = Complete.Project! with { StartsOn = new DateOnly(2022, 3, 1), EndsOn = new DateOnly(2022, 5, 17) } };

        Assert.Empty(Check(document, openEnded));
        Assert.Contains("project.endsOn", Check(document).Keys);
    }

    [Fact]
    public void A_required_task_needs_a_plan_and_a_required_target_its_minimum()
    {
        var document = Complete with
        {
            Tasks = [new TaskPlan { TaskId = "brand-building", Plan = "  " }],
            Targets = [new TargetValue { TargetId = "new-trademarks", Value = 9 }],
        };

        var missing = Check(document);

        Assert.Equal(["targets[0].value", "tasks[0].plan"], missing.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("at least 10 件", missing["targets[0].value"][0]);
    }

    [Fact]
    public void A_call_published_with_content_null_asks_for_the_default_content_only()
    {
        var json = JsonSerializer.Serialize(Track with { Content = null! }, DocumentJson.Options);
        var withoutContent = JsonSerializer.Deserialize<TrackDefinition>(json, DocumentJson.Options)!;

        // No tasks, targets or materials are asked for; the default summary bounds (50 to 2000) apply to the sample's shorter summary.
        Assert.Equal(["project.summary"], ApplicationCompleteness.Check(Complete, withoutContent, []).Keys);
        Assert.Contains("project.name", ApplicationCompleteness.Check(Complete with { Project = null }, withoutContent, []).Keys);
    }

    [Fact]
    public void Optional_tasks_and_materials_may_be_left_out_and_the_summary_must_fit_its_bounds()
    {
        var shortSummary = Complete with { Project = Complete.Project! with { Summary = "太短了" } };

        Assert.Empty(Check(Complete, files: "commitment-letter"));
        Assert.Contains("20 to 2000", Assert.Single(Check(shortSummary)["project.summary"]));
    }
}
