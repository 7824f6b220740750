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
    };
}
