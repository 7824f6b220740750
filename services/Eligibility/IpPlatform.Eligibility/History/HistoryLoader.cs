using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.History;

/// <summary>
/// Loads the part of the platform's record that can matter to one document: the unit's own projects and
/// credit entries, projects in its city (protection-zone hierarchy) or on its GI, and the call's other
/// submissions on the same track (GI-UNIQUE). Indexed lookups only: precheck runs on every form change.
/// </summary>
public static class HistoryLoader
{
    public static async Task<EligibilityHistory> LoadAsync(
        EligibilityDbContext db, ApplicationDocument document, Guid? excludeApplicationId, CancellationToken ct)
    {
        var creditCode = document.Applicant?.CreditCode;
        var region = Normalization.RegionCode(document.Applicant?.RegionCode);
        var cityPrefix = region is { Length: 6 } ? region[..4] : null;
        // The key the rules compare by (GI-NOT-ONGOING), not the name as typed.
        var giKey = Normalization.NameKey(document.Facts?.Gi?.Name);

        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.CreditCode == creditCode
                        || (cityPrefix != null && p.RegionCode != null && p.RegionCode.StartsWith(cityPrefix))
                        || (giKey != null && p.GiNameKey == giKey))
            .ToListAsync(ct);

        var credit = creditCode is null
            ? []
            : await db.CreditRecords.AsNoTracking().Where(c => c.CreditCode == creditCode).ToListAsync(ct);

        var submitted = await db.SubmittedApplications.AsNoTracking()
            .Where(a => a.CallId == document.CallId && a.TrackId == document.Track && a.ApplicationId != excludeApplicationId)
            .ToListAsync(ct);

        return new EligibilityHistory
        {
            Projects = projects.Select(p => p.ToDomain()).ToList(),
            CreditEntries = credit.Select(c => c.ToDomain()).ToList(),
            SubmittedApplications = submitted.Select(a => a.ToDomain()).ToList(),
        };
    }
}
