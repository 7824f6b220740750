using System.Text.Json;
using System.Text.Json.Nodes;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;

namespace IpPlatform.Eligibility.Tests;

/// <summary>
/// Application documents as a client outside the repository writes them (application-facts.md): plain JSON,
/// camelCase, enums as strings. Each call returns a fresh, mutable copy.
/// </summary>
static class Samples
{
    public const string Rehearsal = "2022-rehearsal";

    /// <summary>A valid credit code that differs per <paramref name="serial"/> (tests use their own units).</summary>
    public static string Code(int serial, char kind = '9') =>
        WithCheck($"{kind}1320583MA{serial:D7}");

    public static string WithCheck(string first17) => first17 + CreditCode.ComputeCheckCharacter(first17);

    /// <summary>Meets every industrial-brand rule of the 2022 call (R&amp;D 4 % of sales).</summary>
    public static JsonObject IndustrialBrand(string creditCode, string callId = Rehearsal, decimal rdCny = 32_000_000m) => Parse($$"""
        {
          "callId": "{{callId}}",
          "track": "industrial-brand",
          "applicant": { "name": "江苏某某科技股份有限公司", "creditCode": "{{creditCode}}", "kind": "Enterprise", "regionCode": "320583" },
          "facts": {
            "inKeyIndustry": true, "chainLeaderOrLeading": true, "nationalSingleChampion": false, "littleGiant": false,
            "ipStandardImplemented": true, "independentIpDepartment": true, "ipStaff": 4,
            "trademarks": [ { "registrationNo": "1234567", "validUntil": "2030-01-01", "inUseSince": "2012-06-01" } ],
            "nationalMarketLeader": true, "validInventionPatents": 30,
            "seriousDishonesty": false, "abnormalPatentApplications": false,
            "years": [ { "year": 2021, "salesCny": 800000000, "rdCny": {{rdCny}}, "ipCostCny": 1800000, "profitTaxCny": 45000000 } ]
          }
        }
        """);

    /// <summary>Meets every gi-brand rule; <paramref name="kind"/> is CityGovernment or CountyGovernment.</summary>
    public static JsonObject GiBrand(string creditCode, string kind, string regionCode, string giName = "阳澄湖大闸蟹") => Parse($$"""
        {
          "callId": "{{Rehearsal}}",
          "track": "gi-brand",
          "applicant": { "name": "某某人民政府", "creditCode": "{{creditCode}}", "kind": "{{kind}}", "regionCode": "{{regionCode}}" },
          "facts": {
            "gi": {
              "name": "{{giName}}", "registrationType": "CertificationMark", "registeredOn": "2005-03-14", "category": "Other",
              "lastYearSalesCny": 120000000, "nationalPromotionKeyProject": false, "nationalProtectionDemonstrationZone": false,
              "majorIncidentsWithin3Years": false
            },
            "governmentSupportCommitted": true, "seriousDishonesty": false
          }
        }
        """);

    /// <summary>Meets every hvp-new rule for an enterprise lead.</summary>
    public static JsonObject HvpNewEnterprise(string creditCode) => Parse($$"""
        {
          "callId": "{{Rehearsal}}",
          "track": "hvp-new",
          "applicant": { "name": "江苏某某电子有限公司", "creditCode": "{{creditCode}}", "kind": "Enterprise", "regionCode": "320583" },
          "facts": {
            "chainLeaderOrLeading": true, "majorProjectUnderway": true, "nationalSingleChampion": false, "littleGiant": false,
            "independentIpDepartment": true, "ipStaff": 5, "validPatents": 150, "validInventionPatents": 60, "pctNationalPhase": 3,
            "awardsWithin3Years": [], "seriousDishonesty": false, "abnormalPatentApplications": false,
            "years": [
              { "year": 2019, "salesCny": 400000000, "rdCny": 16000000, "profitTaxCny": 30000000 },
              { "year": 2020, "salesCny": 450000000, "rdCny": 18000000, "profitTaxCny": 32000000 },
              { "year": 2021, "salesCny": 500000000, "rdCny": 20000000, "ipCostCny": 1200000, "profitTaxCny": 35000000 }
            ]
          }
        }
        """);

    /// <summary>Meets every univ-operation rule.</summary>
    public static JsonObject UnivOperation(string creditCode) => Parse($$"""
        {
          "callId": "{{Rehearsal}}",
          "track": "univ-operation",
          "applicant": { "name": "某某大学", "creditCode": "{{creditCode}}", "kind": "University", "regionCode": "320102" },
          "facts": {
            "ipStaff": 6, "fullTimeConversionStaff": 2,
            "years": [
              { "year": 2019, "patentGrants": 180, "inventionGrants": 60, "patentsConverted": 18, "conversionAmountCny": 16000000 },
              { "year": 2020, "patentGrants": 200, "inventionGrants": 70, "patentsConverted": 20, "conversionAmountCny": 17000000 },
              { "year": 2021, "patentGrants": 220, "inventionGrants": 80, "patentsConverted": 22, "conversionAmountCny": 18000000 }
            ]
          }
        }
        """);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>The typed document another service would carry in an event.</summary>
    public static ApplicationDocument ToDocument(JsonObject json) =>
        json.Deserialize<ApplicationDocument>(DocumentJson.Options)!;
}
