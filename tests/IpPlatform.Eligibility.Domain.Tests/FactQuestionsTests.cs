using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

/// <summary>The fact questions each track of the call asks, against what its eligibility rules read.</summary>
public partial class FactQuestionsTests
{
    // A rule names a fact it lacks as "facts.<path>" (Check.Missing); an index ends the fact's own path.
    [GeneratedRegex(@"facts\.([a-zA-Z0-9]+(?:\.[a-zA-Z][a-zA-Z0-9]*)*)")]
    private static partial Regex FactPath();

    /// <summary>The facts a track's rules report missing when nothing at all is declared, for one kind of applicant.</summary>
    private static HashSet<string> ReadByRules(ApplicationDocument complete)
    {
        // No history either, so that a rule falling back to a declared fact (hvp-upgrade's previous year) asks for it.
        var result = Assess(complete with { Facts = new ApplicationFacts() }, EligibilityHistory.Empty);
        return result.Findings.SelectMany(f => FactPath().Matches(f.MessageEn + " " + f.GapEn)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The facts named missing once <paramref name="path"/> is taken out of a complete document (a rule reading it only
    /// on some branch), and the path itself when that changes any finding.
    /// </summary>
    private static HashSet<string> ReadWithout(ApplicationDocument complete, EligibilityHistory history, string path)
    {
        var node = JsonSerializer.SerializeToNode(complete, DocumentJson.Options)!;
        var parent = node["facts"];
        var names = path.Split('.');
        foreach (var name in names[..^1]) parent = parent?[name];
        if (parent is JsonObject obj) obj.Remove(names[^1]);
        var doc = node.Deserialize<ApplicationDocument>(DocumentJson.Options)!;
        var result = Assess(doc, history);
        var read = result.Findings.SelectMany(f => FactPath().Matches(f.MessageEn + " " + f.GapEn)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        // A rule that compares the fact without naming its path still explains itself differently without it.
        if (!result.Findings.SequenceEqual(Assess(complete, history).Findings)) read.Add(path);
        return read;
    }

    private static IEnumerable<string> Asked(ContentRules content) =>
        content.Facts.Select(q => q.Path)
            .Concat(content.FigureYears > 0 ? ["years"] : [])
            .Concat(content.AsksTrademarks ? ["trademarks"] : [])
            .Concat(content.AsksAwards ? ["awardsWithin3Years"] : []);

    [Fact]
    public void Every_fact_a_track_s_rules_read_is_asked_by_that_track()
    {
        foreach (var (name, doc, _) in AllComplete())
        {
            var asked = Asked(Call.FindTrack(doc.Track!)!.Content).ToHashSet(StringComparer.Ordinal);
            var read = ReadByRules(doc);
            Assert.NotEmpty(read); // the probe itself works: an empty document always lacks something
            Assert.All(read, path => Assert.True(asked.Contains(path), $"{name}: the rules read facts.{path} but track {doc.Track} does not ask it."));
        }
    }

    [Fact]
    public void Every_question_of_a_track_is_read_by_its_rules_for_some_applicant_or_carried_by_its_sample()
    {
        // Read when nothing is declared by some admitted kind of applicant, or named missing once taken out of some complete document of the track.
        var readByTrack = AllComplete().GroupBy(x => x.Doc.Track!).ToDictionary(g => g.Key, g => g.SelectMany(x =>
            Call.FindTrack(x.Doc.Track!)!.AdmittedKinds.SelectMany(kind => ReadByRules(x.Doc.WithKind(kind))).Concat(Call.FindTrack(x.Doc.Track!)!.Content.Facts.SelectMany(q => ReadWithout(x.Doc, x.History, q.Path)))).ToHashSet(StringComparer.Ordinal));
        foreach (var track in Call.Tracks)
        {
            Assert.True(readByTrack.ContainsKey(track.Id), $"No fixture covers track {track.Id}.");
            var sample = JsonNode.Parse(File.ReadAllText(IpPlatform.Tests.RepositoryFiles.Path("docs", "samples", $"{track.Id}.json")))!["facts"];
            Assert.All(Asked(track.Content), path => Assert.True(
                readByTrack[track.Id].Contains(path) || path.Split('.').Aggregate(sample, (node, name) => node?[name]) is not null,
                $"Track {track.Id} asks facts.{path}, which none of its rules reads and its sample (docs/samples) does not carry."));
        }
    }


    [Fact]
    public void Every_fact_a_track_s_sample_carries_is_asked_by_that_track()
    {
        static IEnumerable<string> Leaves(JsonObject node, string prefix) => node.SelectMany(p => p.Value is JsonObject inner
            ? Leaves(inner, prefix + p.Key + ".") : [prefix + p.Key]);
        foreach (var track in Call.Tracks)
        {
            var sample = JsonNode.Parse(File.ReadAllText(IpPlatform.Tests.RepositoryFiles.Path("docs", "samples", $"{track.Id}.json")))!["facts"]!.AsObject();
            var asked = Asked(track.Content).ToHashSet(StringComparer.Ordinal);
            Assert.All(Leaves(sample, ""), path => Assert.True(asked.Contains(path), $"The {track.Id} sample carries facts.{path}, which the track does not ask."));
        }
    }

    [Fact]
    public void The_2022_call_asks_facts_in_both_languages_and_the_rehearsal_asks_the_same()
    {
        foreach (var t in Call.Tracks)
        {
            Assert.NotEmpty(t.Content.Facts);
            Assert.All(t.Content.Facts, q => Assert.False(string.IsNullOrWhiteSpace(q.LabelZh) || string.IsNullOrWhiteSpace(q.LabelEn), q.Path));
        }
        var ib = Call.FindTrack("industrial-brand")!.Content;
        Assert.Equal((1, true, false), (ib.FigureYears, ib.AsksTrademarks, ib.AsksAwards));
        Assert.Equal(["salesCny", "rdCny", "ipCostCny", "profitTaxCny"], ib.YearlyFigures);
        var park = Call.FindTrack("protection-zone")!.Content.Facts.Single(q => q.Path == "parkType");
        Assert.Equal((FactQuestionKind.Choice, "园区类型"), (park.Kind, park.LabelZh));
        Assert.Equal(Call.Tracks.Select(t => t.Content.Facts), ShippedCalls.Rehearsal2022().Tracks.Select(t => t.Content.Facts));
    }

    private static CallDocument WithFacts(Func<ContentRules, ContentRules> change) =>
        Call with { Tracks = [.. Call.Tracks.Select(t => t.Id == "industrial-brand" ? t with { Content = change(t.Content) } : t)] };

    [Fact]
    public void The_validator_refuses_a_question_asked_twice_an_unknown_fact_a_choice_without_options_and_a_missing_label()
    {
        var q = new FactQuestionDefinition("inKeyIndustry", FactQuestionKind.YesNo, "重点产业", "Key industry");
        var errors = CallValidator.Validate(WithFacts(c => c with
        {
            Facts = [q, q, q with { Path = "inKeyIndustri" }, new("parkType", FactQuestionKind.Choice, "园区", ""), q with { Path = "gi.name", LabelZh = " " }],
        }));
        Assert.Contains("tracks[2].content.facts[1].path", errors.Keys);
        Assert.Contains("tracks[2].content.facts[2].path", errors.Keys);
        Assert.Contains("tracks[2].content.facts[3].choices", errors.Keys);
        Assert.Contains("tracks[2].content.facts[3].labelEn", errors.Keys);
        Assert.Contains("tracks[2].content.facts[4].labelZh", errors.Keys);
        Assert.DoesNotContain("tracks[2].content.facts[0].path", errors.Keys);
        Assert.DoesNotContain("tracks[2].content.facts[4].path", errors.Keys); // a nested fact is known
    }

    [Fact]
    public void The_validator_refuses_options_on_a_yes_no_question_unknown_figures_and_figures_without_years()
    {
        var errors = CallValidator.Validate(WithFacts(c => c with
        {
            Facts = [new("inKeyIndustry", FactQuestionKind.YesNo, "重点产业", "Key industry") { Choices = ["A"] }],
            FigureYears = 0, YearlyFigures = ["salesCny", "turnover"],
        }));
        Assert.Contains("tracks[2].content.facts[0].choices", errors.Keys);
        Assert.Contains("tracks[2].content.yearlyFigures", errors.Keys);
        Assert.Contains("tracks[2].content.figureYears", errors.Keys);
        Assert.Empty(CallValidator.Validate(Call));
    }
}
