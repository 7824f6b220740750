using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Intake.Api;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using IpPlatform.Security;
using IpPlatform.Testing;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// How offices and experts read applications: the worklist's filters (call, track, status) within the account's
/// jurisdiction and across pages, and the application's document in its view.
/// </summary>
public sealed class ReadingTests : IntakeServiceTest
{
    static readonly TestAccount Taicang = TestAccounts.Applicant(Samples.Code(7201)); // 320585, Suzhou

    [Fact]
    public async Task The_filters_combine_with_each_other_and_with_the_jurisdiction_and_total_counts_the_filtered_set()
    {
        var kunshanSubmitted = await CreateAndSubmit(Samples.Owner, "320583");
        var kunshanDraft = await CreateDraft("open", Samples.Owner, "320583");
        var kunshanClosedCall = await CreateDraft("closed", Samples.Owner, "320583");
        var taicangSubmitted = await CreateAndSubmit(Taicang, "320585");
        var kunshan = TestAccounts.County("320583");

        await AssertList(kunshan, "status=Submitted", 1, kunshanSubmitted);
        await AssertList(kunshan, "callId=open&status=Draft", 1, kunshanDraft);
        await AssertList(kunshan, "callId=closed&track=industrial-brand", 1, kunshanClosedCall);
        await AssertList(kunshan, "callId=open&track=gi-brand", 0);
        await AssertList(TestAccounts.Province, "status=Submitted", 2, taicangSubmitted, kunshanSubmitted);
        await AssertList(TestAccounts.Province, "callId=open&status=Submitted&status=Draft", 3, taicangSubmitted, kunshanDraft, kunshanSubmitted);
        await AssertList(TestAccounts.City("320500"), "status=Submitted", 2, taicangSubmitted, kunshanSubmitted);
        await AssertList(TestAccounts.County("320585"), "status=Draft", 0);
    }

    [Fact]
    public async Task A_filtered_list_pages_over_the_filtered_set()
    {
        var submitted = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            submitted.Add(await CreateAndSubmit(Samples.Owner, "320583"));
            await CreateDraft("open", Samples.Owner, "320583"); // between the submitted ones, newest first
        }
        submitted.Reverse();
        using var county = As(TestAccounts.County("320583"));

        var second = await county.GetFromJsonAsync<JsonElement>("/api/applications?status=Submitted&page=2&pageSize=2");

        Assert.Equal([submitted[2]], Ids(second));
        Assert.Equal(3, second.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("status=Pending")]
    [InlineData("status=submitted")]
    [InlineData("status=1")]
    [InlineData("status=Submitted&status=Nonsense")]
    public async Task An_unknown_status_is_a_400_naming_the_field_and_the_known_names(string query)
    {
        using var province = As(TestAccounts.Province);

        var response = await province.GetAsync($"/api/applications?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("status")[0].GetString()!;
        Assert.Contains("RecommendedByCounty", message);
    }

    [Fact]
    public void A_province_wide_status_filter_is_a_search_of_its_index()
    {
        var province = new Actor("someone", "someone", PlatformRoles.Province, null);
        var filter = new ApplicationFilter(null, null, ["Submitted"]);
        Assert.Empty(filter.Validate(out var stages));

        var plan = Service.Query((IntakeDbContext db) => QueryPlans.Explain(db,
            filter.Apply(db.Applications.Where(Application.ReadableBy(province, null)), stages).OrderByDescending(a => a.CreatedAtUtc)));

        Assert.Contains("USING INDEX IX_Applications_Stage_CreatedAtUtc (Stage=?)", plan);
    }

    [Fact]
    public async Task The_applicant_reads_the_document_of_its_own_draft_as_last_saved()
    {
        var id = await CreateDraft();
        var changed = JsonSerializer.SerializeToNode(Samples.Document("open"))!;
        changed["project"]!["name"] = "改过的项目名称";
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"/api/applications/{id}", changed)).StatusCode);

        var view = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");

        var document = view.GetProperty("document");
        Assert.Equal("改过的项目名称", document.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal("Enterprise", document.GetProperty("applicant").GetProperty("kind").GetString());
        Assert.Equal(12m, document.GetProperty("targets")[0].GetProperty("value").GetDecimal());
        Assert.Equal(1_000_000m, document.GetProperty("budget").GetProperty("provincialFundsCny").GetDecimal());
    }

    [Fact]
    public async Task The_county_reads_the_submitted_document_and_another_county_is_told_it_does_not_exist()
    {
        var id = await CreateAndSubmit(Samples.Owner, "320583");
        using var kunshan = As(TestAccounts.County("320583"));
        using var taicang = As(TestAccounts.County("320585"));

        var view = await kunshan.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");

        Assert.Equal("Submitted", view.GetProperty("status").GetString());
        var document = view.GetProperty("document");
        Assert.Equal("某某工业品牌培育项目", document.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal("brand-building", document.GetProperty("tasks")[0].GetProperty("taskId").GetString());
        Assert.Equal("王某", document.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await taicang.GetAsync($"/api/applications/{id}")).StatusCode);
    }

    async Task AssertList(TestAccount account, string query, int total, params Guid[] ids)
    {
        using var client = As(account);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/applications?{query}");
        Assert.True(ids.SequenceEqual(Ids(page)), $"{account} ?{query}: expected {string.Join(", ", ids)}, got {string.Join(", ", Ids(page))}");
        Assert.Equal(total, page.GetProperty("total").GetInt32());
    }

    static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
