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

    /// <summary>
    /// A one-track call (industrial-brand, 2 years) whose content rules ask for one task, one target (at least 10 件),
    /// at most ¥1,000,000 of provincial funds, and an optional material (so that submissions need no upload;
    /// tests of required materials add their own).
    /// </summary>
    public static CallDocument Call(string id, DateOnly deadline, LocalMinute? deadlineAt = null, LocalMinute? paperDeadlineAt = null,
        IReadOnlyList<MaterialDefinition>? materials = null) => new()
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
                OnlineDeadlineAt = deadlineAt, PaperDeadlineAt = paperDeadlineAt,
                Content = new ContentRules
                {
                    Tasks = [new TaskDefinition("brand-building", "品牌培育"), new TaskDefinition("optional-task", "其他任务") { Required = false }],
                    Targets = [new TargetDefinition("new-trademarks", "新增注册商标", "件") { Minimum = 10 }],
                    MaxProvincialFundsCny = 1_000_000m,
                    Materials = materials ?? [new MaterialDefinition("other-proof", "其他证明材料") { Required = false }],
                    SummaryMinLength = 20,
                },
            },
        ],
    };

    public static object Document(string callId, string? creditCode = null, string regionCode = "320583") => new
    {
        callId,
        track = "industrial-brand",
        applicant = new { name = "江苏某某科技股份有限公司", creditCode = creditCode ?? CreditCode, kind = "Enterprise", regionCode },
        facts = new { ipStaff = 4, years = new[] { new { year = 2021, salesCny = 800000000m, rdCny = 32000000m } } },
        project = new
        {
            name = "某某工业品牌培育项目", summary = "围绕自主品牌开展商标布局、品牌宣传和海外注册，提升品牌影响力与市场占有率。",
            startsOn = "2022-03-01", endsOn = "2024-02-29",
        },
        tasks = new[] { new { taskId = "brand-building", plan = "开展商标国际注册与品牌推广。" } },
        targets = new[] { new { targetId = "new-trademarks", value = 12m } },
        budget = new { totalCny = 3_000_000.00m, provincialFundsCny = 1_000_000m, ownFundsCny = 1_800_000m, otherFundsCny = 200_000m },
        contact = new { name = "王某", mobile = "13800138000", email = "wang@example.com" },
    };
}

file static class CreditCode_
{
    public static char ComputeCheckCharacter(string first17) => IpPlatform.Documents.CreditCode.ComputeCheckCharacter(first17);
}
