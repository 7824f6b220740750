using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using IpPlatform.Security;

namespace IpPlatform.Portal.Applicant;

/// <summary>
/// Hands a renewed access token to an interactive draft page whose token expired. A circuit cannot renew the session
/// cookie, and redeeming the cookie's refresh token in the circuit would spend it (the identity service rolls refresh
/// tokens), ending the cookie's session. So the page opens a ticket; the person signs in again (or the cookie refreshes
/// itself) in another tab at <c>/applications/session/{ticket}</c>, which delivers that request's access token here; the
/// page collects it on its next save. The token never reaches the browser; a ticket is for its person only and short-lived.
/// </summary>
public sealed class TokenRelay(TimeProvider clock)
{
    /// <summary>How long an opened ticket waits for its token.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(30);

    readonly ConcurrentDictionary<string, Entry> tickets = new();

    sealed record Entry(string Person, DateTimeOffset ExpiresAt, string? Token);

    /// <summary>Who a signed-in principal is, for matching a ticket: the subject, else the name and organisation.</summary>
    public static string? PersonOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        if (user.FindFirst("sub")?.Value is { Length: > 0 } subject) return "sub:" + subject;
        return $"{user.FindFirst(PlatformClaims.Name)?.Value}|{user.FindFirst(PlatformClaims.Organisation)?.Value}";
    }

    /// <summary>A new ticket for <paramref name="person"/> (unguessable; stale tickets are dropped on the way).</summary>
    public string Open(string person)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in tickets)
            if (entry.ExpiresAt <= now) tickets.TryRemove(key, out _);
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        tickets[ticket] = new Entry(person, now + TicketLifetime, null);
        return ticket;
    }

    /// <summary>Stores the renewed token for the ticket; false when the ticket is unknown, expired or another person's.</summary>
    public bool Deliver(string ticket, string? person, string? token)
    {
        if (person is null || token is not { Length: > 0 } || !tickets.TryGetValue(ticket, out var entry)
            || entry.Person != person || entry.ExpiresAt <= clock.GetUtcNow())
            return false;
        return tickets.TryUpdate(ticket, entry with { Token = token }, entry);
    }

    /// <summary>The delivered token, once (the ticket is then closed); null while none has been delivered.</summary>
    public string? Collect(string ticket, string person)
    {
        if (!tickets.TryGetValue(ticket, out var entry) || entry.Person != person || entry.Token is null) return null;
        tickets.TryRemove(ticket, out _);
        return entry.ExpiresAt > clock.GetUtcNow() ? entry.Token : null;
    }
}
