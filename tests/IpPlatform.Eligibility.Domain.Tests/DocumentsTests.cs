using System.Text.Json;
using IpPlatform.Contracts.Applications;
using IpPlatform.Contracts.Calls;
using IpPlatform.Documents;
using static IpPlatform.Eligibility.Domain.Tests.Fixtures;

namespace IpPlatform.Eligibility.Domain.Tests;

public class CreditCodeTests
{
    [Theory]
    [InlineData(Huawei)]
    [InlineData(Tencent)]
    [InlineData(Alibaba)]
    [InlineData(Xiaomi)]
    [InlineData("913205830000000390")]   // Σ mod 31 = 0 → 31 → check character '0'
    public void Valid_codes_pass(string code)
    {
        Assert.True(CreditCode.IsValid(code));
        Assert.Null(CreditCode.Check(code));
    }

    [Theory]
    [InlineData("914403001922038216", '6')]
    [InlineData("91440300708461136T", 'T')]
    [InlineData("913205830000000390", '0')]
    public void Check_character_is_computed_from_the_first_17(string code, char expected) =>
        Assert.Equal(expected, CreditCode.ComputeCheckCharacter(code.AsSpan(0, 17)));

    [Theory]
    [InlineData("914403001922038217", "expected '6'")]   // wrong check character
    [InlineData("91440300708461136t", "position 18")]    // lower case
    [InlineData("9144030019220382", "18 characters")]    // too short
    [InlineData("91440300I92203821X", "position 9")]     // I is not in the alphabet
    [InlineData("", "empty")]
    public void Invalid_codes_are_explained(string code, string expectedText)
    {
        Assert.False(CreditCode.IsValid(code));
        Assert.Contains(expectedText, CreditCode.Check(code));
    }

    [Fact]
    public void Every_single_character_change_of_a_valid_code_is_detected()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < 18; i++)
            foreach (var c in alphabet.Where(c => c != Huawei[i]))
                Assert.False(CreditCode.IsValid(Huawei[..i] + c + Huawei[(i + 1)..]), $"position {i + 1} → {c}");
    }
}

public class DocumentJsonTests
{
    private const string Sample = """
        {
          "callId": "2022", "track": "industrial-brand", "futureField": { "x": 1 },
          "applicant": { "name": "江苏某某科技股份有限公司", "creditCode": "914403001922038216", "kind": "Enterprise", "regionCode": "320583" },
          "partners": [ { "name": "p", "creditCode": "91440300708461136T", "role": "IpService" } ],
          "facts": {
            "parkType": "HighTechZone",
            "gi": { "registrationType": "CertificationMark", "registeredOn": "2005-03-14", "category": "Other", "lastYearSalesCny": 120000000 },
            "trademarks": [ { "registrationNo": "1234567", "validUntil": "2030-01-01", "inUseSince": "2012-06-01" } ],
            "awardsWithin3Years": [ "ProvincialScienceTechAward" ],
            "years": [ { "year": 2021, "salesCny": 800000000.50, "rdCny": 32000000 } ]
          }
        }
        """;

    [Fact]
    public void Reads_the_public_contract_and_ignores_unknown_properties()
    {
        var doc = JsonSerializer.Deserialize<ApplicationDocument>(Sample, DocumentJson.Options)!;
        Assert.Equal(ApplicantKind.Enterprise, doc.Applicant!.Kind);
        Assert.Equal(PartnerRole.IpService, doc.Partners![0].Role);
        Assert.Equal(new DateOnly(2005, 3, 14), doc.Facts!.Gi!.RegisteredOn);
        Assert.Equal(800_000_000.50m, doc.Facts.Years![0].SalesCny);
        Assert.Equal([Award.ProvincialScienceTechAward], doc.Facts.AwardsWithin3Years);
    }

    [Fact]
    public void Writes_camel_case_properties_and_enum_names()
    {
        var json = JsonSerializer.Serialize(IndustrialBrand(), DocumentJson.Options);
        Assert.Contains("\"creditCode\":\"914403001922038216\"", json);
        Assert.Contains("\"kind\":\"Enterprise\"", json);
        Assert.Contains("\"inUseSince\":\"2012-06-01\"", json);
        var back = JsonSerializer.Deserialize<ApplicationDocument>(json, DocumentJson.Options)!;
        Assert.Equal(IndustrialBrand().Facts!.Years![0], back.Facts!.Years![0]);
    }

    [Theory]
    [InlineData("""{ "applicant": { "kind": "Company" } }""", "$.applicant.kind")]
    [InlineData("""{ "applicant": { "kind": 3 } }""", "$.applicant.kind")]
    [InlineData("""{ "facts": { "gi": { "registeredOn": "14/03/2005" } } }""", "$.facts.gi.registeredOn")]
    [InlineData("""{ "partners": [ { "role": "Supplier" } ] }""", "$.partners[0].role")]
    public void Unknown_enums_integers_for_enums_and_bad_dates_fail_with_a_path(string json, string path)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ApplicationDocument>(json, DocumentJson.Options));
        Assert.Equal(path, ex.Path);
    }
}

public class ApplicationDocumentValidatorTests
{
    [Fact]
    public void Complete_documents_are_valid()
    {
        foreach (var (name, doc, _) in AllComplete())
            Assert.True(ApplicationDocumentValidator.Validate(doc, Call).Count == 0, name);
    }

    [Fact]
    public void Unknown_call_and_missing_track_and_kind_are_reported()
    {
        var doc = new ApplicationDocument { CallId = "1999", Applicant = new Applicant() };
        var errors = ApplicationDocumentValidator.Validate(doc, call: null);
        Assert.Contains("Unknown call '1999'", errors["callId"][0]);
        Assert.Contains("track", errors.Keys);
        Assert.Contains("applicant.kind", errors.Keys);
    }

    [Fact]
    public void Unknown_track_lists_the_call_tracks()
    {
        var errors = ApplicationDocumentValidator.Validate(IndustrialBrand() with { Track = "brand" }, Call);
        Assert.Contains("hvp-new", Assert.Single(errors["track"]));
    }

    [Fact]
    public void Wrong_credit_codes_of_applicant_and_partners_are_bad_input()
    {
        var doc = HvpEnterprise() with
        {
            Applicant = HvpEnterprise().Applicant! with { CreditCode = "914403001922038217" },
            Partners = [new Partner { CreditCode = Tencent, Role = PartnerRole.Upstream }, new Partner { CreditCode = "91440300708461136X", Role = PartnerRole.IpService }],
        };
        var errors = ApplicationDocumentValidator.Validate(doc, Call);
        Assert.Equal(["applicant.creditCode", "partners[1].creditCode"], errors.Keys.Order());
    }

    [Fact]
    public void Negative_money_and_counts_duplicated_or_implausible_years_and_bad_rank_are_reported()
    {
        var doc = HvpEnterprise().WithFacts(f => f with
        {
            IpStaff = -1,
            InventionPerTenThousandRank2020 = 0,
            Years = [f.Years![0], f.Years[1] with { SalesCny = -1m }, f.Years[2], f.Years[2] with { RdCny = 1 }, new YearFigures { Year = 2030 }],
        });
        var errors = ApplicationDocumentValidator.Validate(doc, Call);
        Assert.Equal(["facts.inventionPerTenThousandRank2020", "facts.ipStaff", "facts.years[1].salesCny", "facts.years[3].year", "facts.years[4].year"],
            errors.Keys.Order());
        Assert.Contains("more than once", errors["facts.years[3].year"][0]);
    }

    [Theory]
    [InlineData("310115")]   // Shanghai
    [InlineData("32058")]
    [InlineData("32058A")]
    public void Region_code_must_be_a_6_digit_jiangsu_code(string region)
    {
        var doc = IndustrialBrand() with { Applicant = IndustrialBrand().Applicant! with { RegionCode = region } };
        Assert.Contains("applicant.regionCode", ApplicationDocumentValidator.Validate(doc, Call).Keys);
    }

    [Fact]
    public void Content_present_in_a_draft_must_be_well_formed()
    {
        var doc = IndustrialBrand() with
        {
            Partners = [new Partner { Name = "p", CreditCode = Tencent }],
            Project = new ProjectContent { Summary = new string('字', 2001), StartsOn = new DateOnly(2022, 3, 1), EndsOn = new DateOnly(2022, 2, 28) },
            Budget = new Budget { TotalCny = 10.001m, ProvincialFundsCny = -5m, OwnFundsCny = 0.5m },
            Contact = new ContactPerson { Mobile = "1380013800", Email = "a b@example.com" },
        };

        var errors = ApplicationDocumentValidator.Validate(doc, Call);

        Assert.Equal(["budget.provincialFundsCny", "budget.totalCny", "contact.email", "contact.mobile", "partners[0].role", "project.endsOn", "project.summary"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("19912345678", true)]
    [InlineData("23800138000", false)]   // not starting with 1
    [InlineData("138001380001", false)]  // 12 digits
    [InlineData("1380013800a", false)]
    [InlineData("１３８００１３８０００", false)] // full-width digits
    public void A_mobile_number_is_11_digits_starting_with_1(string mobile, bool valid) =>
        Assert.Equal(valid, ApplicationDocumentValidator.IsMobile(mobile));

    [Theory]
    [InlineData("wang@example.com", true)]
    [InlineData("wang.li@ip.jiangsu.gov.cn", true)]
    [InlineData("wang@example", false)]
    [InlineData("wang@@example.com", false)]
    [InlineData("wang @example.com", false)]
    [InlineData("@example.com", false)]
    public void An_email_address_has_a_local_part_and_a_dotted_domain(string email, bool valid) =>
        Assert.Equal(valid, ApplicationDocumentValidator.IsEmail(email));

    [Fact]
    public void Task_and_target_ids_must_be_the_tracks_and_appear_once()
    {
        var call = Call with
        {
            Tracks = [.. Call.Tracks.Select(t => t.Id != "industrial-brand" ? t : t with
            {
                Content = new ContentRules { Tasks = [new TaskDefinition("brand", "品牌")], Targets = [new TargetDefinition("marks", "商标", "件")] },
            })],
        };
        var doc = IndustrialBrand() with
        {
            Tasks = [new TaskPlan { TaskId = "brand" }, new TaskPlan { TaskId = "brand" }, new TaskPlan { TaskId = "other" }, new TaskPlan()],
            Targets = [new TargetValue { TargetId = "marks", Value = 3 }],
        };

        var errors = ApplicationDocumentValidator.Validate(doc, call);

        Assert.Equal(["tasks[1].taskId", "tasks[2].taskId", "tasks[3].taskId"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("more than once", errors["tasks[1].taskId"][0]);
        Assert.Contains("Unknown id 'other'", errors["tasks[2].taskId"][0]);
    }

    [Fact]
    public void Absent_facts_are_not_input_errors()
    {
        var doc = new ApplicationDocument { CallId = "2022", Track = "gi-brand", Applicant = new Applicant { Kind = ApplicantKind.CityGovernment } };
        Assert.Empty(ApplicationDocumentValidator.Validate(doc, Call));
    }
}
