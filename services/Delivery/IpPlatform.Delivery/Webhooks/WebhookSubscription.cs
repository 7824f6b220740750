using System.Security.Cryptography;
using IpPlatform.Contracts.Actors;
using IpPlatform.Delivery.Feed;

namespace IpPlatform.Delivery.Webhooks;

/// <summary>
/// An agency's (or the administrator's) standing request to receive some event types at a callback URL.
/// Deliveries are signed with the subscription's secret; after a rotation the previous secret stays valid
/// for a grace period so the receiver can switch without losing a delivery.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; private set; }
    /// <summary>The account (token <c>sub</c>) that owns it; only it and the administrator see it.</summary>
    public string OwnerAccountId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public string CallbackUrl { get; private set; } = "";
    /// <summary>Event names (<see cref="PublicEvents.Names"/>) delivered.</summary>
    public List<string> EventTypes { get; private set; } = [];
    public string Secret { get; private set; } = "";
    public string? PreviousSecret { get; private set; }
    public DateTime? PreviousSecretValidUntil { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public bool IsActive { get; private set; }

    WebhookSubscription() { }

    public static WebhookSubscription Create(Actor owner, Uri callback, IEnumerable<string> eventTypes, DateTime now)
    {
        var types = eventTypes.Distinct().Order(StringComparer.Ordinal).ToList();
        if (types.Count == 0 || types.Any(t => !PublicEvents.Names.Contains(t)))
            throw new BusinessRuleException("unknown-event-type", "A subscription names at least one published event type.");
        return new WebhookSubscription
        {
            Id = Guid.NewGuid(), OwnerAccountId = owner.AccountId, OwnerName = owner.Name, CallbackUrl = callback.ToString(),
            EventTypes = types, Secret = NewSecret(), CreatedAt = now, IsActive = true,
        };
    }

    public bool Wants(string eventType) => IsActive && EventTypes.Contains(eventType);

    /// <summary>The owner itself or the administrator.</summary>
    public bool IsManagedBy(Actor actor) => actor.Role == Security.PlatformRoles.Admin || actor.AccountId == OwnerAccountId;

    /// <summary>A fresh secret; the current one stays valid for <paramref name="grace"/>.</summary>
    public string RotateSecret(DateTime now, TimeSpan grace)
    {
        if (!IsActive) throw new BusinessRuleException("subscription-cancelled", "The subscription was cancelled.");
        PreviousSecret = Secret;
        PreviousSecretValidUntil = now + grace;
        Secret = NewSecret();
        return Secret;
    }

    /// <summary>The secrets a delivery made at <paramref name="now"/> is signed with, the current one first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTime now) =>
        PreviousSecret is not null && PreviousSecretValidUntil > now ? [Secret, PreviousSecret] : [Secret];

    public void Cancel()
    {
        IsActive = false;
    }

    static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
