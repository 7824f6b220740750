using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Calls;

namespace IpPlatform.Contracts.Events;

/// <summary>
/// A provincial administrator published a call (or the platform shipped one). Carries the whole call
/// document; consumers keep the parts they need. Publishing the same call id again replaces it.
/// </summary>
/// <param name="Call">The call as data.</param>
/// <param name="PublishedAt">When the eligibility service accepted it.</param>
public sealed record CallPublished(CallDocument Call, DateTimeOffset PublishedAt)
{
    /// <summary>Who acted (account, role, office); null when the platform itself acted (e.g. a call shipped with it).</summary>
    public Actor? By { get; init; }
}
