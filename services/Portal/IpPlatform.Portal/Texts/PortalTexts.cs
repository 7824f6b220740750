using System.Globalization;

namespace IpPlatform.Portal.Texts;

/// <summary>
/// The portal's words, by key, in one language. Chinese (zh-CN) is the portal's language; an English dictionary with
/// the same keys can be added and chosen per person without touching the pages. A missing key shows itself.
/// </summary>
public sealed class PortalTexts(CultureInfo culture, IReadOnlyDictionary<string, string> words)
{
    public CultureInfo Culture { get; } = culture;

    public string this[string key] => words.TryGetValue(key, out var text) ? text : key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>A state, outcome, level or role name from an API (e.g. <c>Submitted</c>), in words; unknown names as they are.</summary>
    public string Term(string? value) => value is null ? "—" : words.TryGetValue("term." + value, out var text) ? text : value;

    /// <summary>Shown in Asia/Shanghai, the notice's and the offices' clock, whatever the server's zone.</summary>
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public string Time(DateTime? utc) => utc is { } value
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), Shanghai).ToString("yyyy-MM-dd HH:mm", Culture)
        : "—";

    public string Date(DateOnly? date) => date?.ToString("yyyy年M月d日", Culture) ?? "—";

    /// <summary>A call's local minute (<c>2022-05-20T17:00</c>, possibly with its offset) as the notice prints it.</summary>
    public string LocalMinute(string? local) => local is { Length: >= 16 } ? $"{local[..10]} {local[11..16]}" : local ?? "—";

    public static readonly PortalTexts Chinese = new(CultureInfo.GetCultureInfo("zh-CN"), new Dictionary<string, string>
    {
        ["app.title"] = "江苏省知识产权专项资金申报平台",
        ["app.skip"] = "跳到正文",
        ["nav.home"] = "首页",
        ["nav.calls"] = "申报通知",
        ["nav.mine"] = "我的申报",
        ["nav.worklist"] = "待办申报",
        ["nav.signin"] = "登录",
        ["nav.signout"] = "退出",
        ["nav.menu"] = "菜单",
        ["home.heading"] = "欢迎使用",
        ["home.signedInAs"] = "当前登录：{0}（{1}）",
        ["home.office"] = "所属地区代码：{0}",
        ["home.org"] = "统一社会信用代码：{0}",
        ["home.anonymous"] = "请先登录。申报单位使用统一社会信用代码登录，县（市、区）和设区市知识产权局使用省局分配的账号登录。",
        ["home.applicantHint"] = "查看正在申报的项目和截止时间，跟踪本单位申报的进度。",
        ["home.officeHint"] = "审核本辖区的申报，填写推荐意见或退回。",
        ["calls.heading"] = "正在申报的项目",
        ["calls.none"] = "目前没有发布的申报通知。",
        ["calls.issued"] = "发布日期",
        ["calls.rehearsal"] = "（演练）",
        ["calls.track"] = "申报方向",
        ["calls.division"] = "负责处室",
        ["calls.online"] = "网上申报截止",
        ["calls.paper"] = "纸质材料截止",
        ["calls.contacts"] = "联系人",
        ["calls.timezone"] = "时间均为北京时间。",
        ["mine.heading"] = "我的申报",
        ["mine.none"] = "本单位还没有申报。",
        ["list.track"] = "申报方向",
        ["list.status"] = "状态",
        ["list.applicant"] = "申报单位",
        ["list.region"] = "地区",
        ["list.submitted"] = "提交时间",
        ["list.open"] = "查看",
        ["list.total"] = "共 {0} 项",
        ["list.shown"] = "显示 {0} 项",
        ["detail.heading"] = "申报详情",
        ["detail.notFound"] = "没有找到这项申报，或您无权查看。",
        ["detail.status"] = "当前状态",
        ["detail.call"] = "申报通知",
        ["detail.fingerprint"] = "申报书指纹（SHA-256）",
        ["detail.pdf"] = "下载申报书（PDF）",
        ["detail.eligibility"] = "资格审查",
        ["detail.eligibilityPending"] = "资格审查尚未完成。",
        ["detail.rule"] = "条款",
        ["detail.result"] = "结论",
        ["detail.finding"] = "说明",
        ["detail.gap"] = "差距",
        ["detail.timeline"] = "办理进度",
        ["detail.when"] = "时间",
        ["detail.what"] = "事项",
        ["detail.by"] = "办理人",
        ["detail.deadline"] = "网上申报截止",
        ["work.heading"] = "待办申报",
        ["work.filterStatus"] = "按状态筛选",
        ["work.filterTrack"] = "按申报方向筛选",
        ["work.all"] = "全部",
        ["work.none"] = "没有符合条件的申报。",
        ["case.heading"] = "推荐审核",
        ["case.notFound"] = "没有找到这项申报，或它不在您的辖区。",
        ["case.level"] = "当前层级",
        ["case.caseStatus"] = "审核状态",
        ["case.history"] = "审核记录",
        ["case.recommend"] = "推荐",
        ["case.opinion"] = "推荐意见",
        ["case.opinionHint"] = "必填，将印在申报汇总表上。",
        ["case.return"] = "退回",
        ["case.reason"] = "退回理由",
        ["case.recommended"] = "已推荐。",
        ["case.returned"] = "已退回申报单位。",
        ["case.closed"] = "本级已办结，不能再推荐或退回。",
        ["case.refused"] = "操作未被接受",
        ["error.heading"] = "出错了",
        ["error.text"] = "处理您的请求时出现问题。请稍后再试；如问题持续，请把下面的编号告诉管理员。",
        ["error.reference"] = "编号",
        ["notFound.heading"] = "页面不存在",
        ["notFound.text"] = "您要找的页面不存在。",
        ["denied.heading"] = "无权访问",
        ["denied.text"] = "您的账号不能查看这个页面。",
        ["term.Draft"] = "草稿",
        ["term.Submitted"] = "已提交",
        ["term.RecommendedByCounty"] = "县级已推荐",
        ["term.RecommendedByCity"] = "市级已推荐",
        ["term.Returned"] = "已退回",
        ["term.Rejected"] = "未获批准",
        ["term.Approved"] = "已批准",
        ["term.ProjectStarted"] = "项目已启动",
        ["term.AwaitingSubmission"] = "等待提交",
        ["term.AtOffice"] = "待审核",
        ["term.ForwardedToProvince"] = "已报送省局",
        ["term.County"] = "县（市、区）",
        ["term.City"] = "设区市",
        ["term.Province"] = "省局",
        ["term.Eligible"] = "符合条件",
        ["term.Ineligible"] = "不符合条件",
        ["term.NeedsReview"] = "需人工审核",
        ["term.Pass"] = "符合",
        ["term.Fail"] = "不符合",
        ["term.Exempt"] = "免除",
        ["term.Unknown"] = "待核实",
        ["term.DraftCreated"] = "创建申报书",
        ["term.DraftUpdated"] = "修改申报书",
        ["term.EligibilityAssessed"] = "资格审查完成",
        ["term.Recommended"] = "推荐",
        ["term.PaperCopyReceived"] = "收到纸质材料",
        ["term.Decided"] = "作出决定",
        ["term.system"] = "系统",
        ["term.applicant"] = "申报单位",
        ["term.county-office"] = "县（市、区）知识产权局",
        ["term.city-office"] = "设区市知识产权局",
        ["term.city-government"] = "设区市人民政府",
        ["term.province"] = "省知识产权局",
        ["term.expert"] = "评审专家",
        ["term.finance"] = "财务部门",
        ["term.admin"] = "系统管理员",
    });
}
