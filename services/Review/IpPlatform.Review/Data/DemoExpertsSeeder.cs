using IpPlatform.Infrastructure.Audit;
using IpPlatform.Infrastructure.Persistence;
using IpPlatform.Review.Reviews;

namespace IpPlatform.Review.Data;

/// <summary>
/// Puts the identity service's demo experts (<c>expert-1</c>, <c>expert-2</c>) in the pool on a first start in
/// Development (<c>Review:SeedDemoExperts</c>), so that the walkthrough can draw a panel; elsewhere the
/// administrator keeps the pool.
/// </summary>
public sealed class DemoExpertsSeeder(TimeProvider clock) : IDatabaseSeeder<ReviewDbContext>
{
    public const string SettingKey = "Review:SeedDemoExperts";

    // The tracks of the shipped 2022 call; Nanjing employers, so no applicant of the walkthrough (Suzhou) is in conflict.
    static readonly string[] ShippedTracks = ["protection-zone", "gi-brand", "industrial-brand", "hvp-new", "hvp-upgrade", "univ-operation", "industry-center"];
    static readonly (string Account, string Name, string Employer, string EmployerCode)[] Demo =
    [
        ("expert-1", "评审专家一", "江苏省某知识产权研究院", "12320000466001011F"),
        ("expert-2", "评审专家二", "南京某大学", "123201004660020220"),
    ];

    public async Task SeedAsync(ReviewDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (account, name, employer, code) in Demo)
        {
            if (await db.Experts.FindAsync([account], cancellationToken) is not null) continue;
            var expert = new ExpertProfile(account);
            expert.Update(name, ShippedTracks, employer, code, "320100", active: true, [], clock.GetUtcNow());
            db.Experts.Add(expert);
            db.Audit(Accountability.Platform, "ExpertEntered", account, new { account, demo = true }, clock);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
