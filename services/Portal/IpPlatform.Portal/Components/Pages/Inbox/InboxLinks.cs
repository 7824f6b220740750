using IpPlatform.Portal.Api;
using IpPlatform.Security;

namespace IpPlatform.Portal.Components.Pages.Inbox;

/// <summary>
/// Where a notification leads the person reading it: the portal's own page for the application it names, by the
/// reader's role (the e-mail's link always points at the applicant's page, which no other role may open).
/// </summary>
public static class InboxLinks
{
    /// <summary>The page to open, or null when the notification names nothing this role has a page for.</summary>
    public static string? For(string? role, InboxNotification notification) => (role, notification.ApplicationId) switch
    {
        (PlatformRoles.Applicant, { } id) => $"/applications/{id}",
        (PlatformRoles.CountyOffice or PlatformRoles.CityOffice, { } id) => $"/office/cases/{id}",
        (PlatformRoles.Expert, { } id) => $"/expert/reviews/{id}",
        (PlatformRoles.Province, { } id) => $"/province/reviews/{id}",
        (PlatformRoles.Finance, not null) => "/finance/tranches",
        // A summary table's reminder names a call, not an application: the city's table is where it is done.
        (PlatformRoles.CityOffice or PlatformRoles.CityGovernment, null) when notification.Kind.StartsWith("summary-table-deadline", StringComparison.Ordinal)
            => "/office/summary",
        _ => null,
    };

    /// <summary>The word key for a notification's kind; reminders carry their day or call in the kind, which the word leaves out.</summary>
    public static string KindKey(string kind) => kind switch
    {
        "application-awaiting-office" or "assessed" or "expert-assigned" or "returned" or "approved" or "tranche-released" or "tranche-paid"
            => $"inbox.kind.{kind}",
        _ when kind.StartsWith("evaluation-due", StringComparison.Ordinal) => "inbox.kind.evaluation-due",
        _ when kind.StartsWith("summary-table-deadline", StringComparison.Ordinal) => "inbox.kind.summary-table-deadline",
        _ => "inbox.kind.other",
    };
}
