using IpPlatform.Eligibility.Domain;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Data;

/// <summary>
/// Stores the calls the platform ships (2022 and its rehearsal) on first start and publishes them, so
/// every service learns them through the same event an administrator's call would raise. Calls stored before
/// versions existed get their version 1 row here, from the document they hold.
/// </summary>
public sealed class ShippedCallsSeeder(TimeProvider clock) : IDatabaseSeeder<EligibilityDbContext>
{
    public async Task SeedAsync(EligibilityDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var call in ShippedCalls.All())
        {
            if (await db.Calls.FindAsync([call.Id], cancellationToken) is not null) continue;
            var published = PublishedCall.From(call, shipped: true, now.UtcDateTime);
            db.Calls.Add(published);
            db.CallVersions.Add(published.FirstVersion(by: null));
            db.PublishCall(call, version: 1, reason: null, now, by: null, clock);
        }
        await db.SaveChangesAsync(cancellationToken);

        var unversioned = await db.Calls.Where(c => !db.CallVersions.Any(v => v.CallId == c.Id)).ToListAsync(cancellationToken);
        foreach (var call in unversioned) db.CallVersions.Add(call.FirstVersion(by: null));
        await db.SaveChangesAsync(cancellationToken);
    }
}
