using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Testing;

namespace IpPlatform.Eligibility.Tests;

/// <summary>Every instant eligibility answers carries its offset, whatever SQLite hands back.</summary>
public sealed class InstantsTests : EligibilityServiceTest
{
    static readonly string[] LocalMinuteMembers = ["onlineDeadlineAt", "paperDeadlineAt", "summaryTableDeadlineAt", "effectiveOnlineDeadline"];

    [Fact]
    public async Task Every_read_endpoint_writes_instants_with_their_offset()
    {
        var document = Samples.IndustrialBrand(Samples.Code(50));
        var id = await Submit(document);
        await AssessmentPublished(id);
        var corrected = ShippedCalls.Rehearsal2022() with { TitleZh = ShippedCalls.Rehearsal2022().TitleZh + "（更正）" };
        (await Admin.PostAsJsonAsync("/api/eligibility/calls/2022-rehearsal/versions", new { reason = "标题更正", call = corrected }, DocumentJson.Options))
            .EnsureSuccessStatusCode();
        using var applicant = As(ApplicantOf(document));

        var reads = new (HttpClient Client, string Path)[]
        {
            (Client, "/api/eligibility/calls"),
            (Client, "/api/eligibility/calls/2022"),
            (Client, "/api/eligibility/calls/2022-rehearsal/versions"),
            (Client, "/api/eligibility/calls/2022-rehearsal/versions/2"),
            (Client, "/api/eligibility/calls/diff?from=2022-rehearsal@1&to=2022-rehearsal@2"),
            (applicant, $"/api/eligibility/assessments/{id}"),
            (Admin, "/api/eligibility/audit"),
        };
        var seen = 0;
        foreach (var (client, path) in reads)
        {
            var json = await client.GetFromJsonAsync<JsonElement>(path);
            var (found, count) = Instants.Walk(json);
            // Deadlines are wall-clock minutes of the call's timeZone (LocalMinute), printed as the notice prints them, not instants.
            var withoutOffset = found.Where(f => !LocalMinuteMembers.Any(m => f.Contains($".{m} = ", StringComparison.Ordinal))).ToList();
            Assert.True(withoutOffset.Count == 0, $"{path}: {string.Join("; ", withoutOffset)}");
            seen += count;
        }
        Assert.True(seen >= 5, $"only {seen} instants were read; the walk proves nothing without them");
    }

    [Fact]
    public async Task An_application_is_assessed_under_the_version_it_was_submitted_under()
    {
        // R&D at 3.5 % of sales: Eligible under version 1 (≥ 3 %), Ineligible under a correction to 4 %.
        var stricter = ShippedCalls.Rehearsal2022() with
        {
            Tracks = [.. ShippedCalls.Rehearsal2022().Tracks.Select(t => t.Id != "industrial-brand" ? t : t with
            {
                Parameters = new Dictionary<string, decimal>(t.Parameters) { [ParameterNames.RdShareOfSalesMin] = 0.04m },
            })],
        };
        (await Admin.PostAsJsonAsync("/api/eligibility/calls/2022-rehearsal/versions", new { reason = "门槛更正", call = stricter }, DocumentJson.Options))
            .EnsureSuccessStatusCode();
        var underFirst = Samples.IndustrialBrand(Samples.Code(51), rdCny: 28_000_000m);
        var underCurrent = Samples.IndustrialBrand(Samples.Code(52), rdCny: 28_000_000m);

        var first = await Submit(underFirst, callVersion: 1);
        var current = await Submit(underCurrent);

        var a = await AssessmentPublished(first);
        var b = await AssessmentPublished(current);
        Assert.Equal(("Eligible", 1), (a.Outcome.ToString(), a.CallVersion));
        Assert.Equal(("Ineligible", 2), (b.Outcome.ToString(), b.CallVersion));
        using var applicant = As(ApplicantOf(underFirst));
        var view = await applicant.GetFromJsonAsync<JsonElement>($"/api/eligibility/assessments/{first}");
        Assert.Equal(1, view[0].GetProperty("callVersion").GetInt32());
    }
}
