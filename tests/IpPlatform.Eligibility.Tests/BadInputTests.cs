using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IpPlatform.Eligibility.Tests;

public sealed class BadInputTests : EligibilityServiceTest
{
    async Task<JsonElement> AssertProblemNaming(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _), text);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors should name {field}: {text}");
        Assert.NotEmpty(messages.EnumerateArray());
        return problem;
    }

    Task<HttpResponseMessage> PostRaw(string json) =>
        Client.PostAsync("/api/eligibility/precheck", new StringContent(json, Encoding.UTF8, "application/json"));

    Task<HttpResponseMessage> Post(JsonObject document) => Client.PostAsJsonAsync("/api/eligibility/precheck", document);

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        await AssertProblemNaming(await PostRaw("{\"callId\": \"2022-rehearsal\", "), "$");
    }

    [Fact]
    public async Task An_unknown_applicant_kind_is_a_400_naming_applicant_kind()
    {
        var document = Samples.IndustrialBrand(Samples.Code(20));
        document["applicant"]!["kind"] = "Robot";
        await AssertProblemNaming(await Post(document), "applicant.kind");
    }

    [Fact]
    public async Task An_enum_given_as_a_number_is_a_400_naming_the_field()
    {
        var document = Samples.IndustrialBrand(Samples.Code(21));
        document["applicant"]!["kind"] = 3;
        await AssertProblemNaming(await Post(document), "applicant.kind");
    }

    [Fact]
    public async Task A_wrong_credit_code_check_character_is_a_400_naming_applicant_creditCode()
    {
        var good = Samples.Code(22);
        var wrong = good[..17] + (good[17] == '0' ? '1' : '0');
        var problem = await AssertProblemNaming(await Post(Samples.IndustrialBrand(wrong)), "applicant.creditCode");
        Assert.Contains("check character", problem.GetProperty("errors").GetProperty("applicant.creditCode")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_track_is_a_400_naming_track()
    {
        var document = Samples.IndustrialBrand(Samples.Code(23));
        document["track"] = "moon-landing";
        await AssertProblemNaming(await Post(document), "track");
    }

    [Fact]
    public async Task An_unknown_call_is_a_400_naming_callId()
    {
        await AssertProblemNaming(await Post(Samples.IndustrialBrand(Samples.Code(24), callId: "1999")), "callId");
    }

    [Theory]
    [InlineData("2021-02-30")]
    [InlineData("2021/06/01")]
    [InlineData("yesterday")]
    public async Task A_malformed_date_is_a_400_naming_the_field(string date)
    {
        var document = Samples.GiBrand(Samples.Code(25, '1'), "CountyGovernment", "320585");
        document["facts"]!["gi"]!["registeredOn"] = date;
        await AssertProblemNaming(await Post(document), "facts.gi.registeredOn");
    }

    [Fact]
    public async Task A_malformed_date_inside_a_list_is_a_400_naming_the_element()
    {
        var document = Samples.IndustrialBrand(Samples.Code(26));
        document["facts"]!["trademarks"]![0]!["inUseSince"] = "2012-13-01";
        await AssertProblemNaming(await Post(document), "facts.trademarks[0].inUseSince");
    }

    [Fact]
    public async Task Negative_money_is_a_400_naming_the_field()
    {
        var document = Samples.IndustrialBrand(Samples.Code(27));
        document["facts"]!["years"]![0]!["salesCny"] = -1;
        await AssertProblemNaming(await Post(document), "facts.years[0].salesCny");
    }

    [Fact]
    public async Task Bad_input_is_never_stored()
    {
        var before = CountRowsOfEveryTable();
        var document = Samples.IndustrialBrand(Samples.Code(28));
        document["facts"]!["years"]![0]!["rdCny"] = -5;
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(document)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRaw("not json")).StatusCode);
        Assert.Equal(before, CountRowsOfEveryTable());
    }
}
