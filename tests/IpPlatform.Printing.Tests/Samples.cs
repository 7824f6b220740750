using System.Security.Cryptography;
using System.Text;

namespace IpPlatform.Printing.Tests;

/// <summary>Print models shaped like the ones the services build, with Chinese content.</summary>
internal static class Samples
{
    public const string Title = "2022年度省知识产权战略推进计划项目申报书";
    public const string Applicant = "苏州纳米光电科技有限公司";
    public const string Project = "面向新能源汽车的高价值专利组合培育";
    public static readonly DateTimeOffset PrintedAt = new(2022, 1, 30, 15, 45, 0, TimeSpan.FromHours(8));

    public static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static readonly string Fingerprint = Hex("application 42");

    public static PrintedForm Form(params PrintedSection[] extra) => new()
    {
        Title = Title,
        Subtitle = "知识产权强企培育（高价值专利培育示范中心）",
        Cover =
        [
            new("申报单位", Applicant),
            new("项目名称", Project),
            new("所属地区", "江苏省苏州市工业园区"),
            new("申请省级资金", "50 万元"),
            new("申报日期", "2022年1月30日"),
        ],
        Sections =
        [
            new("一、项目基本情况",
            [
                new PrintedParagraph("本项目围绕新能源汽车动力电池热管理技术，构建覆盖材料、结构、控制算法的高价值专利组合，" +
                                     "并与 Suzhou Institute of Nano-Tech 合作开展专利导航分析。"),
                new PrintedFields([new("实施期限", "2022年3月至2024年2月"), new("项目负责人", "王晓明（研发总监）")]),
            ]),
            new("二、项目任务和绩效目标",
            [
                new PrintedTable(["序号", "任务", "绩效目标", "数量", "单位"],
                [
                    ["1", "发明专利申请", "新增发明专利申请", "20", "件"],
                    ["2", "PCT国际专利申请", "提交PCT申请", "3", "件"],
                    ["3", "专利导航", "完成产业专利导航报告", "1", "份"],
                ], [1, 4, 5, 2, 1.5]),
            ]),
            new("三、经费预算",
            [
                new PrintedFields([new("总投入", "150 万元"), new("申请省级资金", "50 万元"), new("自筹资金", "100 万元")]),
            ]),
            new("四、申报材料",
            [
                new PrintedTable(["材料", "文件", "SHA-256"],
                [
                    ["申报书", "申报书.pdf", Hex("a")],
                    ["信用承诺书", "信用承诺书.pdf", Hex("b")],
                ], [2, 3, 5]),
            ]),
            .. extra,
        ],
        Fingerprint = Fingerprint,
        VerificationUrl = "https://ip.example.gov.cn/verify/" + Fingerprint,
        PrintedAt = PrintedAt,
    };

    public static PrintedTableDocument Summary(int rowsPerGroup = 3) => new()
    {
        Title = "苏州市2022年度省知识产权战略推进计划项目申报汇总表",
        Lines = ["推荐单位：苏州市知识产权局", "生成时间：2022年2月8日 10:00"],
        Groups =
        [
            Group("高价值专利培育示范中心", rowsPerGroup, "A"),
            Group("知识产权强企培育", rowsPerGroup, "B"),
        ],
        Fingerprint = Hex("summary table"),
        PrintedAt = PrintedAt,
    };

    private static PrintedTableGroup Group(string track, int rows, string tag) => new(
        track,
        new PrintedTable(
            ["推荐顺序", "申报单位", "项目名称", "申请省级资金（万元）", "县级意见", "市级意见"],
            Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)
                [$"{i}", $"苏州示范企业{tag}{i:000}有限公司", $"项目{tag}{i:000}：专利导航与运营", "50", "同意推荐", "同意推荐"]).ToList(),
            [1, 3, 4, 2, 2, 2]),
        ["合计", $"{rows} 家", "", $"{rows * 50}", "", ""]);
}
