using System.Text.Json;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;

namespace IpPlatform.Eligibility.Domain;

/// <summary>
/// Calls shipped with the platform. <c>Calls/call-2022.json</c> restates every figure of notice
/// 苏知发〔2021〕140号; further calls are published as data by administrators, not shipped.
/// </summary>
public static class ShippedCalls
{
    /// <summary>Id of the rehearsal copy of the 2022 call.</summary>
    public const string RehearsalId = "2022-rehearsal";

    private static readonly Lazy<CallDocument> Call2022Instance = new(() => Load("call-2022.json"));
    private static readonly Lazy<CallDocument> Rehearsal2022Instance = new(() => Call2022() with
    {
        Id = RehearsalId,
        TitleZh = "【演练】" + Call2022().TitleZh,
        Rehearsal = true,
        // Same rules, figures and reference date; deadlines far away so the whole flow can be exercised.
        Tracks = [.. Call2022().Tracks.Select(t => t with
        {
            OnlineDeadline = new DateOnly(2099, 12, 31), OnlineDeadlineAt = null,
            PaperDeadlineAt = LocalMinute.EndOf(new DateOnly(2100, 1, 15)), SummaryTableDeadlineAt = LocalMinute.EndOf(new DateOnly(2100, 1, 31)),
            Review = t.Review with { PublicityDays = 0 }, // no publicity wait: a rehearsal is walked through at once
        })],
    });

    /// <summary>The 2022 call (immutable, shared).</summary>
    public static CallDocument Call2022() => Call2022Instance.Value;

    /// <summary>The 2022 call as a rehearsal: id <c>2022-rehearsal</c>, never funded, deadlines 2099-12-31.</summary>
    public static CallDocument Rehearsal2022() => Rehearsal2022Instance.Value;

    /// <summary>All shipped calls.</summary>
    public static IReadOnlyList<CallDocument> All() => [Call2022(), Rehearsal2022()];

    /// <summary>Reads a call from JSON with the document conventions (<see cref="DocumentJson.Options"/>).</summary>
    /// <exception cref="JsonException">Malformed JSON or a missing required member.</exception>
    public static CallDocument Parse(string json) =>
        JsonSerializer.Deserialize<CallDocument>(json, DocumentJson.Options) ?? throw new JsonException("The call document is null.");

    private static CallDocument Load(string file)
    {
        var name = $"IpPlatform.Eligibility.Domain.Calls.{file}";
        using var stream = typeof(ShippedCalls).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded call '{name}' is missing from the assembly.");
        return JsonSerializer.Deserialize<CallDocument>(stream, DocumentJson.Options)
            ?? throw new InvalidOperationException($"Embedded call '{name}' is empty.");
    }
}
