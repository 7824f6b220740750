namespace IpPlatform.Portal.Api;

/// <summary>The delivery service's inbox answer: the account's unread count and one page of its notifications, newest first.</summary>
public sealed record InboxPage(int Unread, IReadOnlyList<InboxNotification> Notifications);

/// <summary>
/// One notification as the delivery service keeps it: its kind (e.g. <c>approved</c>), its Chinese title and text, the
/// e-mail's link, the application it names (if any), when it became visible, and whether this account has read it.
/// </summary>
public sealed record InboxNotification(Guid Id, string Kind, string Title, string Body, string? Link, Guid? ApplicationId, DateTimeOffset At, bool Read);
