using IpPlatform.Eligibility.Domain;
using IpPlatform.Infrastructure.Persistence;

namespace IpPlatform.Eligibility.Data;

/// <summary>
/// Stores the calls the platform ships (2022 and its rehearsal) on first start and publishes them, so
/// every service learns them through the same event an administrator's call would raise.
/// </summary>
public sealed class ShippedCallsSeeder(TimeProvider clock) : IDatabaseSeeder<EligibilityDbContext>
{
    public async Task SeedAsync(EligibilityDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var call in ShippedCalls.All())
        {
            if (await db.Calls.FindAsync([call.Id], cancellationToken) is not null) continue;
            db.Calls.Add(PublishedCall.From(call, shipped: true, now.UtcDateTime));
            db.PublishCall(call, now, by: null, clock);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
