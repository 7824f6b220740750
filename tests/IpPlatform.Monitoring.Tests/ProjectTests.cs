using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Events;
using IpPlatform.Monitoring.Projects;
using IpPlatform.Security;

namespace IpPlatform.Monitoring.Tests;

public sealed class ProjectTests
{
    static readonly DateTime Now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    static readonly Actor Province = new("acc-province", "province", PlatformRoles.Province, null);
    static readonly Actor Undertaker = new("acc-unit", Samples.Unit.CreditCode, PlatformRoles.Applicant, null);

    static Project Open(string track = "hvp-new", DateTimeOffset? decidedAt = null)
    {
        var call = Samples.Call();
        return Project.Open(Samples.Approved(Guid.NewGuid(), track, decidedAt: decidedAt), KnownTrack.From(call, call.FindTrack(track)!), Now);
    }

    static string RuleCode(Action action) => Assert.Throws<BusinessRuleException>(action).Code;

    static ProjectEvaluated MidTerm(Project p, bool passed = true, string on = "2023-07-05") => p.Evaluate(Province, EvaluationKind.MidTerm, passed, "意见", DateOnly.Parse(on), Now);
    static ProjectEvaluated Final(Project p, bool passed = true, string on = "2025-06-20") => p.Evaluate(Province, EvaluationKind.Final, passed, "意见", DateOnly.Parse(on), Now);

    [Fact]
    public void A_project_starts_on_the_decision_date_in_China_with_its_mid_term_and_end_from_the_track()
    {
        var project = Open();

        Assert.Equal(new DateOnly(2022, 7, 1), project.StartsOn); // 20:00 UTC on 30 June is 1 July in Nanjing
        Assert.Equal(new DateOnly(2023, 7, 1), project.EvaluationDueOn);
        Assert.Equal(new DateOnly(2025, 7, 1), project.EndsOn);
        Assert.Equal(ProjectStatus.Open, project.Status);
        var started = project.Started();
        Assert.Equal((project.Id, new DateOnly(2022, 7, 1), new DateOnly(2023, 7, 1), (DateOnly?)new DateOnly(2025, 7, 1), Samples.Unit),
            (started.ProjectId, started.StartsOn, started.EvaluationDueOn, started.EndsOn, started.Applicant));
    }

    [Fact]
    public void Months_are_calendar_months_clamped_to_the_month_end()
    {
        var project = Open("protection-zone", new DateTimeOffset(2023, 8, 31, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2025, 2, 28), project.EvaluationDueOn);
        Assert.Equal(new DateOnly(2026, 8, 31), project.EndsOn);
    }

    [Fact]
    public void An_open_ended_project_has_no_end_and_is_evaluated_every_three_years()
    {
        var project = Open("hvp-upgrade");

        Assert.Null(project.EndsOn);
        Assert.Equal(new DateOnly(2025, 7, 1), project.EvaluationDueOn);

        MidTerm(project, on: "2025-06-28");
        Assert.Equal((ProjectStatus.MidTermPassed, new DateOnly(2028, 7, 1)), (project.Status, project.EvaluationDueOn));

        MidTerm(project, passed: false, on: "2028-07-03");
        Assert.Equal(ProjectStatus.Terminated, project.Status);
    }

    [Fact]
    public void A_mid_term_cannot_be_recorded_twice_on_a_fixed_period_project()
    {
        var project = Open();
        MidTerm(project);

        Assert.Equal("mid-term-recorded", RuleCode(() => MidTerm(project, on: "2023-08-01")));
        Assert.Single(project.Evaluations);
    }

    [Fact]
    public void A_final_evaluation_needs_a_passed_mid_term()
    {
        var project = Open();

        Assert.Equal("mid-term-not-passed", RuleCode(() => Final(project)));
        Assert.Equal(ProjectStatus.Open, project.Status);
        Assert.Empty(project.Evaluations);
    }

    [Fact]
    public void Acceptance_needs_a_passed_final_evaluation_and_happens_once()
    {
        var project = Open();
        MidTerm(project);
        Assert.Equal("final-not-passed", RuleCode(() => project.Accept(Province, new DateOnly(2025, 7, 1))));

        Final(project);
        var accepted = project.Accept(Province, new DateOnly(2025, 7, 1));

        Assert.Equal(new ProjectAccepted(project.Id, project.ApplicationId, "hvp-new", Samples.Unit.CreditCode, new DateOnly(2025, 7, 1)) { By = Province }, accepted);
        Assert.Equal((ProjectStatus.Accepted, (DateOnly?)new DateOnly(2025, 7, 1), "province"), (project.Status, project.AcceptedOn, project.AcceptedBy));
        Assert.Equal("already-accepted", RuleCode(() => project.Accept(Province, new DateOnly(2025, 7, 2))));
    }

    [Fact]
    public void A_failed_final_evaluation_closes_the_project_unaccepted()
    {
        var project = Open();
        MidTerm(project);

        var evaluated = Final(project, passed: false);

        Assert.False(evaluated.Passed);
        Assert.Equal(ProjectStatus.FinalFailed, project.Status);
        Assert.Equal("final-not-passed", RuleCode(() => project.Accept(Province, new DateOnly(2025, 7, 1))));
        Assert.Equal("project-closed", RuleCode(() => Final(project, on: "2025-07-01")));
    }

    [Fact]
    public void A_failed_mid_term_terminates_the_project_and_nothing_more_can_be_recorded()
    {
        var project = Open();

        var evaluated = MidTerm(project, passed: false);

        Assert.Equal(new ProjectEvaluated(project.Id, project.ApplicationId, EvaluationKind.MidTerm, false, "意见", new DateOnly(2023, 7, 5)) { By = Province }, evaluated);
        Assert.Equal("province", Assert.Single(project.Evaluations).RecordedBy);
        Assert.Equal(ProjectStatus.Terminated, project.Status);
        Assert.Equal("project-closed", RuleCode(() => Final(project)));
        Assert.Equal("project-closed", RuleCode(() => project.FileReport(Undertaker, Samples.Unit.CreditCode, new DateOnly(2023, 8, 1), null, [new("inventionApplications", 10, 100)], Now)));
    }

    [Fact]
    public void Evaluations_and_acceptance_cannot_be_dated_out_of_order()
    {
        var project = Open();

        Assert.Equal("date-out-of-order", RuleCode(() => MidTerm(project, on: "2022-06-30")));
        MidTerm(project, on: "2023-07-05");
        Assert.Equal("date-out-of-order", RuleCode(() => Final(project, on: "2023-07-04")));
        Final(project, on: "2025-06-20");
        Assert.Equal("date-out-of-order", RuleCode(() => project.Accept(Province, new DateOnly(2025, 6, 19))));
    }

    [Fact]
    public void Reports_are_filed_while_the_project_runs_and_measure_indicators_against_targets()
    {
        var project = Open();

        var report = project.FileReport(Undertaker, Samples.Unit.CreditCode, new DateOnly(2023, 1, 15), "年度进展", [new("inventionApplications", 130, 100), new("implementationRate", 0.7m, 0.8m), new("trainees", 40, null)], Now);

        Assert.Equal([true, false, null], report.Indicators.Select(i => i.Met));
        Assert.Same(report, Assert.Single(project.Reports));
        Assert.Equal("date-out-of-order", RuleCode(() => project.FileReport(Undertaker, Samples.Unit.CreditCode, new DateOnly(2022, 6, 1), null, [new("x", 1, 1)], Now)));
    }

    [Theory]
    [InlineData(PlatformRoles.Province, null, null, true)]
    [InlineData(PlatformRoles.Admin, null, null, true)]
    [InlineData(PlatformRoles.Agency, null, null, true)]
    [InlineData(PlatformRoles.Finance, null, null, true)]
    [InlineData(PlatformRoles.Expert, null, null, true)]
    [InlineData(PlatformRoles.CountyOffice, "320102", null, true)] // the unit's own district
    [InlineData(PlatformRoles.CountyOffice, "320104", null, false)] // another district of the same city
    [InlineData(PlatformRoles.CountyOffice, null, null, false)]
    [InlineData(PlatformRoles.CityOffice, "320100", null, true)] // Nanjing, where Xuanwu lies
    [InlineData(PlatformRoles.CityOffice, "320500", null, false)]
    [InlineData(PlatformRoles.CityGovernment, "320100", null, true)]
    [InlineData(PlatformRoles.CityGovernment, "320500", null, false)]
    [InlineData(PlatformRoles.Applicant, null, "12320000466007000X", true)] // Samples.Unit
    [InlineData(PlatformRoles.Applicant, null, "91320583MA1XXXXX0X", false)]
    [InlineData(PlatformRoles.Applicant, null, null, false)]
    [InlineData("someone-else", null, null, false)]
    public void A_project_is_read_by_the_overseers_its_region_its_city_and_its_own_unit(string role, string? office, string? organisation, bool readable)
    {
        var project = Open();
        var actor = new Actor("acc-1", "someone", role, office);

        Assert.Equal(readable, project.CanBeReadBy(actor, organisation));
        // The query form is the same rule: it selects the project exactly when the project may be read.
        Assert.Equal(readable, new[] { project }.AsQueryable().Where(Project.ReadableBy(actor, organisation)).Any());
    }

    [Fact]
    public void A_project_keeps_the_city_its_unit_lies_in_from_the_region_table()
    {
        var call = Samples.Call();
        var inParkOfSuzhou = Samples.Approved(Guid.NewGuid()) with { Applicant = Samples.Unit with { RegionCode = "320576" } };

        Assert.Equal("320100", Open().CityCode);
        Assert.Equal("320500", Project.Open(inParkOfSuzhou, KnownTrack.From(call, call.Tracks[0]), Now).CityCode);
    }

    [Theory]
    [InlineData(PlatformRoles.Admin)]
    [InlineData(PlatformRoles.CityOffice)]
    [InlineData(PlatformRoles.Expert)]
    public void Only_the_province_evaluates_and_accepts_and_a_refusal_changes_nothing(string role)
    {
        var project = Open();
        var other = new Actor("acc-1", "someone", role, "320100");

        Assert.Equal("province-only", Assert.Throws<ActRefusedException>(() => project.Evaluate(other, EvaluationKind.MidTerm, true, null, new DateOnly(2023, 7, 5), Now)).Code);
        MidTerm(project);
        Final(project);
        Assert.Equal("province-only", Assert.Throws<ActRefusedException>(() => project.Accept(other, new DateOnly(2025, 7, 1))).Code);

        Assert.Equal((ProjectStatus.FinalPassed, 2, (DateOnly?)null), (project.Status, project.Evaluations.Count, project.AcceptedOn));
    }

    [Fact]
    public void Only_the_undertaking_unit_files_reports_and_each_report_names_who_filed_it()
    {
        var project = Open();
        var anotherUnit = new Actor("acc-2", "91320583MA1XXXXX0X", PlatformRoles.Applicant, null);

        Assert.Equal("not-the-undertaking-unit", Assert.Throws<ActRefusedException>(() =>
            project.FileReport(anotherUnit, "91320583MA1XXXXX0X", new DateOnly(2023, 1, 15), null, [new("x", 1, 1)], Now)).Code);
        Assert.Equal("not-the-undertaking-unit", Assert.Throws<ActRefusedException>(() =>
            project.FileReport(Province, Samples.Unit.CreditCode, new DateOnly(2023, 1, 15), null, [new("x", 1, 1)], Now)).Code);
        Assert.Empty(project.Reports);

        var report = project.FileReport(Undertaker, Samples.Unit.CreditCode, new DateOnly(2023, 1, 15), null, [new("x", 1, 1)], Now);
        Assert.Equal(Samples.Unit.CreditCode, report.FiledBy);
    }
}
