using System.Text.Json;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Applicant;
using IpPlatform.Portal.Components.Shared;
using IpPlatform.Portal.Texts;
using IpPlatform.Tests;

namespace IpPlatform.Portal.Tests;

/// <summary>The declared facts as the content shows them: the track's questions, answers in words, the yearly figures.</summary>
public sealed class ContentFactsTests
{
    static JsonElement Facts(string json) => JsonDocument.Parse(json).RootElement;

    // The questions as the shipped call asks them (the content view reads them from the call version).
    static readonly Lazy<CallDocumentView> Call2022 = new(() => JsonSerializer.Deserialize<CallDocumentView>(File.ReadAllText(RepositoryFiles.Path(
        "services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    static IReadOnlyList<FactQuestionView> Questions(string track) => Call2022.Value.Track(track)!.Rules.Facts!;

    [Fact]
    public void A_known_track_asks_its_questions_whether_answered_or_not_in_words()
    {
        var answers = ContentFacts.Answers(Facts("""{"gi":{"name":"阳澄湖大闸蟹","registrationType":"CollectiveMark","registeredOn":"2019-05-01","lastYearSalesCny":1500000},"seriousDishonesty":false}"""),
            Questions("gi-brand"), PortalTexts.Chinese).ToDictionary(a => a.Path, a => a.Answer);

        Assert.Equal(Questions("gi-brand").Select(q => q.Path), answers.Keys);
        Assert.Equal("阳澄湖大闸蟹", answers["gi.name"]);
        Assert.Equal("集体商标", answers["gi.registrationType"]);
        Assert.Equal("2019年5月1日", answers["gi.registeredOn"]);
        Assert.Equal("1,500,000 元", answers["gi.lastYearSalesCny"]);
        Assert.Equal("否", answers["seriousDishonesty"]);
        Assert.Equal("未声明", answers["governmentSupportCommitted"]);
    }

    [Fact]
    public void A_call_without_questions_shows_every_single_answer_declared_under_its_path()
    {
        var answers = ContentFacts.Answers(Facts("""{"keyPlatform":true,"parkType":null,"gi":{"name":"碧螺春"},"years":[{"year":2021}]}"""), null, PortalTexts.English);

        Assert.Equal([("keyPlatform", "keyPlatform", "Yes"), ("gi.name", "gi.name", "碧螺春")], answers);
    }

    [Fact]
    public void The_question_is_the_call_s_label_in_the_reader_s_language()
    {
        var zh = ContentFacts.Answers(null, Questions("protection-zone"), PortalTexts.Chinese).Single(a => a.Path == "parkType");
        var en = ContentFacts.Answers(null, Questions("protection-zone"), PortalTexts.English).Single(a => a.Path == "parkType");

        Assert.Equal(("园区类型", "Kind of park"), (zh.Question, en.Question));
    }

    [Fact]
    public void No_facts_at_all_answers_every_question_as_not_declared()
    {
        var answers = ContentFacts.Answers(null, Questions("protection-zone"), PortalTexts.English);

        Assert.Equal(Questions("protection-zone").Count, answers.Count);
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
    public void Every_choice_of_the_call_and_every_figure_has_words_in_both_languages()
    {
        foreach (var choice in Call2022.Value.Tracks.SelectMany(t => t.Rules.Facts ?? []).SelectMany(q => q.Choices ?? []).Distinct())
        {
            Assert.Contains("province.factValue." + choice, PortalTexts.Chinese.Keys);
            Assert.Contains("province.factValue." + choice, PortalTexts.English.Keys);
            Assert.Contains(choice, FactQuestions.KnownChoices); // the form's words for it (applicant.choice.*) are tested with the form
        }
        foreach (var (name, _) in ContentFacts.YearColumns) Assert.Contains("province.years." + name, PortalTexts.English.Keys);
    }
}
