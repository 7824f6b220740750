using IpPlatform.Delivery.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace IpPlatform.Delivery.Notifications;

/// <summary>
/// Sends the e-mails owed (<see cref="OutgoingMail"/>) over SMTP when <c>Delivery:Smtp:Host</c> is configured.
/// A mail leaves the table only as sent: while the server is down each is postponed with back-off, never lost.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, DeliverySettings settings, TimeProvider clock, ILogger<MailSender> logger,
    IpPlatform.MachineLoad? load = null) : BackgroundService
{
    const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Smtp.Enabled) return;
        using var timer = new PeriodicTimer(settings.Smtp.Poll);
        do
        {
            // A full batch means more are due (a deadline surge owes thousands): send on at once rather than
            // 50 every poll, which held mails back for minutes behind the backlog.
            // Between batches, a busy machine first (see MachineLoad): mail can wait for a surge's submissions.
            try { while (await SendDueAsync(stoppingToken) == Batch) if (load is not null) await load.WaitWhileBusyAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogError(e, "Mail round failed; retrying"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Sends up to one batch of the mails due; returns how many were due (0 when none or the server is away).</summary>
    async Task<int> SendDueAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Mails.Where(m => m.SentAt == null && m.NotBefore <= now).OrderBy(m => m.NotBefore).Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return 0;

        using var smtp = new SmtpClient { Timeout = 15_000 };
        try
        {
            await smtp.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port, settings.Smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(settings.Smtp.UserName)) await smtp.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("SMTP server {Host}:{Port} unavailable ({Error}); {Count} mails postponed", settings.Smtp.Host, settings.Smtp.Port, e.Message, due.Count);
            foreach (var mail in due) mail.Failed(e.Message, now);
            await db.SaveChangesAsync(ct);
            return 0;
        }

        foreach (var mail in due)
        {
            try
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse(settings.Smtp.From));
                message.To.Add(MailboxAddress.Parse(mail.To));
                message.Subject = mail.Subject;
                message.Body = new TextPart("plain") { Text = mail.Body };
                await smtp.SendAsync(message, ct);
                mail.Sent(clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                mail.Failed(e.Message, clock.GetUtcNow().UtcDateTime);
            }
            // Saved one by one: a crash after the server took a mail must not send it again.
            await db.SaveChangesAsync(ct);
        }
        await smtp.DisconnectAsync(true, ct);
        return due.Count;
    }
}
