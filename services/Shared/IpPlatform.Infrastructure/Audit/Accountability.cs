using IpPlatform.Contracts.Actors;
using IpPlatform.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Infrastructure.Audit;

/// <summary>Staging an act: its integration event in the outbox and its audit entry, for one SaveChanges.</summary>
public static class Accountability
{
    /// <summary>The platform itself, for changes no account made (a shipped call, an automatic assessment).</summary>
    public static readonly Actor Platform = new("platform", "platform", "system", null);

    /// <summary>
    /// Stages <paramref name="event"/> in the outbox and an audit entry naming <paramref name="actor"/>, the
    /// event's type as the action and <paramref name="subject"/> (usually the application id), with the event
    /// as its details — both saved with the state change by the caller's next SaveChanges.
    /// </summary>
    public static void Record<TEvent>(this DbContext db, TEvent @event, Actor actor, string subject, TimeProvider? clock = null) where TEvent : class
    {
        // The event's JSON once, for both: it may carry a whole application (some KB).
        var json = db.AddEvent(@event, clock);
        db.AuditWithDetails(actor, typeof(TEvent).Name, subject, json, clock);
    }
}
