using IpPlatform.Security;

namespace IpPlatform.Delivery.Notifications;

/// <summary>
/// A message to a person's inbox. Addressed by role, narrowed to one account (an applicant's credit code is its
/// user name) or to one office (its region code); a role- or office-addressed message is shared by the
/// accounts of that office or role, like a paper in-tray. A reminder becomes visible on its date.
/// </summary>
public sealed class Notification
{
    /// <summary>
    /// The general notices (about no application, e.g. a call's reminders) of the given kinds already made: a call
    /// published again must not remind the cities twice. Answered by the (ApplicationId, Kind) index.
    /// </summary>
    public static IQueryable<Notification> GeneralOfKinds(IQueryable<Notification> notifications, IReadOnlyCollection<string> kinds) =>
        notifications.Where(n => n.ApplicationId == null && kinds.Contains(n.Kind));

    public Guid Id { get; private set; }
    public string RecipientRole { get; private set; } = "";
    /// <summary>The one account addressed (its user name), or null.</summary>
    public string? RecipientName { get; private set; }
    /// <summary>The office addressed (GB/T 2260 code), or null.</summary>
    public string? RecipientOffice { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string Link { get; private set; } = "";
    public Guid? ApplicationId { get; private set; }
    /// <summary>The event (message id) that caused it, and which of its notifications this is.</summary>
    public Guid SourceEventId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime VisibleFrom { get; private set; }
    public DateTime? ReadAt { get; private set; }

    Notification() { }

    public static Notification To(Recipient recipient, string kind, string title, string body, string link, Guid? applicationId,
        Guid sourceEventId, DateTime now, DateTime? visibleFrom = null) => new()
    {
        Id = Guid.NewGuid(), RecipientRole = recipient.Role, RecipientName = recipient.Name, RecipientOffice = recipient.Office,
        Kind = kind, Title = title, Body = body, Link = link, ApplicationId = applicationId, SourceEventId = sourceEventId,
        CreatedAt = now, VisibleFrom = visibleFrom is { } from && from > now ? from : now,
    };

    /// <summary>Read by one account. A notice to an office or a role is shared by its clerks, each of whom reads it for themself.</summary>
    public NotificationReceipt ReadBy(string accountName, DateTime now)
    {
        if (RecipientName is not null) ReadAt ??= now;
        return new NotificationReceipt(Id, accountName, now);
    }
}

/// <summary>That one account has read one notification.</summary>
public sealed class NotificationReceipt(Guid notificationId, string accountName, DateTime readAt)
{
    public Guid NotificationId { get; private set; } = notificationId;
    public string AccountName { get; private set; } = accountName;
    public DateTime ReadAt { get; private set; } = readAt;
}

/// <summary>Who a notification is for (see <see cref="Notification"/>).</summary>
public sealed record Recipient(string Role, string? Name = null, string? Office = null)
{
    public static Recipient Applicant(string creditCode) => new(PlatformRoles.Applicant, Name: creditCode);
    public static Recipient CountyOffice(string code) => new(PlatformRoles.CountyOffice, Office: code);
    public static Recipient CityOffice(string code) => new(PlatformRoles.CityOffice, Office: code);
    public static Recipient Expert(string accountName) => new(PlatformRoles.Expert, Name: accountName);
    public static readonly Recipient Finance = new(PlatformRoles.Finance);
}

/// <summary>An e-mail owed for a notification: kept until the SMTP server took it, so a server that is down loses nothing.</summary>
public sealed class OutgoingMail
{
    public Guid Id { get; private set; }
    public Guid NotificationId { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime NotBefore { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentAt { get; private set; }

    OutgoingMail() { }

    public static OutgoingMail For(Notification notification, string to) => new()
    {
        Id = Guid.NewGuid(), NotificationId = notification.Id, To = to, Subject = notification.Title,
        Body = $"{notification.Body}\n\n{notification.Link}\n\n—— 江苏省知识产权局项目管理信息系统（本邮件由系统自动发送）",
        NotBefore = notification.VisibleFrom,
    };

    public void Sent(DateTime now) => SentAt = now;

    /// <summary>Back-off 1 min doubling to 1 h; mail is never given up, only postponed.</summary>
    public void Failed(string error, DateTime now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NotBefore = now + TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(Attempts - 1, 6)));
    }
}

/// <summary>An account's e-mail address, learnt from <c>AccountRegistered</c>.</summary>
public sealed class AddressBookEntry
{
    public string AccountId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string? OfficeCode { get; private set; }
    public string Email { get; private set; } = "";

    AddressBookEntry() { }

    public static AddressBookEntry Of(string accountId, string userName, string role, string? office, string email) =>
        new() { AccountId = accountId, UserName = userName, Role = role, OfficeCode = office, Email = email };

    public void Update(string userName, string role, string? office, string email) =>
        (UserName, Role, OfficeCode, Email) = (userName, role, office, email);

    /// <summary>
    /// The accounts <paramref name="recipient"/> addresses: by role, and by user name or office where it names one.
    /// Asked per notice and answered by an index, never by reading the whole book: it holds every applicant.
    /// </summary>
    public static IQueryable<AddressBookEntry> Of(IQueryable<AddressBookEntry> book, Recipient recipient)
    {
        var entries = book.Where(a => a.Role == recipient.Role);
        if (recipient.Name is { } name) entries = entries.Where(a => a.UserName == name);
        if (recipient.Office is { } office) entries = entries.Where(a => a.OfficeCode == office);
        return entries;
    }
}

/// <summary>What the delivery service remembers of a submitted application, to address later events' notifications.</summary>
public sealed class KnownApplication
{
    public Guid ApplicationId { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string TrackId { get; private set; } = "";

    KnownApplication() { }

    public static KnownApplication Of(Guid id, string creditCode, string unitName, string regionCode, string trackId) =>
        new() { ApplicationId = id, CreditCode = creditCode, UnitName = unitName, RegionCode = regionCode, TrackId = trackId };
}
