using System.Globalization;
using IpPlatform.Contracts.Calls;
using IpPlatform.Contracts.Events;
using IpPlatform.Documents;

namespace IpPlatform.Delivery.Notifications;

/// <summary>A notification to be made: to whom, which kind, its Chinese text, and from when it shows.</summary>
public sealed record PlannedNotification(Recipient Recipient, string Kind, string Title, string Body, Guid? ApplicationId,
    DateTime? VisibleFrom = null, DateOnly? DueOn = null);

/// <summary>
/// Who learns of an event, and what they read (Chinese, with the application's reference). The application's
/// unit and region come from its <see cref="ApplicationSubmitted"/> (<paramref name="application"/>) where the
/// event itself does not carry them.
/// </summary>
public static class NotificationTexts
{
    /// <summary>Days before an evaluation's date at which its applicant is reminded.</summary>
    public static readonly int[] EvaluationReminderDays = [30, 7];

    /// <summary>Days before a summary table's deadline day at which city offices are reminded of it.</summary>
    public const int SummaryTableReminderDays = 7;

    /// <summary>What <paramref name="message"/> tells people; reminders of dates already past at <paramref name="now"/> are left out.</summary>
    public static IReadOnlyList<PlannedNotification> For(object message, KnownApplication? application, DateTime now) =>
        Planned(message, application).Where(p => p.DueOn is not { } due || due.ToDateTime(TimeOnly.MinValue) >= now.Date).ToList();

    static IReadOnlyList<PlannedNotification> Planned(object message, KnownApplication? application) => message switch
    {
        CallPublished { Call: var call } when call.Tracks.Count > 0 => SummaryTableReminders(call),
        ApplicationSubmitted e when e.Document.Applicant?.RegionCode is { } region =>
        [
            new(Recipient.CountyOffice(region), "application-awaiting-office", $"新申报待审核：{Ref(e.ApplicationId)}",
                $"{e.Document.Applicant.Name}提交的申报（编号 {Ref(e.ApplicationId)}，项目类别 {e.TrackId}）待贵局审核推荐。", e.ApplicationId),
        ],
        EligibilityAssessed e when application is not null =>
        [
            new(Recipient.Applicant(application.CreditCode), "assessed", $"资格审查结果：{OutcomeZh(e.Outcome)}",
                $"贵单位的申报（编号 {Ref(e.ApplicationId)}）资格审查结果为「{OutcomeZh(e.Outcome)}」。" +
                (e.Findings.Where(f => f.Result == "Fail").Select(f => f.MessageZh).FirstOrDefault() is { } reason ? $"原因：{reason}" : ""), e.ApplicationId),
        ],
        ApplicationRecommended { Level: OfficeLevel.County } e =>
        [
            new(Recipient.CityOffice(Regions.CityOf(e.OfficeRegionCode)), "application-awaiting-office", $"新申报待推荐：{Ref(e.ApplicationId)}",
                $"{Regions.NameOf(e.OfficeRegionCode)}知识产权局已推荐申报（编号 {Ref(e.ApplicationId)}），待贵局审核并纳入汇总表。", e.ApplicationId),
        ],
        // Exactly the experts a draw seated (by account name); a replacement draw tells only the replacement.
        ExpertsAssigned e => e.Experts.Distinct(StringComparer.Ordinal).Select(expert => new PlannedNotification(
            Recipient.Expert(expert), "expert-assigned", $"新的评审任务：{Ref(e.ApplicationId)}",
            $"您已被抽选为申报（编号 {Ref(e.ApplicationId)}，{e.CallId} 年度申报，项目类别 {e.TrackId}）的评审专家，请登录系统查看申报材料并评分；" +
            "如存在利益冲突或无法评审，请说明理由后回避。", e.ApplicationId)).ToList(),
        ApplicationReturned e when application is not null =>
        [
            new(Recipient.Applicant(application.CreditCode), "returned", $"申报被退回：{Ref(e.ApplicationId)}",
                $"贵单位的申报（编号 {Ref(e.ApplicationId)}）被{Regions.NameOf(e.OfficeRegionCode)}知识产权局退回。退回原因：{e.Reason}", e.ApplicationId),
        ],
        ApplicationDecided { Decision: ProvincialDecision.Approved } e =>
        [
            new(Recipient.Applicant(e.Applicant.CreditCode), "approved", $"申报已获批准：{Ref(e.ApplicationId)}",
                $"贵单位的申报（编号 {Ref(e.ApplicationId)}）经省局集体决策批准立项，核定资助金额 {Money(e.ApprovedAmountCny)}。", e.ApplicationId),
        ],
        TranchesScheduled e => e.Tranches.Where(t => t.Trigger == "Approval").Select(t => new PlannedNotification(
            Recipient.Finance, "tranche-released", $"资金待拨付：{Ref(e.ApplicationId)}",
            $"项目（申报编号 {Ref(e.ApplicationId)}）的「{t.Name}」批次资金 {Money(t.AmountCny)} 已下达，请办理拨付。", e.ApplicationId)).ToList(),
        TrancheDisbursed e =>
        [
            new(Recipient.Applicant(e.CreditCode), "tranche-paid", $"资金已拨付：{Ref(e.ApplicationId)}",
                $"贵单位项目（申报编号 {Ref(e.ApplicationId)}）的「{e.Name}」批次资金 {Money(e.AmountCny)} 已于 {Date(e.DisbursedOn)} 拨付，凭证号 {e.VoucherNo}。", e.ApplicationId),
        ],
        ProjectStarted e => EvaluationReminderDays.Select(days => new PlannedNotification(
            Recipient.Applicant(e.Applicant.CreditCode), $"evaluation-due-{days}", $"项目评估将于{days}天后到期：{Ref(e.ApplicationId)}",
            $"贵单位项目（申报编号 {Ref(e.ApplicationId)}）的中期评估日期为 {Date(e.EvaluationDueOn)}，请于到期前提交进展报告和评估材料。",
            e.ApplicationId, e.EvaluationDueOn.AddDays(-days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), e.EvaluationDueOn)).ToList(),
        _ => [],
    };

    /// <summary>An application's reference as people quote it: its id.</summary>
    public static string Ref(Guid applicationId) => applicationId.ToString();

    static string OutcomeZh(EligibilityOutcome outcome) => outcome switch
    {
        EligibilityOutcome.Eligible => "符合申报条件",
        EligibilityOutcome.Ineligible => "不符合申报条件",
        _ => "需人工复核",
    };

    static string Money(decimal? amount) => amount is { } a ? $"{(a / 10000m).ToString("0.##", CultureInfo.InvariantCulture)} 万元" : "（未定）";
    /// <summary>
    /// One reminder per city and per summary-table deadline of the call (tracks sharing a deadline share it), shown
    /// from local midnight <see cref="SummaryTableReminderDays"/> days before the deadline day. A track whose call
    /// sets no summary-table deadline has its table due with its online deadline.
    /// </summary>
    static IReadOnlyList<PlannedNotification> SummaryTableReminders(CallDocument call)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(call.TimeZone);
        var deadlines = call.Tracks.GroupBy(t => t.SummaryTableDeadlineAt ?? t.EffectiveOnlineDeadline).OrderBy(g => g.Key);
        return (from deadline in deadlines
                let programmes = string.Join("、", deadline.Select(t => t.ProgrammeZh))
                let showFrom = TimeZoneInfo.ConvertTimeToUtc(deadline.Key.Date.AddDays(-SummaryTableReminderDays).ToDateTime(TimeOnly.MinValue), zone)
                from city in Regions.All.Where(r => r.Level == RegionLevel.City)
                select new PlannedNotification(Recipient.CityOffice(city.Code), $"summary-table-deadline-{call.Id}-{deadline.Key}",
                    $"汇总表截止日期临近：{call.Id} 年度申报",
                    $"{call.Id} 年度申报（{programmes}）的本市申报汇总表须于 {Date(deadline.Key.Date)} {deadline.Key.Hour:00}:{deadline.Key.Minute:00}（{call.TimeZone}）前报送，" +
                    "请于截止前完成本市推荐项目的审核、排序并提交汇总表。",
                    null, showFrom, deadline.Key.Date)).ToList();
    }

    static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
