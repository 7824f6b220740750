using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Contracts.Events;

/// <summary>
/// A provincial administrator published a call (or the platform shipped one). Carries the whole call
/// document; consumers keep the parts they need. A published version never changes: a correction is published
/// as the next <see cref="Version"/> of the same call id, and applications keep the version they were submitted under.
/// </summary>
/// <param name="Call">The call as data.</param>
/// <param name="PublishedAt">When the eligibility service accepted it.</param>
public sealed record CallPublished(CallDocument Call, DateTimeOffset PublishedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }

    /// <summary>Version of the call, 1 for its first publication, n+1 for each correction (absent from older messages: 1).</summary>
    public int Version { get; init; } = 1;

    /// <summary>Why this version corrects the previous one; null for a first publication.</summary>
    public string? Reason { get; init; }
}
