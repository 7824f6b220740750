using System.Text.Json;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Domain;

namespace IpPlatform.Eligibility.Domain.Tests;

/// <summary>A stored call version's text is parsed once per process; a different text is a different document.</summary>
public class StoredCallsTests
{
    [Fact]
    public void The_same_text_read_twice_is_one_parsed_document_equal_to_the_stored_call()
    {
        var call = ShippedCalls.Rehearsal2022();
        var text = JsonSerializer.Serialize(call, DocumentJson.Options);

        var first = StoredCalls.Read(text);
        var second = StoredCalls.Read(new string(text.AsSpan())); // another string instance, as a fresh query returns

        Assert.Same(first, second);
        Assert.Equal(call.Id, first.Id);
        Assert.Equal(call.Tracks.Select(t => t.Id), first.Tracks.Select(t => t.Id));
    }

    [Fact]
    public void A_corrected_version_with_another_text_is_read_as_its_own_document()
    {
        var call = ShippedCalls.Rehearsal2022();
        var original = StoredCalls.Read(JsonSerializer.Serialize(call, DocumentJson.Options));
        var corrected = StoredCalls.Read(JsonSerializer.Serialize(call with { TitleZh = call.TitleZh + "（更正）" }, DocumentJson.Options));

        Assert.NotSame(original, corrected);
        Assert.EndsWith("（更正）", corrected.TitleZh);
        Assert.DoesNotContain("更正", original.TitleZh);
    }
}
