using System.Globalization;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Intake.Materials;
using IpPlatform.Printing;

namespace IpPlatform.Intake.Applications;

/// <summary>
/// The printed form (申报书) of a submitted application: its frozen record laid out as the notice's form,
/// section by section, with the fingerprint and the URL an office's QR scanner opens. Pure mapping; the PDF
/// itself is drawn by <see cref="Pdf.Form"/>.
/// </summary>
public static class PrintedApplication
{
    /// <summary>The form of <paramref name="application"/>; <paramref name="publicBaseUrl"/> is where the platform is reached (no trailing slash needed).</summary>
    public static PrintedForm Build(Application application, CallDocument call, IReadOnlyList<ApplicationMaterial> materials, string publicBaseUrl)
    {
        if (application.SubmissionFingerprint is not { } fingerprint || application.SubmittedAtUtc is not { } submittedAtUtc)
            throw new BusinessRuleException("not-submitted", "a draft has no printed form; submit it first");
        var document = application.Document;
        var track = call.FindTrack(application.TrackId);
        var content = track?.Content ?? new ContentRules();
        var zone = Application.ZoneOf(call);
        var submittedAt = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(submittedAtUtc, DateTimeKind.Utc)), zone);
        var project = document.Project ?? new ProjectContent();
        var budget = document.Budget ?? new Budget();

        return new PrintedForm
        {
            Title = call.TitleZh,
            Subtitle = track?.ProgrammeZh ?? application.TrackId,
            Cover =
            [
                new("申报单位", application.ApplicantName),
                new("统一社会信用代码", application.CreditCode),
                new("项目名称", project.Name ?? ""),
                new("申请省级资金", Money(budget.ProvincialFundsCny)),
                new("提交时间", $"{submittedAt:yyyy-MM-dd HH:mm:ss} ({call.TimeZone})"),
            ],
            Sections =
            [
                Applicant(document.Applicant ?? new Applicant()),
                new("项目概况",
                [
                    new PrintedFields(
                    [
                        new("项目名称", project.Name ?? ""),
                        new("实施期限", $"{Date(project.StartsOn)} 至 {Date(project.EndsOn)}"),
                    ]),
                    new PrintedParagraph(project.Summary ?? ""),
                ]),
                Tasks(document.Tasks ?? [], content),
                new("绩效目标",
                [
                    new PrintedTable(["目标", "数值", "单位"],
                        [.. (document.Targets ?? []).Select(t => Row(
                            content.Targets.FirstOrDefault(d => d.Id == t.TargetId)?.NameZh ?? t.TargetId ?? "",
                            Number(t.Value),
                            content.Targets.FirstOrDefault(d => d.Id == t.TargetId)?.Unit ?? ""))],
                        [3, 1.5, 1]),
                ]),
                new("经费预算",
                [
                    new PrintedTable(["项目", "金额（元）"],
                    [
                        Row("申请省级财政资金", Money(budget.ProvincialFundsCny, unit: false)),
                        Row("自筹资金", Money(budget.OwnFundsCny, unit: false)),
                        Row("其他资金", Money(budget.OtherFundsCny, unit: false)),
                        Row("合计", Money(budget.TotalCny, unit: false)),
                    ], [2, 1]),
                ]),
                new("联系人",
                [
                    new PrintedFields(
                    [
                        new("姓名", document.Contact?.Name ?? ""),
                        new("手机", document.Contact?.Mobile ?? ""),
                        new("电子邮箱", document.Contact?.Email ?? ""),
                    ]),
                ]),
                Partners(document.Partners ?? []),
                new("申报材料",
                [
                    new PrintedTable(["材料", "文件名", "大小", "SHA-256"],
                        [.. materials
                            .OrderBy(m => IndexOrLast(content.Materials, m.MaterialId)).ThenBy(m => m.MaterialId, StringComparer.Ordinal)
                            .ThenBy(m => m.Sha256, StringComparer.Ordinal)
                            .Select(m => Row(content.Materials.FirstOrDefault(d => d.Id == m.MaterialId)?.NameZh ?? m.MaterialId,
                                m.FileName, Size(m.SizeBytes), m.Sha256))],
                        [1.5, 2, 1, 4]),
                ]),
                new("申报承诺",
                [
                    new PrintedParagraph("本单位承诺：所填报内容及所附材料真实、准确、完整，纸质材料与网上申报材料一致。"),
                    new PrintedFields(
                    [
                        new("数字指纹（SHA-256）", fingerprint),
                        new("核验地址", VerificationUrl(publicBaseUrl, fingerprint)),
                    ]),
                    new PrintedFields([new("单位负责人（签字）", ""), new("单位（盖章）", ""), new("日期", "")]),
                ]),
            ],
            Fingerprint = fingerprint,
            VerificationUrl = VerificationUrl(publicBaseUrl, fingerprint),
            // The submission instant, not the print time: the same record prints the same file.
            PrintedAt = new DateTimeOffset(DateTime.SpecifyKind(submittedAtUtc, DateTimeKind.Utc)),
        };
    }

    /// <summary>Where an office checks a fingerprint: the verification endpoint of the platform's public address.</summary>
    public static string VerificationUrl(string publicBaseUrl, string fingerprint) =>
        $"{publicBaseUrl.TrimEnd('/')}/api/applications/verification/{fingerprint}";

    /// <summary>An amount in yuan with thousands separators and fen, e.g. <c>1,500,000.00 元</c>; empty when absent.</summary>
    public static string Money(decimal? amount, bool unit = true) =>
        amount is { } value ? value.ToString("#,##0.00", CultureInfo.InvariantCulture) + (unit ? " 元" : "") : "";

    static PrintedSection Applicant(Applicant applicant) => new("申报单位",
    [
        new PrintedFields(
        [
            new("单位名称", applicant.Name ?? ""),
            new("统一社会信用代码", applicant.CreditCode ?? ""),
            new("单位类型", KindZh(applicant.Kind)),
            new("所在地区代码", applicant.RegionCode ?? ""),
        ]),
    ]);

    static PrintedSection Tasks(IReadOnlyList<TaskPlan> plans, ContentRules content)
    {
        var blocks = new List<PrintedBlock>();
        foreach (var plan in plans.OrderBy(p => IndexOrLast(content.Tasks, p.TaskId)))
        {
            blocks.Add(new PrintedFields([new("任务", content.Tasks.FirstOrDefault(t => t.Id == plan.TaskId)?.NameZh ?? plan.TaskId ?? "")]));
            blocks.Add(new PrintedParagraph(plan.Plan ?? ""));
        }
        return new("项目任务", blocks);
    }

    static PrintedSection Partners(IReadOnlyList<Partner> partners) => new("合作单位",
        partners.Count == 0
            ? [new PrintedParagraph("无")]
            : [new PrintedTable(["单位名称", "统一社会信用代码", "角色"],
                [.. partners.Select(p => Row(p.Name ?? "", p.CreditCode ?? "", RoleZh(p.Role)))], [3, 2, 1.5])]);

    static string KindZh(ApplicantKind? kind) => kind switch
    {
        ApplicantKind.CityGovernment => "设区市人民政府",
        ApplicantKind.CountyGovernment => "县（市、区）人民政府",
        ApplicantKind.ParkCommittee => "园区管委会",
        ApplicantKind.Enterprise => "企业",
        ApplicantKind.University => "高校",
        ApplicantKind.ResearchInstitute => "科研院所",
        ApplicantKind.KeyLaboratory => "重点实验室",
        ApplicantKind.NewRdInstitution => "新型研发机构",
        _ => "",
    };

    static string RoleZh(PartnerRole? role) => role switch
    {
        PartnerRole.Research => "产学研合作单位",
        PartnerRole.Upstream => "产业链上游企业",
        PartnerRole.Downstream => "产业链下游企业",
        PartnerRole.IpService => "知识产权服务机构",
        _ => "",
    };

    static IReadOnlyList<string> Row(params string[] cells) => cells;

    static string Number(decimal? value) => value?.ToString("#,##0.##", CultureInfo.InvariantCulture) ?? "";

    static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    static int IndexOrLast<T>(IReadOnlyList<T> definitions, string? id) where T : notnull
    {
        for (var i = 0; i < definitions.Count; i++)
            if (definitions[i] switch { TaskDefinition t => t.Id, MaterialDefinition m => m.Id, _ => null } == id) return i;
        return int.MaxValue;
    }
}
