using System.Security.Claims;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Notifications;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Delivery.Api;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(PlatformPolicies.Authenticated);
        api.MapGet("/", Inbox).WithSummary("This account's inbox, newest first (unread=true: only the unread), with the unread count");
        api.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark one notification read");
        return app;
    }

    static async Task<Ok<InboxView>> Inbox(ClaimsPrincipal user, DeliveryDbContext db, TimeProvider clock, CancellationToken ct, bool? unread = null, int? take = null)
    {
        var account = user.ToActor().Name;
        var mine = ForAccount(db, user, clock);
        var unreadByMe = mine.Where(n => !db.Receipts.Any(r => r.AccountName == account && r.NotificationId == n.Id));
        var unreadCount = await unreadByMe.CountAsync(ct);
        var page = await (unread == true ? unreadByMe : mine)
            .OrderByDescending(n => n.VisibleFrom).ThenByDescending(n => n.Id).Take(Math.Clamp(take ?? 50, 1, 200))
            .Select(n => new { Notification = n, Read = db.Receipts.Any(r => r.AccountName == account && r.NotificationId == n.Id) })
            .ToListAsync(ct);
        return TypedResults.Ok(new InboxView(unreadCount, page.Select(p => NotificationView.From(p.Notification, p.Read)).ToList()));
    }

    /// <remarks>Another account's notification is answered as unknown.</remarks>
    static async Task<Results<NoContent, NotFound>> MarkRead(Guid id, ClaimsPrincipal user, DeliveryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var notification = await ForAccount(db, user, clock, tracked: true).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return TypedResults.NotFound();
        var account = user.ToActor().Name;
        if (await db.Receipts.AnyAsync(r => r.AccountName == account && r.NotificationId == id, ct)) return TypedResults.NoContent();
        db.Receipts.Add(notification.ReadBy(account, clock.GetUtcNow().UtcDateTime));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // The same account marked it twice at once (the key refuses the second): it is read either way.
            if (!await db.Receipts.AsNoTracking().AnyAsync(r => r.AccountName == account && r.NotificationId == id, ct)) throw;
        }
        return TypedResults.NoContent();
    }

    /// <summary>The notifications addressed to the token's account, its office or its role, that are visible by now.</summary>
    static IQueryable<Notification> ForAccount(DeliveryDbContext db, ClaimsPrincipal user, TimeProvider clock, bool tracked = false)
    {
        var actor = user.ToActor();
        var now = clock.GetUtcNow().UtcDateTime;
        var set = tracked ? db.Notifications : db.Notifications.AsNoTracking();
        return set.Where(n => n.RecipientRole == actor.Role
                              && (n.RecipientName == null || n.RecipientName == actor.Name)
                              && (n.RecipientOffice == null || n.RecipientOffice == actor.OfficeCode)
                              && n.VisibleFrom <= now);
    }
}

public sealed record InboxView(int Unread, IReadOnlyList<NotificationView> Notifications);

public sealed record NotificationView(Guid Id, string Kind, string Title, string Body, string Link, Guid? ApplicationId, DateTimeOffset At, bool Read)
{
    /// <param name="n">The notification.</param>
    /// <param name="read">Whether the reading account has read it (each clerk of an office for themself).</param>
    public static NotificationView From(Notification n, bool read) =>
        new(n.Id, n.Kind, n.Title, n.Body, n.Link, n.ApplicationId, new DateTimeOffset(DateTime.SpecifyKind(n.VisibleFrom, DateTimeKind.Utc)), read);
}
