namespace IpPlatform.Portal.Texts;

/// <summary>The words of the notifications page and the layout's notifications link.</summary>
static class InboxWords
{
    public static readonly Words All = new(Chinese(), English());

    static Dictionary<string, string> Chinese() => new()
    {
        ["inbox.nav"] = "通知",
        ["inbox.nav.count"] = "通知 ({0})",
        ["inbox.nav.aria"] = "通知，{0} 条未读",
        ["inbox.heading"] = "通知",
        ["inbox.filter"] = "显示",
        ["inbox.filter.all"] = "全部通知",
        ["inbox.filter.unread"] = "仅未读",
        ["inbox.unreadCount"] = "未读 {0} 条",
        ["inbox.none"] = "暂无通知。",
        ["inbox.noneUnread"] = "没有未读通知。",
        ["inbox.unavailable"] = "通知暂时无法读取，请稍后再试。",
        ["inbox.unread"] = "未读",
        ["inbox.read"] = "已读",
        ["inbox.open"] = "查看",
        ["inbox.markRead"] = "标为已读",
        ["inbox.markAll"] = "本页全部标为已读",
        ["inbox.refused"] = "未能标为已读",
        ["inbox.refusedSome"] = "{0} 条通知未能标为已读（可能已不属于本账号）。",
        ["inbox.more"] = "显示更多",
        ["inbox.shown"] = "显示最新 {0} 条",
        ["inbox.chineseOnly"] = "平台的通知以中文发送。",
        ["inbox.kind.application-awaiting-office"] = "待审核申报",
        ["inbox.kind.assessed"] = "资格审查结果",
        ["inbox.kind.expert-assigned"] = "评审任务",
        ["inbox.kind.returned"] = "申报退回",
        ["inbox.kind.approved"] = "批准立项",
        ["inbox.kind.tranche-released"] = "资金待拨付",
        ["inbox.kind.tranche-paid"] = "资金已拨付",
        ["inbox.kind.evaluation-due"] = "评估提醒",
        ["inbox.kind.summary-table-deadline"] = "汇总表截止提醒",
        ["inbox.kind.other"] = "通知",
    };

    static Dictionary<string, string> English() => new()
    {
        ["inbox.nav"] = "Notifications",
        ["inbox.nav.count"] = "Notifications ({0})",
        ["inbox.nav.aria"] = "Notifications, {0} unread",
        ["inbox.heading"] = "Notifications",
        ["inbox.filter"] = "Show",
        ["inbox.filter.all"] = "All notifications",
        ["inbox.filter.unread"] = "Unread only",
        ["inbox.unreadCount"] = "{0} unread",
        ["inbox.none"] = "No notifications yet.",
        ["inbox.noneUnread"] = "No unread notifications.",
        ["inbox.unavailable"] = "Notifications cannot be read just now; please try again later.",
        ["inbox.unread"] = "Unread",
        ["inbox.read"] = "Read",
        ["inbox.open"] = "Open",
        ["inbox.markRead"] = "Mark read",
        ["inbox.markAll"] = "Mark all on this page read",
        ["inbox.refused"] = "Could not mark read",
        ["inbox.refusedSome"] = "{0} notification(s) could not be marked read (they may no longer be this account's).",
        ["inbox.more"] = "Show more",
        ["inbox.shown"] = "Showing the newest {0}",
        ["inbox.chineseOnly"] = "The platform writes its notifications in Chinese.",
        ["inbox.kind.application-awaiting-office"] = "Application awaiting review",
        ["inbox.kind.assessed"] = "Eligibility result",
        ["inbox.kind.expert-assigned"] = "Review assignment",
        ["inbox.kind.returned"] = "Application returned",
        ["inbox.kind.approved"] = "Approved",
        ["inbox.kind.tranche-released"] = "Tranche to pay",
        ["inbox.kind.tranche-paid"] = "Tranche paid",
        ["inbox.kind.evaluation-due"] = "Evaluation reminder",
        ["inbox.kind.summary-table-deadline"] = "Summary table deadline",
        ["inbox.kind.other"] = "Notice",
    };
}
