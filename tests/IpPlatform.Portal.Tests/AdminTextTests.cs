using IpPlatform.Portal.Api;
using IpPlatform.Portal.Components.Pages.Admin;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Tests;

public sealed class AdminTextTests
{
    [Fact]
    public void Import_errors_list_by_line_number_and_other_keys_after()
    {
        var errors = new Dictionary<string, string[]> { ["line 10"] = ["b"], ["file"] = ["c"], ["line 2"] = ["a"], ["line 9"] = ["d"] };

        Assert.Equal(["line 2", "line 9", "line 10", "file"], AdminText.Ordered(errors).Select(e => e.Field));
    }

    [Theory]
    [InlineData("保护处、运用促进处", new[] { "保护处", "运用促进处" })]
    [InlineData(" 保护处 ,，运用促进处\n", new[] { "保护处", "运用促进处" })]
    [InlineData("  ", null)]
    public void Divisions_are_split_on_the_separators_people_type(string typed, string[]? expected) =>
        Assert.Equal(expected, AdminText.Divisions(typed));

    [Fact]
    public void A_refusal_reads_as_its_detail_else_its_title_else_its_status()
    {
        var t = PortalTexts.Chinese;

        Assert.Equal("taken", AdminText.Refusal(t, new ApiOutcome(409, new ProblemDocument(null, "Already exists", "taken", 409, null))));
        Assert.Equal("Already exists", AdminText.Refusal(t, new ApiOutcome(409, new ProblemDocument(null, "Already exists", null, 409, null))));
        Assert.Equal(t["admin.forbidden"], AdminText.Refusal(t, new ApiOutcome(403, null)));
        Assert.Equal(t["admin.unavailable"], AdminText.Refusal(t, new ApiOutcome(503, null)));
    }

    [Fact]
    public void Messages_for_fields_the_form_has_no_input_for_are_not_lost()
    {
        var outcome = new ApiOutcome(400, new ProblemDocument(null, null, null, 400,
            new() { ["userName"] = ["x"], ["clientId"] = ["y"] }));

        Assert.Equal(["clientId: y"], AdminText.Others(outcome, "userName"));
    }
}
