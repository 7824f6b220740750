using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;
using ProjectStatus = IpPlatform.Eligibility.Domain.ProjectStatus;

namespace IpPlatform.Eligibility.Tests;

/// <summary>The history rules read the record the service builds from other services' events and from CSV imports.</summary>
public sealed class HistoryTests : EligibilityServiceTest
{
    async Task<JsonElement> PrecheckUntil(JsonObject document, string ruleId, string result, string what) =>
        await WaitFor(() => Precheck(document), a => Result(a, ruleId) == result, what);

    [Fact]
    public async Task A_started_project_blocks_industrial_brand_until_accepted_and_finally_paid()
    {
        var unit = Samples.Code(50);
        var document = Samples.IndustrialBrand(unit);
        Assert.Equal("Pass", Result(await Precheck(document), "IB-NOT-UNDERTAKING"));

        var applicationId = await Submit(document);
        await AssessmentPublished(applicationId);
        var projectId = Guid.NewGuid();
        await Service.PublishAsync(new ProjectStarted(projectId, applicationId, "2022-rehearsal", "industrial-brand",
            new ApplicantSummary("江苏某某科技股份有限公司", unit, "Enterprise", "320583"),
            new DateOnly(2022, 7, 1), new DateOnly(2023, 7, 1), new DateOnly(2024, 6, 30)));

        var undertaking = await PrecheckUntil(document, "IB-NOT-UNDERTAKING", "Fail", "the started project in the record");
        Assert.Equal("Ineligible", Outcome(undertaking));
        Assert.Contains("industrial-brand", Finding(undertaking, "IB-NOT-UNDERTAKING").GetProperty("messageEn").GetString());

        // A passed mid-term evaluation and a non-final tranche change nothing.
        await Service.PublishAsync(new ProjectEvaluated(projectId, applicationId, EvaluationKind.MidTerm, true, null, new DateOnly(2023, 7, 1)));
        await Service.PublishAsync(new TrancheDisbursed(Guid.NewGuid(), applicationId, unit, "start-up", 500_000m, false, "V-1", new DateOnly(2022, 8, 1)));
        // Accepted, but the final tranche is still unpaid: still undertaking (spec: 含尾款未拨付).
        await Service.PublishAsync(new ProjectAccepted(projectId, applicationId, "industrial-brand", unit, new DateOnly(2024, 6, 30)));
        await WaitFor(() => Task.FromResult(InDatabase(db => db.Projects.Single(p => p.ApplicationId == applicationId).Status)),
            s => s == ProjectStatus.Accepted, "the acceptance in the record");
        Assert.False(InDatabase(db => db.Projects.Single(p => p.ApplicationId == applicationId).FinalTranchePaid));
        var accepted = await Precheck(document);
        Assert.Equal("Fail", Result(accepted, "IB-NOT-UNDERTAKING"));
        Assert.Contains("final tranche unpaid", Finding(accepted, "IB-NOT-UNDERTAKING").GetProperty("messageEn").GetString());

        await Service.PublishAsync(new TrancheDisbursed(Guid.NewGuid(), applicationId, unit, "after-mid-term", 500_000m, true, "V-2", new DateOnly(2024, 8, 1)));

        var closed = await PrecheckUntil(document, "IB-NOT-UNDERTAKING", "Pass", "the final tranche in the record");
        Assert.Equal("Eligible", Outcome(closed));
    }

    [Fact]
    public async Task Another_units_project_does_not_count_against_it()
    {
        var applicationId = await Submit(Samples.IndustrialBrand(Samples.Code(51)));
        await AssessmentPublished(applicationId);
        await Service.PublishAsync(new ProjectStarted(Guid.NewGuid(), applicationId, "2022-rehearsal", "industrial-brand",
            new ApplicantSummary("甲", Samples.Code(51), "Enterprise", "320583"), new DateOnly(2022, 7, 1), new DateOnly(2023, 7, 1), null));
        await WaitFor(() => Task.FromResult<int?>(InDatabase(db => db.Projects.Count(p => p.ApplicationId == applicationId))), n => n == 1, "project recorded");

        Assert.Equal("Pass", Result(await Precheck(Samples.IndustrialBrand(Samples.Code(52))), "IB-NOT-UNDERTAKING"));
    }

    [Fact]
    public async Task A_city_and_a_county_inside_it_may_not_designate_the_same_GI()
    {
        var suzhou = Samples.GiBrand(Samples.Code(53, '1'), "CityGovernment", "320500");
        var kunshan = Samples.GiBrand(Samples.Code(54, '1'), "CountyGovernment", "320583");
        var wuxiCounty = Samples.GiBrand(Samples.Code(55, '1'), "CountyGovernment", "320281");
        Assert.Equal("Pass", Result(await Precheck(kunshan), "GI-UNIQUE"));

        var cityApplication = await Submit(suzhou);
        Assert.Equal(EligibilityOutcome.Eligible, (await AssessmentPublished(cityApplication)).Outcome);
        var countyApplication = await Submit(kunshan);
        var county = await AssessmentPublished(countyApplication);

        Assert.Equal(EligibilityOutcome.Ineligible, county.Outcome);
        Assert.Equal("Fail", county.Findings.Single(f => f.RuleId == "GI-UNIQUE").Result);
        Assert.Equal("Fail", Result(await Precheck(kunshan), "GI-UNIQUE"));
        // A county of another city is no clash, nor is another GI in the same county.
        Assert.Equal("Pass", Result(await Precheck(wuxiCounty), "GI-UNIQUE"));
        Assert.Equal("Pass", Result(await Precheck(Samples.GiBrand(Samples.Code(54, '1'), "CountyGovernment", "320583", "昆山大米")), "GI-UNIQUE"));
    }

    [Fact]
    public async Task GI_UNIQUE_finds_the_same_GI_written_with_other_spacing_and_case()
    {
        // The store is asked for one GI by its comparison key (no white space, no case), as the rule compares names.
        var city = Samples.GiBrand(Samples.Code(56, '1'), "CityGovernment", "320500", "Yangcheng Lake  Crab");
        var county = Samples.GiBrand(Samples.Code(57, '1'), "CountyGovernment", "320583", "yangchenglake\u3000crab");

        Assert.Equal(EligibilityOutcome.Eligible, (await AssessmentPublished(await Submit(city))).Outcome);

        Assert.Equal("Fail", Result(await Precheck(county), "GI-UNIQUE"));
        Assert.Equal("Pass", Result(await Precheck(Samples.GiBrand(Samples.Code(57, '1'), "CountyGovernment", "320583", "Yangcheng Lake Fish")), "GI-UNIQUE"));
    }

    const string Header = "creditCode,trackId,kind,callYear,status,acceptedOn,finalTranchePaid,unitName,school,disciplineField";

    Task<HttpResponseMessage> Import(string csv) =>
        Admin.PostAsync("/api/eligibility/history/projects/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task An_imported_high_value_patent_project_makes_its_lead_ineligible_for_a_new_one()
    {
        var lead = Samples.Code(60);
        var document = Samples.HvpNewEnterprise(lead);
        Assert.Equal("Pass", Result(await Precheck(document), "HVPN-NOT-PREVIOUS-LEAD"));
        var csv = $"""
            {Header}
            {lead},hvp-new,Enterprise,2017,Accepted,2019-06-30,true,"某某电子有限公司, 苏州",,
            {Samples.Code(61)},enterprise-ip-strategy,Enterprise,2020,Ongoing,,,其他单位,,

            """;

        var response = await Import(csv);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        var after = await Precheck(document);
        Assert.Equal("Fail", Result(after, "HVPN-NOT-PREVIOUS-LEAD"));
        Assert.Equal("Ineligible", Outcome(after));
        Assert.Equal("Fail", Result(await Precheck(Samples.HvpNewEnterprise(Samples.Code(61))), "HVPN-NO-OPEN-STRATEGY"));
        Assert.Equal("Pass", Result(await Precheck(Samples.HvpNewEnterprise(Samples.Code(62))), "HVPN-NOT-PREVIOUS-LEAD"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_a_changed_row_updates_its_project()
    {
        var csv = $"""
            {Header}
            {Samples.Code(66)},hvp-new,Enterprise,2019,Ongoing,,,某某电子有限公司,,
            {Samples.Code(67)},enterprise-ip-strategy,Enterprise,2020,Ongoing,,,其他单位,,

            """;
        Assert.Equal(HttpStatusCode.OK, (await Import(csv)).StatusCode);
        var before = CountRowsOfEveryTable();

        var again = await (await Import(csv)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((0, 0, 2), (again.GetProperty("imported").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal(before, CountRowsOfEveryTable()); // no project, no audit entry

        var accepted = csv.Replace("2019,Ongoing,,", "2019,Accepted,2021-12-01,true");
        var update = await (await Import(accepted)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((0, 1, 1), (update.GetProperty("imported").GetInt32(), update.GetProperty("updated").GetInt32(), update.GetProperty("unchanged").GetInt32()));
        Assert.Equal(2, InDatabase(db => db.Projects.Count()));
        Assert.Equal(new DateOnly(2021, 12, 1), InDatabase(db => db.Projects.Single(p => p.CreditCode == Samples.Code(66)).AcceptedOn));
    }

    [Fact]
    public async Task An_imported_GI_is_found_whatever_its_spacing_and_width()
    {
        var county = Samples.Code(68);
        var document = Samples.GiBrand(county, "CountyGovernment", "320585", giName: "阳澄湖大闸蟹");
        Assert.Equal("Pass", Result(await Precheck(document), "GI-NOT-ONGOING"));
        var csv = $"""
            creditCode,trackId,kind,callYear,status,regionCode,giName
            {Samples.Code(69)},gi-brand,CountyGovernment,2021,Ongoing,３２０５８５," 阳澄湖 大闸蟹 "

            """;
        Assert.Equal(HttpStatusCode.OK, (await Import(csv)).StatusCode);

        Assert.Equal("Fail", Result(await Precheck(document), "GI-NOT-ONGOING"));
        Assert.Equal("320585", InDatabase(db => db.Projects.Single(p => p.CreditCode == Samples.Code(69)).RegionCode));
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_a_400_naming_the_line_and_nothing_is_imported()
    {
        var lead = Samples.Code(63);
        var wrongCheck = Samples.Code(64)[..17] + (Samples.Code(64)[17] == '0' ? '1' : '0');
        var csv = $"""
            {Header}
            {lead},hvp-new,Enterprise,2017,Accepted,2019-06-30,true,某某电子有限公司,,
            {Samples.Code(65)},hvp-new,Robot,2018,Ongoing,,,某某大学,,
            {wrongCheck},hvp-new,Enterprise,2018,Ongoing,,,某某公司,,

            """;
        var before = CountRowsOfEveryTable();

        var response = await Import(csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("line 3", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("line 4", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("line 2", out _), errors.ToString());
        Assert.Equal(before, CountRowsOfEveryTable());
        Assert.Equal("Pass", Result(await Precheck(Samples.HvpNewEnterprise(lead)), "HVPN-NOT-PREVIOUS-LEAD"));
    }

    [Fact]
    public async Task An_empty_file_is_a_400_naming_line_1()
    {
        var response = await Import("");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("line 1", out _));
    }

    [Fact]
    public async Task A_cancelled_approval_becomes_a_credit_entry_that_makes_the_unit_ineligible()
    {
        var unit = Samples.Code(61);
        var document = Samples.IndustrialBrand(unit);
        Assert.Equal("Pass", Result(await Precheck(document), "IB-INTEGRITY"));
        var messageId = Guid.NewGuid();
        var cancelled = new ApprovalCancelled(Guid.NewGuid(), "2021", "industrial-brand", new ApplicantSummary("江苏某某科技股份有限公司", unit, "Enterprise", "320583"),
            CancellationGround.Falsification, "财务数据造假", new DateOnly(2021, 6, 1), null, DateTimeOffset.UtcNow)
        {
            By = new IpPlatform.Contracts.Actors.Actor("province-id", "province", "province", null),
        };

        await Service.PublishAsync(cancelled, messageId);
        await Service.PublishAsync(cancelled, messageId); // redelivered: one entry all the same

        var refused = await PrecheckUntil(document, "IB-INTEGRITY", "Fail", "the cancellation in the credit record");
        Assert.Equal("Ineligible", Outcome(refused));
        Assert.Contains("Falsification", Finding(refused, "IB-INTEGRITY").GetProperty("messageEn").GetString());
        Assert.Equal(1, Service.Query((IpPlatform.Eligibility.Data.EligibilityDbContext db) => db.CreditRecords.Count(c => c.CreditCode == unit)));
        var audited = Service.Query((IpPlatform.Eligibility.Data.EligibilityDbContext db) =>
            db.Set<IpPlatform.Infrastructure.Audit.AuditEntry>().Where(a => a.Subject == unit).Select(a => new { a.Action, a.ActorName }).ToList());
        Assert.Equal(("credit-entry.recorded", "province"), (Assert.Single(audited).Action, audited[0].ActorName));
        // Another unit is untouched.
        Assert.Equal("Pass", Result(await Precheck(Samples.IndustrialBrand(Samples.Code(62))), "IB-INTEGRITY"));
    }
}
