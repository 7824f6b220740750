using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

// Absence of a fact must never crash the engine, never make a complete document fail, and never pass silently.
public class MissingFactsPropertyTests
{
    // Facts the spec's rules need, per fixture, written from spec §6 independently of the engine.
    private static readonly Dictionary<string, string[]> Needed = new()
    {
        ["pz-city"] = ["applicant.kind", "facts.nationalProtectionCenter", "facts.inspection2021Excellent", "facts.effectiveRegion2020"],
        ["pz-county"] = ["applicant.kind", "applicant.regionCode", "facts.nationalStrongCountyDemonstration", "facts.inventionPerTenThousandRank2020"],
        ["pz-park"] = ["applicant.kind", "applicant.regionCode", "facts.parkType", "facts.independentIpAuthority", "facts.inventionPerTenThousandRank2020", "facts.nationalIpPilotPark"],
        ["gi"] = ["applicant.kind", "applicant.creditCode", "facts.gi.name", "facts.gi.registeredOn", "facts.gi.registrationType", "facts.gi.category",
            "facts.gi.lastYearSalesCny", "facts.gi.majorIncidentsWithin3Years", "facts.governmentSupportCommitted", "facts.seriousDishonesty"],
        ["industrial-brand"] = ["applicant.kind", "applicant.creditCode", "facts.inKeyIndustry", "facts.chainLeaderOrLeading", "facts.ipStandardImplemented",
            "facts.independentIpDepartment", "facts.ipStaff", "facts.trademarks", "facts.trademarks[0].validUntil", "facts.trademarks[0].inUseSince",
            "facts.nationalMarketLeader", "facts.validInventionPatents", "facts.seriousDishonesty", "facts.abnormalPatentApplications",
            "facts.years", "facts.years[0].year", "facts.years[0].salesCny", "facts.years[0].rdCny", "facts.years[0].ipCostCny", "facts.years[0].profitTaxCny"],
        ["hvp-enterprise"] = ["applicant.kind", "applicant.creditCode", "facts.chainLeaderOrLeading", "facts.majorProjectUnderway", "facts.independentIpDepartment",
            "facts.ipStaff", "facts.seriousDishonesty", "facts.abnormalPatentApplications", "facts.years[0].rdCny", "facts.years[1].salesCny",
            "facts.years[2].ipCostCny", "facts.years[0].profitTaxCny", "facts.years[1].profitTaxCny"],
        ["hvp-university"] = ["applicant.kind", "applicant.creditCode", "facts.internationallyLeading", "facts.keyPlatform", "facts.cooperationMechanism",
            "facts.stableRdFunding", "facts.ipStaff", "facts.academicMisconduct", "facts.seriousDishonesty"],
        ["hvp-upgrade"] = ["applicant.kind", "applicant.creditCode", "facts.majorProjectUnderway", "facts.nationalMarketLeader", "facts.seriousDishonesty"],
        // Either figure of an "or" rule may be absent when the other decides it, so only whole years are needed here.
        ["univ-operation"] = ["applicant.kind", "facts.ipStaff", "facts.fullTimeConversionStaff", "facts.years", "facts.years[0].year"],
        ["industry-center"] = ["applicant.kind", "facts.parkType", "facts.keyChainDesignated", "facts.industryPlanIssued", "facts.chainEnterpriseCount",
            "facts.leadingEnterprisesPresent", "facts.ipManagementBody", "facts.ipFundsInBudget", "facts.patentOutputLeading"],
    };

    public static TheoryData<string, string> NeededFacts()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, paths) in Needed)
            foreach (var path in paths)
                data.Add(name, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(NeededFacts))]
    public void Removing_a_needed_fact_makes_the_outcome_needs_review(string fixture, string path)
    {
        var (_, doc, history) = AllComplete().Single(c => c.Name == fixture);
        var node = ToNode(doc);
        Assert.True(Remove(node, path), $"{path} not found in fixture {fixture}");
        var result = Assess(FromNode(node), history);
        Assert.Equal(EligibilityOutcome.NeedsReview, result.Outcome);
    }

    [Fact]
    public void Random_removals_never_throw_never_fail_a_complete_document_and_never_pass_without_a_needed_fact()
    {
        var random = new Random(20211224);
        var checkedCount = 0;
        foreach (var (name, doc, history) in AllComplete())
        {
            var leaves = Leaves(ToNode(doc), "").Where(p => p is not "callId" and not "track").ToList();
            Needed.TryGetValue(name, out var needed);
            for (var i = 0; i < 200; i++)
            {
                var node = ToNode(doc);
                var removed = leaves.Where(_ => random.NextDouble() < 0.15).ToList();
                foreach (var path in removed) Remove(node, path);
                var result = Assess(FromNode(node), history);

                Assert.NotEqual(EligibilityOutcome.Ineligible, result.Outcome);
                if (needed is not null && removed.Any(needed.Contains))
                    Assert.NotEqual(EligibilityOutcome.Eligible, result.Outcome);
                if (result.Outcome == EligibilityOutcome.NeedsReview)
                    Assert.Contains(result.Findings, f => f.Result == RuleResult.Unknown);
                checkedCount++;
            }
        }
        Assert.Equal(13 * 200, checkedCount);
    }

    [Fact]
    public void Random_kinds_and_tracks_never_throw()
    {
        var random = new Random(42);
        var docs = AllComplete().ToList();
        var kinds = Enum.GetValues<ApplicantKind>();
        foreach (var _ in Enumerable.Range(0, 500))
        {
            var (_, doc, history) = docs[random.Next(docs.Count)];
            var mixed = doc.WithKind(random.Next(10) == 0 ? null : kinds[random.Next(kinds.Length)])
                with { Track = Call.Tracks[random.Next(Call.Tracks.Count)].Id };
            var result = Assess(mixed, history);
            Assert.NotEmpty(result.Findings);
            Assert.Equal("APPLICANT-KIND", result.Findings[0].RuleId);
            var admitted = Call.FindTrack(mixed.Track)!.AdmittedKinds.Contains(mixed.Applicant!.Kind ?? (ApplicantKind)(-1));
            if (!admitted) Assert.NotEqual(EligibilityOutcome.Eligible, result.Outcome);
        }
    }

    private static JsonObject ToNode(ApplicationDocument doc) =>
        JsonSerializer.SerializeToNode(doc, DocumentJson.Options)!.AsObject();

    private static ApplicationDocument FromNode(JsonObject node) =>
        node.Deserialize<ApplicationDocument>(DocumentJson.Options)!;

    // Paths of every non-null property, objects and arrays included, e.g. facts.years[0].rdCny.
    private static IEnumerable<string> Leaves(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is null) continue;
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    yield return path;
                    foreach (var child in Leaves(value, path)) yield return child;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var child in Leaves(array[i], $"{prefix}[{i}]")) yield return child;
                break;
        }
    }

    private static bool Remove(JsonObject root, string path)
    {
        JsonNode? parent = root;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
            parent = Step(parent, part);
        var last = parts[^1];
        var bracket = last.IndexOf('[');
        if (bracket >= 0)
        {
            var container = Step(parent, last[..bracket]) as JsonArray;
            var index = int.Parse(last[(bracket + 1)..^1]);
            if (container is null || index >= container.Count || container[index] is null) return false;
            container[index] = null;   // a null entry inside a list stands for an absent one
            return true;
        }
        return parent is JsonObject obj && obj.Remove(last);
    }

    private static JsonNode? Step(JsonNode? node, string part)
    {
        var bracket = part.IndexOf('[');
        if (bracket < 0) return (node as JsonObject)?[part];
        var array = (node as JsonObject)?[part[..bracket]] as JsonArray;
        var index = int.Parse(part[(bracket + 1)..^1]);
        return array is not null && index < array.Count ? array[index] : null;
    }
}
