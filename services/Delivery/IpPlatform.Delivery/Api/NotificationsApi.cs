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
        var mine = ForAccount(db, user, clock);
        var unreadCount = await mine.CountAsync(n => n.ReadAt == null, ct);
        var page = await mine.Where(n => unread != true || n.ReadAt == null)
            .OrderByDescending(n => n.VisibleFrom).ThenByDescending(n => n.Id).Take(Math.Clamp(take ?? 50, 1, 200)).ToListAsync(ct);
        return TypedResults.Ok(new InboxView(unreadCount, page.Select(NotificationView.From).ToList()));
    }

    /// <remarks>Another account's notification is answered as unknown.</remarks>
    static async Task<Results<NoContent, NotFound>> MarkRead(Guid id, ClaimsPrincipal user, DeliveryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var notification = await ForAccount(db, user, clock, tracked: true).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return TypedResults.NotFound();
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
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
    public static NotificationView From(Notification n) =>
        new(n.Id, n.Kind, n.Title, n.Body, n.Link, n.ApplicationId, new DateTimeOffset(DateTime.SpecifyKind(n.VisibleFrom, DateTimeKind.Utc)), n.ReadAt is not null);
}
