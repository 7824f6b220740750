using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Eligibility.History;

/// <summary>
/// Loads the part of the platform's record that can matter to one document, asking the store one indexed
/// question per history rule, so that the cost of a check does not grow with the whole history:
/// <list type="bullet">
/// <item>the unit's own projects and credit entries (IB-NOT-UNDERTAKING, HVPN-*, HVPU-ACCEPTED, credit) — by credit code;</item>
/// <item>PZ-HIERARCHY: protection-zone projects of the enclosing city's government, or of the enclosing county for a park;</item>
/// <item>GI-NOT-ONGOING: ongoing gi-brand projects on the same GI;</item>
/// <item>GI-UNIQUE: the call's other gi-brand submissions designating the same GI.</item>
/// </list>
/// Each query returns a superset of what its rule counts (the rule still filters), so the findings are those of
/// the whole history.
/// </summary>
public static class HistoryLoader
{
    // The two questions every check with a credit code asks, compiled once (a precheck's profile showed the per-call
    // expression-tree work of LINQ queries).
    static readonly Func<EligibilityDbContext, string, IAsyncEnumerable<ProjectRecord>> ProjectsOfUnit = EF.CompileAsyncQuery(
        (EligibilityDbContext db, string creditCode) => db.Projects.AsNoTracking().Where(p => p.CreditCode == creditCode));
    static readonly Func<EligibilityDbContext, string, IAsyncEnumerable<CreditRecord>> CreditOfUnit = EF.CompileAsyncQuery(
        (EligibilityDbContext db, string creditCode) => db.CreditRecords.AsNoTracking().Where(c => c.CreditCode == creditCode));

    static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
        return list;
    }

    public static async Task<EligibilityHistory> LoadAsync(
        EligibilityDbContext db, ApplicationDocument document, Guid? excludeApplicationId, CancellationToken ct)
    {
        var creditCode = document.Applicant?.CreditCode;
        var region = Normalization.RegionCode(document.Applicant?.RegionCode);
        // The key the rules compare by (GI-NOT-ONGOING, GI-UNIQUE), not the name as typed.
        var giKey = Normalization.NameKey(document.Facts?.Gi?.Name);

        var projects = creditCode is null
            ? []
            : await ListAsync(ProjectsOfUnit(db, creditCode), ct);

        if (document.Track == TrackIds.ProtectionZone && region is { Length: 6 } && region.All(char.IsAsciiDigit))
        {
            var city = Regions.CityOf(region);
            var enclosingCounty = document.Applicant?.Kind == ApplicantKind.ParkCommittee && !Regions.IsCity(region) ? region : null;
            projects.AddRange(await db.Projects.AsNoTracking()
                .Where(p => p.TrackId == TrackIds.ProtectionZone &&
                            ((p.RegionCode == city && p.Kind == ApplicantKind.CityGovernment) ||
                             (enclosingCounty != null && p.RegionCode == enclosingCounty && p.Kind == ApplicantKind.CountyGovernment)))
                .ToListAsync(ct));
        }

        var submitted = new List<SubmittedApplicationRecord>();
        if (document.Track == TrackIds.GiBrand && !string.IsNullOrEmpty(giKey))
        {
            projects.AddRange(await db.Projects.AsNoTracking()
                .Where(p => p.TrackId == TrackIds.GiBrand && p.GiNameKey == giKey && p.Status == ProjectStatus.Ongoing)
                .ToListAsync(ct));
            submitted = await db.SubmittedApplications.AsNoTracking()
                .Where(a => a.CallId == document.CallId && a.TrackId == document.Track && a.GiNameKey == giKey &&
                            a.ApplicationId != excludeApplicationId)
                .ToListAsync(ct);
            // Submissions recorded on this context but not saved yet (the earlier ones of a batch being assessed): the
            // store cannot answer for them, and GI-UNIQUE counts them.
            submitted.AddRange(db.SubmittedApplications.Local.Where(a => db.Entry(a).State == EntityState.Added &&
                a.CallId == document.CallId && a.TrackId == document.Track && a.GiNameKey == giKey && a.ApplicationId != excludeApplicationId));
        }

        var credit = creditCode is null
            ? []
            : await ListAsync(CreditOfUnit(db, creditCode), ct);

        return new EligibilityHistory
        {
            // A project can answer two questions (its own unit's and its GI's); the rules count it once.
            Projects = projects.DistinctBy(p => p.Id).Select(p => p.ToDomain()).ToList(),
            CreditEntries = credit.Select(c => c.ToDomain()).ToList(),
            SubmittedApplications = submitted.Select(a => a.ToDomain()).ToList(),
        };
    }
}
