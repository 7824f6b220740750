using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Events;

namespace IpPlatform.Review.Tests;

static class Samples
{
    public const string CallId = "2022";
    public static readonly DateTimeOffset Now = new(2022, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public static ApplicationSubmitted Submitted(
        Guid? id = null, string track = "industrial-brand", ApplicantKind kind = ApplicantKind.Enterprise, string region = "320583", string name = "江苏某某科技股份有限公司") =>
        new(id ?? Guid.NewGuid(), CallId, track, new ApplicationDocument
        {
            CallId = CallId, Track = track,
            Applicant = new Applicant { Name = name, CreditCode = "91320583MA1P2K3L4X", Kind = kind, RegionCode = region },
        }, Now.AddDays(-50));

    public static ApplicationRecommended ByCity(Guid id, string track = "industrial-brand", string city = "320500") =>
        new(id, CallId, track, OfficeLevel.City, city, "市局推荐", Now.AddDays(-10));

    public static ApplicantSummary Unit(ApplicantKind kind, string region, string? name = null) =>
        new(name ?? $"{kind} {region}", "91320583MA1P2K3L4X", kind.ToString(), region);
}
