using System.Text.Json.Nodes;
using IpPlatform.Documents;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>Application documents as an applicant's client would send them (application-facts.md).</summary>
static class Documents
{
    /// <summary>A unique, valid credit code per call, so applications in one run never share a unit.</summary>
    public static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91320583" + new string(Enumerable.Range(0, 9).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
        return body + CreditCode.ComputeCheckCharacter(body);
    }

    /// <summary>An industrial-brand application of an enterprise in 昆山市 (320583, city 苏州 320500) that meets every rule.</summary>
    public static JsonObject IndustrialBrand(string callId = "2022-rehearsal") => new()
    {
        ["callId"] = callId,
        ["track"] = "industrial-brand",
        ["applicant"] = new JsonObject
        {
            ["name"] = "江苏某某科技股份有限公司",
            ["creditCode"] = NewCreditCode(),
            ["kind"] = "Enterprise",
            ["regionCode"] = "320583",
        },
        ["facts"] = new JsonObject
        {
            ["inKeyIndustry"] = true, ["chainLeaderOrLeading"] = true, ["nationalSingleChampion"] = false, ["littleGiant"] = false,
            ["ipStandardImplemented"] = true, ["independentIpDepartment"] = true, ["ipStaff"] = 4,
            ["trademarks"] = new JsonArray(new JsonObject { ["registrationNo"] = "1234567", ["validUntil"] = "2030-01-01", ["inUseSince"] = "2012-06-01" }),
            ["nationalMarketLeader"] = true, ["validInventionPatents"] = 30, ["seriousDishonesty"] = false, ["abnormalPatentApplications"] = false,
            ["years"] = new JsonArray(new JsonObject
            {
                ["year"] = 2021, ["salesCny"] = 800000000, ["rdCny"] = 32000000, ["ipCostCny"] = 1800000, ["profitTaxCny"] = 45000000,
            }),
        },
        // The content the 2022 call asks of an industrial-brand application (call data: tasks, targets, budget, contact).
        ["project"] = new JsonObject
        {
            ["name"] = "“昆科”工业品牌培育与保护项目",
            ["summary"] = "围绕公司自主品牌“昆科”，健全品牌战略与管理机制，以技术创新和质量合规支撑品牌价值，拓展品牌运营渠道，" +
                          "完善商标海外布局和维权体系，两年内实现自主品牌产品销售额增长15%以上。",
            ["startsOn"] = "2022-03-01", ["endsOn"] = "2024-02-29",
        },
        ["tasks"] = new JsonArray(
            new[] { "brand-strategy", "brand-mechanism", "innovation", "quality-compliance", "brand-operation", "brand-protection" }
                .Select(task => (JsonNode)new JsonObject { ["taskId"] = task, ["plan"] = $"按申报指南要求推进本项任务（{task}），明确责任部门、进度和考核指标。" }).ToArray()),
        ["targets"] = new JsonArray(
            new JsonObject { ["targetId"] = "own-brand-sales-growth", ["value"] = 15 },
            new JsonObject { ["targetId"] = "export-sales", ["value"] = 12000 }),
        ["budget"] = new JsonObject { ["totalCny"] = 3000000, ["provincialFundsCny"] = 1000000, ["ownFundsCny"] = 1800000, ["otherFundsCny"] = 200000 },
        ["contact"] = new JsonObject { ["name"] = "王敏", ["mobile"] = "13912345678", ["email"] = "ip@kunke.example.com" },
    };
}
