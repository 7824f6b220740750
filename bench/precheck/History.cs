using System.Globalization;
using IpPlatform.Contracts.Applications;
using IpPlatform.Eligibility.Data;
using IpPlatform.Eligibility.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Bench.Precheck;

/// <summary>
/// Fills eligibility's database with a volume of history that the benchmark documents do not clash with: other
/// units' submissions to the same call and tracks (other GI names) and other units' projects in the same
/// cities. A history check whose cost grew with the record would slow down; one asking indexed questions not.
/// </summary>
static class History
{
    static readonly string[] Cities = ["320500", "320200", "320100"];
    static readonly string[] Tracks = ["industrial-brand", "gi-brand", "hvp-new", "univ-operation", "industry-center"];

    public static async Task FillAsync(IServiceProvider services, int submissions, int projects)
    {
        var template = Documents.Parse(Documents.All[0].Json);
        const int chunk = 2_000;
        for (var done = 0; done < submissions; done += chunk)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(submissions, done + chunk); i++)
            {
                var track = Tracks[i % Tracks.Length];
                var document = template with
                {
                    Track = track,
                    Applicant = template.Applicant! with { CreditCode = CreditCode(i), Name = $"历史申报单位{i}", RegionCode = Region(i) },
                    Facts = track == "gi-brand" ? template.Facts! with { Gi = new GiFacts { Name = $"历史地理标志{i}" } } : template.Facts,
                };
                db.SubmittedApplications.Add(SubmittedApplicationRecord.From(Guid.NewGuid(), document));
            }
            await db.SaveChangesAsync();
        }
        for (var done = 0; done < projects; done += chunk)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(projects, done + chunk); i++)
            {
                var track = Tracks[i % Tracks.Length];
                db.Projects.Add(ProjectRecord.Imported(new HistoryProject
                {
                    CreditCode = CreditCode(1_000_000 + i), UnitName = $"历史项目单位{i}", TrackId = track, Kind = ApplicantKind.Enterprise,
                    CallYear = 2019 + i % 3, RegionCode = Region(i), GiName = track == "gi-brand" ? $"历史地理标志{i}" : null,
                    Status = (ProjectStatus)(i % 4),
                }));
            }
            await db.SaveChangesAsync();
        }
    }

    // Counties of the benchmark documents' cities (昆山 320583 among them), so a "whole city" query would see them.
    static string Region(int i) => Cities[i % Cities.Length][..4] + (81 + i % 3).ToString("D2", CultureInfo.InvariantCulture);

    static string CreditCode(int i) => "91320000" + i.ToString("D10", CultureInfo.InvariantCulture);
}
