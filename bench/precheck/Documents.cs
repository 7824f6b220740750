using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;

namespace IpPlatform.Bench.Precheck;

/// <summary>Representative complete documents of several tracks for the 2022-rehearsal call, as clients send them.</summary>
static class Documents
{
    public static readonly (string Track, string Json)[] All =
    [
        ("industrial-brand", """
        {"callId":"2022-rehearsal","track":"industrial-brand",
         "applicant":{"name":"江苏某某科技股份有限公司","creditCode":"914403001922038216","kind":"Enterprise","regionCode":"320583"},
         "facts":{"inKeyIndustry":true,"chainLeaderOrLeading":true,"nationalSingleChampion":false,"littleGiant":false,
          "ipStandardImplemented":true,"independentIpDepartment":true,"ipStaff":4,
          "trademarks":[{"registrationNo":"1234567","validUntil":"2030-01-01","inUseSince":"2012-06-01"}],
          "nationalMarketLeader":true,"validInventionPatents":30,"seriousDishonesty":false,"abnormalPatentApplications":false,
          "years":[{"year":2021,"salesCny":800000000,"rdCny":32000000,"ipCostCny":1800000,"profitTaxCny":45000000}]}}
        """),
        ("gi-brand", """
        {"callId":"2022-rehearsal","track":"gi-brand",
         "applicant":{"name":"昆山市人民政府","creditCode":"123200004660000017","kind":"CountyGovernment","regionCode":"320583"},
         "facts":{"gi":{"name":"阳澄湖大闸蟹","registrationType":"CertificationMark","registeredOn":"2005-03-14","category":"Other",
          "lastYearSalesCny":120000000,"nationalPromotionKeyProject":false,"nationalProtectionDemonstrationZone":false,
          "majorIncidentsWithin3Years":false},"governmentSupportCommitted":true,"seriousDishonesty":false}}
        """),
        ("hvp-new", """
        {"callId":"2022-rehearsal","track":"hvp-new",
         "applicant":{"name":"江苏某某电子有限公司","creditCode":"91440300708461136T","kind":"Enterprise","regionCode":"320583"},
         "facts":{"chainLeaderOrLeading":true,"majorProjectUnderway":true,"nationalSingleChampion":false,"littleGiant":false,
          "independentIpDepartment":true,"ipStaff":5,"validPatents":150,"validInventionPatents":60,"pctNationalPhase":3,
          "awardsWithin3Years":[],"seriousDishonesty":false,"abnormalPatentApplications":false,
          "years":[{"year":2019,"salesCny":400000000,"rdCny":16000000,"profitTaxCny":30000000},
                   {"year":2020,"salesCny":450000000,"rdCny":18000000,"profitTaxCny":32000000},
                   {"year":2021,"salesCny":500000000,"rdCny":20000000,"ipCostCny":1200000,"profitTaxCny":35000000}]}}
        """),
        ("univ-operation", """
        {"callId":"2022-rehearsal","track":"univ-operation",
         "applicant":{"name":"某某大学","creditCode":"91110108551385082Q","kind":"University","regionCode":"320102"},
         "facts":{"ipStaff":6,"fullTimeConversionStaff":2,
          "years":[{"year":2019,"patentGrants":180,"inventionGrants":60,"patentsConverted":18,"conversionAmountCny":16000000},
                   {"year":2020,"patentGrants":200,"inventionGrants":70,"patentsConverted":20,"conversionAmountCny":17000000},
                   {"year":2021,"patentGrants":220,"inventionGrants":80,"patentsConverted":22,"conversionAmountCny":18000000}]}}
        """),
        ("protection-zone", """
        {"callId":"2022-rehearsal","track":"protection-zone",
         "applicant":{"name":"昆山市人民政府","creditCode":"123200004660000017","kind":"CountyGovernment","regionCode":"320583"},
         "facts":{"nationalIpDemonstrationCity":false,"nationalStrongCountyDemonstration":true,"effectiveRegion2020":false,
          "inventionPerTenThousandRank2020":4,"rapidProtectionCenter":false}}
        """),
        ("industry-center", """
        {"callId":"2022-rehearsal","track":"industry-center",
         "applicant":{"name":"苏州高新区管委会","creditCode":"91330100716105852F","kind":"ParkCommittee","regionCode":"320505"},
         "facts":{"parkType":"HighTechZone","keyChainDesignated":true,"industryPlanIssued":true,"chainEnterpriseCount":64,
          "leadingEnterprisesPresent":true,"ipManagementBody":true,"ipFundsInBudget":true,"patentOutputLeading":true,
          "targetChain":"integrated-circuits"}}
        """),
    ];

    public static ApplicationDocument Parse(string json) =>
        JsonSerializer.Deserialize<ApplicationDocument>(json, DocumentJson.Options)!;
}
