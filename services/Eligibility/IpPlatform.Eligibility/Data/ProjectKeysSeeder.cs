using IpPlatform.Documents;
using IpPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.Data;

/// <summary>
/// Gives projects recorded before GI names were keyed their <see cref="ProjectRecord.GiNameKey"/> (the key is
/// computed in code, by <see cref="Normalization.NameKey"/>, so a migration cannot fill it). Nothing to do once done.
/// </summary>
public sealed class ProjectKeysSeeder : IDatabaseSeeder<EligibilityDbContext>
{
    public async Task SeedAsync(EligibilityDbContext db, CancellationToken cancellationToken)
    {
        var unkeyed = await db.Projects.Where(p => p.GiName != null && p.GiNameKey == null).ToListAsync(cancellationToken);
        foreach (var project in unkeyed) project.KeyGiName();
        if (unkeyed.Count > 0) await db.SaveChangesAsync(cancellationToken);
    }
}
