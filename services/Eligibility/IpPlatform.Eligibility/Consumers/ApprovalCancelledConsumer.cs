using IpPlatform.Contracts.Events;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Messaging;
using MassTransit;

namespace IpPlatform.Eligibility.Consumers;

/// <summary>
/// A cancelled approval (取消立项资格) becomes an entry in the applicant's credit record, which the integrity rules of
/// later assessments read; the province account that cancelled answers for it in the audit log.
/// </summary>
public sealed class ApprovalCancelledConsumer(EligibilityDbContext db, TimeProvider clock) : IConsumer<ApprovalCancelled>
{
    public Task Consume(ConsumeContext<ApprovalCancelled> context) => db.ConsumeOnceAsync(context, () =>
    {
        var cancelled = context.Message;
        // The grounds are named as the credit-entry kinds they become.
        var kind = Enum.Parse<CreditEntryKind>(cancelled.Ground.ToString());
        var reason = $"取消立项资格 {cancelled.CallId}/{cancelled.TrackId} ({cancelled.ApplicationId}): {cancelled.Reason}";
        db.CreditRecords.Add(CreditRecord.From(cancelled.Applicant.CreditCode, kind, cancelled.RecordedOn, cancelled.ExpiresOn, reason));
        db.Audit(cancelled.By ?? Accountability.Platform, "credit-entry.recorded", cancelled.Applicant.CreditCode,
            new { creditCode = cancelled.Applicant.CreditCode, kind, recordedOn = cancelled.RecordedOn, expiresOn = cancelled.ExpiresOn, reason }, clock);
        return Task.CompletedTask;
    });
}
