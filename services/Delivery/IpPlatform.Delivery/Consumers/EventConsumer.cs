using IpPlatform.Contracts.Events;
using IpPlatform.Delivery.Data;
using IpPlatform.Delivery.Feed;
using IpPlatform.Delivery.Notifications;
using IpPlatform.Delivery.Webhooks;
using IpPlatform.Infrastructure.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Delivery.Consumers;

/// <summary>
/// Takes every published integration event once (inbox): appends it to the feed, owes it to each subscription
/// that wants it, and makes the notifications (and e-mails) it causes, all in one transaction. The endpoint
/// consumes one message at a time so that feed sequences commit in the order they are assigned: a reader's
/// cursor never passes an entry that is still to commit.
/// </summary>
public sealed class EventConsumer(DeliveryDbContext db, TimeProvider clock, DeliverySettings settings, WebhookSignal signal) :
    IConsumer<CallPublished>, IConsumer<ApplicationSubmitted>, IConsumer<EligibilityAssessed>,
    IConsumer<ApplicationRecommended>, IConsumer<ApplicationReturned>, IConsumer<PaperCopyReceived>, IConsumer<ApplicationForwardedToProvince>, IConsumer<ExpertsAssigned>, IConsumer<ExpertScoreRecorded>, IConsumer<ApplicationDecided>,
    IConsumer<ApprovalCancelled>, IConsumer<TranchesScheduled>, IConsumer<TrancheDisbursed>,
    IConsumer<ProjectStarted>, IConsumer<ProjectEvaluated>, IConsumer<ProjectAccepted>,
    IConsumer<AccountRegistered>
{
    public Task Consume(ConsumeContext<CallPublished> context) => Take(context);
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) => Take(context);
    public Task Consume(ConsumeContext<EligibilityAssessed> context) => Take(context);
    public Task Consume(ConsumeContext<ApplicationRecommended> context) => Take(context);
    public Task Consume(ConsumeContext<ApplicationReturned> context) => Take(context);
    public Task Consume(ConsumeContext<PaperCopyReceived> context) => Take(context);
    public Task Consume(ConsumeContext<ApplicationForwardedToProvince> context) => Take(context);
    public Task Consume(ConsumeContext<ExpertsAssigned> context) => Take(context);
    public Task Consume(ConsumeContext<ExpertScoreRecorded> context) => Take(context);
    public Task Consume(ConsumeContext<ApplicationDecided> context) => Take(context);
    public Task Consume(ConsumeContext<ApprovalCancelled> context) => Take(context);
    public Task Consume(ConsumeContext<TranchesScheduled> context) => Take(context);
    public Task Consume(ConsumeContext<TrancheDisbursed> context) => Take(context);
    public Task Consume(ConsumeContext<ProjectStarted> context) => Take(context);
    public Task Consume(ConsumeContext<ProjectEvaluated> context) => Take(context);
    public Task Consume(ConsumeContext<ProjectAccepted> context) => Take(context);

    public Task Consume(ConsumeContext<AccountRegistered> context) => db.ConsumeOnceAsync(context, async () =>
    {
        var account = context.Message;
        var entry = await db.AddressBook.FindAsync([account.AccountId], context.CancellationToken);
        if (string.IsNullOrWhiteSpace(account.Email))
        {
            if (entry is not null) db.AddressBook.Remove(entry);
            return;
        }
        if (entry is null) db.AddressBook.Add(AddressBookEntry.Of(account.AccountId, account.UserName, account.Role, account.OfficeCode, account.Email));
        else entry.Update(account.UserName, account.Role, account.OfficeCode, account.Email);
    });

    async Task Take<T>(ConsumeContext<T> context) where T : class
    {
        // Deliveries point at the entry's sequence, known only once it is saved: two saves, one transaction.
        var strategy = db.Database.CreateExecutionStrategy();
        var deliveries = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
            var added = await Append(context);
            await transaction.CommitAsync(context.CancellationToken);
            return added;
        });
        // Only when there is something to send: each round of the dispatcher queries the deliveries.
        if (deliveries) signal.Wake();
    }

    /// <returns>Whether webhook deliveries were added.</returns>
    async Task<bool> Append<T>(ConsumeContext<T> context) where T : class
    {
        var deliveries = false;
        await db.ConsumeOnceAsync(context, async () =>
        {
            var message = context.Message;
            var ct = context.CancellationToken;
            var now = clock.GetUtcNow().UtcDateTime;
            var eventId = context.MessageId!.Value;
            var entry = FeedEntry.Of(eventId, message, (context.SentTime ?? now).ToUniversalTime(), now);
            db.Feed.Add(entry);

            var subscriptions = await db.Subscriptions.Where(s => s.IsActive).ToListAsync(ct);
            var wanting = subscriptions.Where(s => s.Wants(entry.Type)).ToList();
            if (wanting.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                foreach (var subscription in wanting) db.Deliveries.Add(WebhookDelivery.For(subscription, entry.Sequence, entry.Type, now));
                deliveries = true;
            }

            await Notify(message, eventId, now, ct);
        });
        return deliveries;
    }

    async Task Notify(object message, Guid eventId, DateTime now, CancellationToken ct)
    {
        if (message is ApplicationSubmitted submitted && submitted.Document.Applicant is { CreditCode: { } code } applicant
            && !await db.Applications.AnyAsync(a => a.ApplicationId == submitted.ApplicationId, ct))
            db.Applications.Add(KnownApplication.Of(submitted.ApplicationId, code, applicant.Name ?? "", applicant.RegionCode ?? "", submitted.TrackId));

        var applicationId = PublicEvents.SubjectOf(message) is { } subject && Guid.TryParse(subject, out var id) ? id : (Guid?)null;
        var application = applicationId is null ? null : await db.Applications.FindAsync([applicationId.Value], ct);
        var planned = NotificationTexts.For(message, application, now);
        if (planned.Count == 0) return;
        // A call published again (a correction) must not remind the cities twice. Only notices about no application can
        // repeat: asked only when such a notice is planned (a submission's notices all name their application).
        var general = planned.Where(p => p.ApplicationId is null).Select(p => p.Kind).Distinct().ToList();
        if (general.Count > 0)
        {
            var made = await Notification.GeneralOfKinds(db.Notifications, general)
                .Select(n => new { n.Kind, n.RecipientOffice }).ToListAsync(ct);
            planned = planned.Where(p => p.ApplicationId is not null || !made.Any(m => m.Kind == p.Kind && m.RecipientOffice == p.Recipient.Office)).ToList();
        }
        foreach (var p in planned)
        {
            var link = p.ApplicationId is { } app ? $"{settings.PortalUrl.TrimEnd('/')}/applications/{app}" : settings.PortalUrl;
            var notification = Notification.To(p.Recipient, p.Kind, p.Title, p.Body, link, p.ApplicationId, eventId, now, p.VisibleFrom);
            db.Notifications.Add(notification);
            if (!settings.Smtp.Enabled) continue;
            foreach (var email in await AddressBookEntry.Of(db.AddressBook, p.Recipient).Select(a => a.Email).ToListAsync(ct))
                db.Mails.Add(OutgoingMail.For(notification, email));
        }
    }
}
