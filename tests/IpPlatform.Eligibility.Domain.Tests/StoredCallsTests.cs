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

    [Fact]
    public async Task A_published_version_is_read_from_its_store_once_and_each_store_reads_its_own()
    {
        var call = ShippedCalls.Rehearsal2022();
        var text = JsonSerializer.Serialize(call, DocumentJson.Options);
        var corrected = JsonSerializer.Serialize(call with { TitleZh = call.TitleZh + "（更正）" }, DocumentJson.Options);
        var store = $"store-{Guid.NewGuid():N}";
        var reads = 0;
        Func<CancellationToken, Task<string?>> Reading(string stored) => _ => { reads++; return Task.FromResult<string?>(stored); };

        var first = await StoredCalls.VersionAsync(store, call.Id, 1, Reading(text), CancellationToken.None);
        var again = await StoredCalls.VersionAsync(store, call.Id, 1, Reading(text), CancellationToken.None);
        var next = await StoredCalls.VersionAsync(store, call.Id, 2, Reading(corrected), CancellationToken.None);
        // Another service's (or test's) database with the same call and version number holds its own text.
        var elsewhere = await StoredCalls.VersionAsync(store + "-other", call.Id, 1, Reading(corrected), CancellationToken.None);

        Assert.Equal(3, reads);
        Assert.Same(first, again);
        Assert.EndsWith("（更正）", next!.TitleZh);
        Assert.EndsWith("（更正）", elsewhere!.TitleZh);
        Assert.DoesNotContain("更正", first!.TitleZh);
    }

    [Fact]
    public async Task A_version_without_text_is_none_and_is_asked_again_later()
    {
        var store = $"store-{Guid.NewGuid():N}";
        var reads = 0;

        Assert.Null(await StoredCalls.VersionAsync(store, "2022", 1, _ => { reads++; return Task.FromResult<string?>(""); }, CancellationToken.None));
        Assert.Null(await StoredCalls.VersionAsync(store, "2022", 1, _ => { reads++; return Task.FromResult<string?>(null); }, CancellationToken.None));
        Assert.Equal(2, reads);
    }
}
