using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using IpPlatform.Testing;

namespace IpPlatform.Intake.Tests;

static class Samples
{
    public static readonly string CreditCode = WithCheck("91320583MA1P2K3L4");

    /// <summary>The applicant account of <see cref="CreditCode"/>'s organisation, which <see cref="Document"/> names.</summary>
    public static readonly TestAccount Owner = TestAccounts.Applicant(CreditCode);

    /// <summary>A valid credit code that differs per <paramref name="serial"/>, for another organisation.</summary>
    public static string Code(int serial) => WithCheck($"91320583MA{serial:D7}");

    public static string WithCheck(string first17) => first17 + CreditCode_.ComputeCheckCharacter(first17);

    public static CallDocument Call(string id, DateOnly deadline) => new()
    {
        Id = id,
        TitleZh = "测试通知",
        IssuedOn = new DateOnly(2021, 12, 24),
        ReferenceDate = new DateOnly(2021, 12, 24),
        LastYear = 2021,
        Tracks =
        [
            new TrackDefinition
            {
                Id = "industrial-brand", ProgrammeZh = "工业品牌", NameEn = "Industrial brand",
                AdmittedKinds = [ApplicantKind.Enterprise], OnlineDeadline = deadline, PeriodYears = 2,
                EvaluationAfterMonths = 12, Tranches = [new TranchePlanItem("start-up", 1m, "Approval")],
                Quota = new QuotaRule { Kind = QuotaKind.PerCity, PerCity = 5 },
            },
        ],
    };

    public static object Document(string callId, string? creditCode = null, string regionCode = "320583") => new
    {
        callId,
        track = "industrial-brand",
        applicant = new { name = "江苏某某科技股份有限公司", creditCode = creditCode ?? CreditCode, kind = "Enterprise", regionCode },
        facts = new { ipStaff = 4, years = new[] { new { year = 2021, salesCny = 800000000m, rdCny = 32000000m } } },
    };
}

file static class CreditCode_
{
    public static char ComputeCheckCharacter(string first17) => IpPlatform.Documents.CreditCode.ComputeCheckCharacter(first17);
}
