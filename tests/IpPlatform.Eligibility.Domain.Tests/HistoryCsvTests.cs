using IpPlatform.Contracts.Applications;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

public class HistoryCsvTests
{
    private static HistoryCsvResult Parse(string csv) => HistoryCsv.Parse(new StringReader(csv));

    [Fact]
    public void Good_file_with_quoted_fields_and_any_column_order_is_imported()
    {
        var result = Parse($""""
            status,creditCode,trackId,kind,callYear,unitName,giName,acceptedOn,finalTranchePaid,regionCode
            Accepted,{Huawei},hvp-new,Enterprise,2017,"华为技术有限公司, 南京研究所",,2019-06-30,true,320583
            Ongoing,{Suzhou},gi-brand,CityGovernment,2021,苏州市人民政府,"阳澄湖""大闸蟹""",,,320500

            """");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Projects.Count);
        var hvp = result.Projects[0];
        Assert.Equal("华为技术有限公司, 南京研究所", hvp.UnitName);
        Assert.Equal(ProjectStatus.Accepted, hvp.Status);
        Assert.Equal(new DateOnly(2019, 6, 30), hvp.AcceptedOn);
        Assert.True(hvp.FinalTranchePaid);
        Assert.Equal("320583", hvp.RegionCode);
        Assert.Equal("阳澄湖\"大闸蟹\"", result.Projects[1].GiName);
        Assert.False(result.Projects[1].FinalTranchePaid);
        Assert.Equal(ApplicantKind.CityGovernment, result.Projects[1].Kind);
    }

    [Fact]
    public void Imported_records_feed_the_history_rules()
    {
        var result = Parse($"creditCode,trackId,kind,callYear,status,acceptedOn\n{Huawei},hvp-new,Enterprise,2016,Accepted,2019-06-30\n");
        var history = new EligibilityHistory { Projects = result.Projects };
        Assert.Equal(RuleResult.Pass, Assess(HvpUpgrade(), history).Rule("HVPU-ACCEPTED").Result);
        Assert.Equal(RuleResult.Fail, Assess(HvpEnterprise(), history).Rule("HVPN-NOT-PREVIOUS-LEAD").Result);
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_numbers_and_nothing_is_imported()
    {
        var result = Parse($"""
            creditCode,trackId,kind,callYear,status,acceptedOn
            {Huawei},hvp-new,Enterprise,2017,Accepted,2019-06-30
            914403001922038217,hvp-new,Enterprise,2017,Ongoing,
            {Tencent},hvp-new,Company,20x1,Done,
            {Alibaba},hvp-new,Enterprise,2018,Accepted,
            {Xiaomi},hvp-new,Enterprise,2018,Ongoing
            """);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Projects);
        Assert.Equal([3, 4, 4, 4, 5, 6], result.Errors.Select(e => e.Line));
        Assert.Contains("check character", result.Errors[0].Message);
        Assert.Contains("kind", result.Errors[1].Message);
        Assert.Contains("callYear", result.Errors[2].Message);
        Assert.Contains("status", result.Errors[3].Message);
        Assert.Contains("acceptedOn is required", result.Errors[4].Message);
        Assert.Contains("Expected 6 fields", result.Errors[5].Message);
    }

    [Fact]
    public void Line_numbers_account_for_quoted_line_breaks()
    {
        var result = Parse($"creditCode,trackId,kind,callYear,status,unitName\n{Huawei},hvp-new,Enterprise,2017,Ongoing,\"two\nlines\"\n{Huawei},hvp-new,Enterprise,2017,Bad,x\n");
        Assert.Equal(4, Assert.Single(result.Errors).Line);
    }

    [Theory]
    [InlineData("", "header row is required")]
    [InlineData("creditCode,trackId,kind,status\n", "Required column 'callYear'")]
    [InlineData("creditCode,trackId,kind,callYear,status,colour\n", "Unknown column 'colour'")]
    public void Header_problems_are_reported_on_line_1(string csv, string expected)
    {
        var error = Assert.Single(Parse(csv).Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Unclosed_quote_is_an_error()
    {
        var result = Parse($"creditCode,trackId,kind,callYear,status,unitName\n{Huawei},hvp-new,Enterprise,2017,Ongoing,\"open\n");
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Errors[0].Line);
    }
}

public class NormalizationTests
{
    [Theory]
    [InlineData("阳澄湖大闸蟹", " 阳澄湖 大闸蟹 ")]
    [InlineData("ＡＢＣ科技", "abc 科技")]
    [InlineData("Suzhou\u3000Embroidery", "suzhouembroidery")]
    public void Names_that_differ_only_in_spacing_case_and_width_are_the_same(string a, string b)
    {
        Assert.True(IpPlatform.Documents.Normalization.SameName(a, b));
        Assert.Equal(IpPlatform.Documents.Normalization.NameKey(a), IpPlatform.Documents.Normalization.NameKey(b));
    }

    [Fact]
    public void Different_or_absent_names_are_not_the_same()
    {
        Assert.False(IpPlatform.Documents.Normalization.SameName("阳澄湖大闸蟹", "固城湖螃蟹"));
        Assert.False(IpPlatform.Documents.Normalization.SameName(null, null));
        Assert.False(IpPlatform.Documents.Normalization.SameName(" ", " "));
        Assert.Equal("320585", IpPlatform.Documents.Normalization.RegionCode(" ３２０５８５ "));
    }

    [Fact]
    public void A_file_naming_one_project_twice_is_refused_on_the_second_line()
    {
        var csv = """
            creditCode,trackId,kind,callYear,status
            914403001922038216,hvp-new,Enterprise,2017,Ongoing
            914403001922038216,hvp-new,Enterprise,2017,Failed

            """;
        var result = HistoryCsv.Parse(new StringReader(csv));
        Assert.Empty(result.Projects);
        Assert.Equal(3, Assert.Single(result.Errors).Line);
    }
}
