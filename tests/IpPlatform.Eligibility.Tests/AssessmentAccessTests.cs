using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Testing;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// An application's assessments are read by its applicant, the county office of its region, the city office
/// and city government of its city, and the province-wide roles; anyone else is told they do not exist.
/// </summary>
public sealed class AssessmentAccessTests : EligibilityServiceTest
{
    [Fact]
    public async Task A_Kunshan_applications_assessments_are_read_inside_its_jurisdiction_only()
    {
        var document = Samples.IndustrialBrand(Samples.Code(80)); // Kunshan, 320583, in Suzhou
        var id = await Submit(document);
        await AssessmentPublished(id); // published from the outbox, so stored
        TestAccount[] readers =
        [
            ApplicantOf(document), TestAccounts.County("320583"), TestAccounts.City("320500"), TestAccounts.CityGovernment("320500"),
            TestAccounts.Province, TestAccounts.Admin, TestAccounts.Expert(), TestAccounts.Finance, TestAccounts.Agency,
        ];
        TestAccount[] outsiders =
        [
            TestAccounts.Applicant(Samples.Code(81)), TestAccounts.County("320585"), TestAccounts.City("320200"),
            TestAccounts.CityGovernment("320200"),
        ];

        var wrong = new List<string>();
        foreach (var (account, expected) in readers.Select(a => (a, HttpStatusCode.OK)).Concat(outsiders.Select(a => (a, HttpStatusCode.NotFound))))
        {
            using var client = As(account);
            var response = await client.GetAsync($"/api/eligibility/assessments/{id}");
            if (response.StatusCode != expected) wrong.Add($"{account} got {(int)response.StatusCode}, expected {(int)expected}");
            else if (expected == HttpStatusCode.OK)
                Assert.Equal("Eligible", (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("outcome").GetString());
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_city_governments_application_is_read_by_its_city_office_not_by_a_county_office()
    {
        var document = Samples.GiBrand(Samples.Code(82, '1'), "CityGovernment", "320500");
        var id = await Submit(document);
        await AssessmentPublished(id); // published from the outbox, so stored

        using var suzhou = As(TestAccounts.City("320500"));
        using var kunshan = As(TestAccounts.County("320583"));

        Assert.Equal(HttpStatusCode.OK, (await suzhou.GetAsync($"/api/eligibility/assessments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kunshan.GetAsync($"/api/eligibility/assessments/{id}")).StatusCode);
    }
}
