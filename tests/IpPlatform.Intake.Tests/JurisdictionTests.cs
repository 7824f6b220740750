using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using IpPlatform.Security;
using IpPlatform.Testing;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Intake.Tests;

/// <summary>
/// Who reads which application: its applicant, the county office of its region, the city office and city
/// government of its city, and the province-wide roles. Anyone else is told it does not exist.
/// </summary>
public sealed class JurisdictionTests : IntakeServiceTest
{
    static readonly TestAccount Taicang = TestAccounts.Applicant(Samples.Code(7101));   // 320585, Suzhou
    static readonly TestAccount Jiangyin = TestAccounts.Applicant(Samples.Code(7102));  // 320281, Wuxi
    static readonly TestAccount IndustrialPark = TestAccounts.Applicant(Samples.Code(7103)); // 320576 Suzhou Industrial Park

    [Fact]
    public async Task An_application_in_Kunshan_is_read_by_its_applicant_Kunshan_Suzhou_and_the_province_wide_roles_only()
    {
        var id = await CreateAndSubmit(Samples.Owner, "320583");
        TestAccount[] readers =
        [
            Samples.Owner, TestAccounts.County("320583"), TestAccounts.City("320500"), TestAccounts.CityGovernment("320500"),
            TestAccounts.Province, TestAccounts.Admin, TestAccounts.Expert(), TestAccounts.Finance, TestAccounts.Agency,
        ];
        TestAccount[] outsiders =
        [
            Taicang, TestAccounts.County("320585"), TestAccounts.County("320281"), TestAccounts.City("320200"),
            TestAccounts.CityGovernment("320200"),
        ];

        var wrong = new List<string>();
        foreach (var (account, expected) in readers.Select(a => (a, HttpStatusCode.OK)).Concat(outsiders.Select(a => (a, HttpStatusCode.NotFound))))
        {
            using var client = As(account);
            var status = (await client.GetAsync($"/api/applications/{id}")).StatusCode;
            if (status != expected) wrong.Add($"{account} got {(int)status}, expected {(int)expected}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_development_zone_lies_in_the_city_the_region_table_names()
    {
        var id = await CreateDraft(applicant: IndustrialPark, regionCode: "320576");

        using var suzhou = As(TestAccounts.City("320500"));
        using var park = As(TestAccounts.County("320576"));
        using var wuxi = As(TestAccounts.City("320200"));

        Assert.Equal(HttpStatusCode.OK, (await suzhou.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await park.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wuxi.GetAsync($"/api/applications/{id}")).StatusCode);
    }

    [Fact]
    public async Task Each_worklist_holds_what_its_account_may_read_newest_first_with_status()
    {
        var kunshanFirst = await CreateAndSubmit(Samples.Owner, "320583");
        var kunshanSecond = await CreateDraft(applicant: Samples.Owner, regionCode: "320583");
        var taicang = await CreateDraft(applicant: Taicang, regionCode: "320585");
        var park = await CreateDraft(applicant: IndustrialPark, regionCode: "320576");
        var jiangyin = await CreateDraft(applicant: Jiangyin, regionCode: "320281");

        Assert.Equal([kunshanSecond, kunshanFirst], await Ids(Samples.Owner));
        Assert.Equal([taicang], await Ids(Taicang));
        Assert.Equal([kunshanSecond, kunshanFirst], await Ids(TestAccounts.County("320583")));
        Assert.Equal([taicang], await Ids(TestAccounts.County("320585")));
        Assert.Equal([park, taicang, kunshanSecond, kunshanFirst], await Ids(TestAccounts.City("320500")));
        Assert.Equal([jiangyin], await Ids(TestAccounts.City("320200")));
        Assert.Equal([jiangyin, park, taicang, kunshanSecond, kunshanFirst], await Ids(TestAccounts.Province));
        Assert.Equal([jiangyin, park, taicang, kunshanSecond, kunshanFirst], await Ids(TestAccounts.Agency));

        var mine = await Client.GetFromJsonAsync<JsonElement>("/api/applications");
        Assert.Equal(["Draft", "Submitted"], mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_worklist_is_paged()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await CreateDraft());
        ids.Reverse(); // newest first
        using var province = As(TestAccounts.Province);

        var first = await province.GetFromJsonAsync<JsonElement>("/api/applications?page=1&pageSize=2");
        var third = await province.GetFromJsonAsync<JsonElement>("/api/applications?page=3&pageSize=2");
        var beyond = await province.GetFromJsonAsync<JsonElement>("/api/applications?page=4&pageSize=2");

        Assert.Equal(ids[..2], ItemIds(first));
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal([ids[4]], ItemIds(third));
        Assert.Empty(ItemIds(beyond));
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_page_out_of_range_is_a_400_naming_it(string query, string field)
    {
        var response = await Client.GetAsync($"/api/applications?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData(PlatformRoles.Applicant, "OwnerCreditCode")]
    [InlineData(PlatformRoles.CountyOffice, "RegionCode")]
    [InlineData(PlatformRoles.CityOffice, "CityCode")]
    [InlineData(PlatformRoles.CityGovernment, "CityCode")]
    public void The_worklist_filter_is_a_search_of_its_index_in_the_database(string role, string column)
    {
        var actor = new Actor("someone", "someone", role, role == PlatformRoles.Applicant ? null : "320583");
        var organisation = role == PlatformRoles.Applicant ? Samples.CreditCode : null;

        var plan = Service.Query((IntakeDbContext db) => QueryPlans.Explain(db,
            db.Applications.Where(Application.ReadableBy(actor, organisation)).OrderByDescending(a => a.CreatedAtUtc)));

        Assert.Contains($"USING INDEX IX_Applications_{column}_CreatedAtUtc ({column}=?)", plan);
    }

    async Task<List<Guid>> Ids(TestAccount account)
    {
        using var client = As(account);
        return ItemIds(await client.GetFromJsonAsync<JsonElement>("/api/applications"));
    }

    static List<Guid> ItemIds(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
