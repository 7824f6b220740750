using System.Text.Json;
using IpPlatform.Portal.Components.Shared;
using IpPlatform.Portal.Texts;

namespace IpPlatform.Portal.Tests;

/// <summary>The declared facts as the content shows them: the track's questions, answers in words, the yearly figures.</summary>
public sealed class ContentFactsTests
{
    static JsonElement Facts(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void A_known_track_asks_its_questions_whether_answered_or_not_in_words()
    {
        var answers = ContentFacts.Answers(Facts("""{"gi":{"name":"阳澄湖大闸蟹","registrationType":"CollectiveMark","registeredOn":"2019-05-01","lastYearSalesCny":1500000},"seriousDishonesty":false}"""),
            "gi-brand", PortalTexts.Chinese).ToDictionary(a => a.Path, a => a.Answer);

        Assert.Equal(ContentFacts.ByTrack["gi-brand"], answers.Keys);
        Assert.Equal("阳澄湖大闸蟹", answers["gi.name"]);
        Assert.Equal("集体商标", answers["gi.registrationType"]);
        Assert.Equal("2019年5月1日", answers["gi.registeredOn"]);
        Assert.Equal("1,500,000 元", answers["gi.lastYearSalesCny"]);
        Assert.Equal("否", answers["seriousDishonesty"]);
        Assert.Equal("未声明", answers["governmentSupportCommitted"]);
    }

    [Fact]
    public void An_unknown_track_shows_only_what_was_declared()
    {
        var answers = ContentFacts.Answers(Facts("""{"keyPlatform":true,"parkType":null}"""), "patent-navigation", PortalTexts.English);

        var answer = Assert.Single(answers);
        Assert.Equal(("keyPlatform", "Yes"), (answer.Path, answer.Answer));
    }

    [Fact]
    public void No_facts_at_all_answers_every_question_as_not_declared()
    {
        var answers = ContentFacts.Answers(null, "protection-zone", PortalTexts.English);

        Assert.Equal(ContentFacts.ByTrack["protection-zone"].Count, answers.Count);
        Assert.All(answers, a => Assert.Equal("Not declared", a.Answer));
    }

    [Fact]
    public void The_yearly_figures_are_oldest_first_with_absent_figures_as_none()
    {
        var years = ContentFacts.Years(Facts("""{"years":[{"year":2021,"rdCny":5},{"year":2019,"salesCny":1},{"year":2020}]}"""));

        Assert.Equal([2019, 2020, 2021], years.Select(y => y.Year));
        Assert.Equal(5m, years[2].Figures["rdCny"]);
        Assert.Null(years[0].Figures["rdCny"]);
    }

    [Fact]
    public void Every_question_and_choice_has_words_in_both_languages()
    {
        foreach (var path in ContentFacts.ByTrack.Values.SelectMany(p => p).Distinct())
        {
            Assert.Contains("province.fact." + path, PortalTexts.Chinese.Keys);
            Assert.Contains("province.fact." + path, PortalTexts.English.Keys);
        }
        foreach (var (name, _) in ContentFacts.YearColumns) Assert.Contains("province.years." + name, PortalTexts.English.Keys);
    }
}
