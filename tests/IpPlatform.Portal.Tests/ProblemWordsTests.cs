using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Texts;
using IpPlatform.Security;
using IpPlatform.Tests;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The services' refusals in the person's language: every code the services refuse with has words in both languages,
/// a problem document is read in the person's language with the service's detail kept, and a page shows it so.
/// </summary>
public sealed partial class ProblemWordsTests : IDisposable
{
    readonly PortalHost portal = new();

    public void Dispose() => portal.Dispose();

    // Where the services name a refusal's code: the exceptions, the endpoints and bulk items that write a code themselves
    // (by status, extension or type), the review's batch problems and obstacles, the quota's and the upload's refusals.
    [GeneratedRegex("""(?:BusinessRuleException|ActRefusedException|AlreadyExists|NotFound|Missing|Code|StatusCodes\.Status\w+,)\(?\s*"([a-z]+(?:-[a-z]+)*)"|\["code"\] = "([a-z-]+)"|ProblemBase \+ "([a-z-]+)"|problems/([a-z-]+)"|(?:BatchProblem|problems\.Add\(new)\([^,]+, "([a-z-]+)"|return \("([a-z-]+)", \$?"|=> \("([a-z-]+)", [$"]|\.Code : "([a-z-]+)"|Refusal: "([a-z-]+)["]""")]
    private static partial Regex CodeInSource();

    /// <summary>Every refusal code written in the services' sources (the portal's own excepted).</summary>
    static SortedSet<string> ThrownCodes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var roots = new[] { RepositoryFiles.Path("services"), RepositoryFiles.Path("ServiceDefaults") };
        foreach (var file in roots.SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories)))
        {
            var parts = file.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("Portal") || parts.Contains("Migrations")) continue;
            foreach (Match match in CodeInSource().Matches(File.ReadAllText(file)))
                codes.Add(match.Groups.Values.Skip(1).First(g => g.Success).Value);
        }
        return codes;
    }

    [Fact]
    public void Every_code_the_services_refuse_with_has_words_in_Chinese_and_in_English()
    {
        var codes = ThrownCodes();
        // The scan itself must find the codes it is about (a broken pattern would pass with nothing to check).
        Assert.Superset(new SortedSet<string> { "deadline-passed", "outside-jurisdiction", "quota-full", "concurrent-change", "over-budget", "panel-open", "not-found", "batch-refused", "executable", "not-multipart" }, codes);

        var chinese = PortalTexts.Chinese.Keys.ToHashSet();
        Assert.Equal<string>([], [.. codes.Where(c => !chinese.Contains("problem." + c))]); // lists the codes without words
        // English shows the Chinese words for a key it lacks, so its own words are the ones that differ.
        Assert.Equal<string>([], [.. codes.Where(c => PortalTexts.English["problem." + c] == PortalTexts.Chinese["problem." + c])]);
    }

    [Fact]
    public void Each_language_words_a_refusal_in_its_own_script()
    {
        foreach (var key in PortalTexts.Chinese.Keys.Where(k => k.StartsWith("problem.", StringComparison.Ordinal)))
        {
            Assert.Contains(PortalTexts.Chinese[key], c => c >= 0x4E00 && c <= 0x9FFF);
            Assert.DoesNotContain(PortalTexts.English[key], c => c >= 0x2E80);
        }
    }

    [Fact]
    public void A_refusal_reads_in_the_persons_language_and_keeps_the_services_detail()
    {
        var problem = new ProblemDocument("https://ipplatform.jiangsu.example/problems/quota-full", "The request breaks a business rule",
            "City 320500 has already recommended 5 of its 5 applications on track 'industrial-brand'.", 409, null, "quota-full");

        var chinese = problem.In(PortalTexts.Chinese);
        var english = problem.In(PortalTexts.English);

        Assert.Equal(PortalTexts.Chinese["problem.quota-full"], chinese.Detail);
        Assert.Equal(PortalTexts.Chinese["problem.status.409"], chinese.Title);
        Assert.Equal(PortalTexts.English["problem.quota-full"], english.Detail);
        Assert.Equal(problem.Detail, chinese.ServiceDetail);
        Assert.Equal("The request breaks a business rule", english.ServiceTitle);
        // Read twice, the service's detail is still the service's.
        Assert.Equal(problem.Detail, chinese.In(PortalTexts.Chinese).ServiceDetail);
    }

    [Fact]
    public void The_code_comes_from_the_type_when_the_document_has_no_code_member()
    {
        var problem = new ProblemDocument("https://ipplatform.jiangsu.example/problems/deadline-passed", null, "closed", 409, null);

        Assert.Equal("deadline-passed", problem.RefusalCode);
        Assert.Equal(PortalTexts.Chinese["problem.deadline-passed"], problem.In(PortalTexts.Chinese).Detail);
        Assert.Null(new ProblemDocument("https://tools.ietf.org/html/rfc9110#section-15.5.1", null, null, 400, null).RefusalCode);
    }

    [Fact]
    public void A_validation_problem_keeps_its_field_messages_and_gets_a_title_in_the_persons_language()
    {
        var problem = new ProblemDocument("https://tools.ietf.org/html/rfc9110#section-15.5.1", "One or more validation errors occurred.", null, 400,
            new() { ["opinion"] = ["The office's opinion is required."] });

        var read = problem.In(PortalTexts.English);

        Assert.Equal(PortalTexts.English["problem.status.400"], read.Title);
        Assert.Null(read.Detail);
        Assert.Equal(["The office's opinion is required."], read.Errors!["opinion"]);
    }

    [Fact]
    public void A_code_without_words_shows_the_services_detail()
    {
        var problem = new ProblemDocument(null, "Odd", "Something the portal has no words for.", 418, null, "brand-new-rule");

        var read = problem.In(PortalTexts.Chinese);

        Assert.Equal("Something the portal has no words for.", read.Detail);
        Assert.Equal("Odd", read.Title);
    }

    static readonly Guid Id = Guid.Parse("7a1c2d3e-0000-4000-8000-000000000001");

    HttpClient CaseAtCounty(string? culture)
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", """[{"id":"2022","version":1,"titleZh":"2022年度","issuedOn":"2022-04-01","rehearsal":false,"tracks":[]}]""");
        portal.Gateway.Answer("GET", $"/api/routing/{Id}", $$"""
            {"applicationId":"{{Id}}","callId":"2022","trackId":"industrial-brand","applicantName":"昆山甲公司","creditCode":"91320583MA1XXXXXX1",
             "applicantKind":"Enterprise","regionCode":"320583","cityCode":"320500","level":"County","officeRegionCode":"320583",
             "status":"AtOffice","eligibility":"Eligible","history":[]}
            """);
        portal.Gateway.Answer("POST", $"/api/routing/{Id}/recommend", """
            {"type":"https://ipplatform.jiangsu.example/problems/quota-full","title":"The request breaks a business rule","status":409,
             "detail":"City 320500 has already recommended 5 of its 5 applications on track 'industrial-brand'.","code":"quota-full"}
            """, status: System.Net.HttpStatusCode.Conflict);
        var browser = portal.SignedIn(PlatformRoles.CountyOffice, "320583");
        if (culture is not null) browser.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString(culture)}");
        return browser;
    }

    [Fact]
    public async Task A_409_on_the_case_page_reads_in_Chinese()
    {
        var html = await Forms.SubmitAsync(CaseAtCounty(null), $"/office/cases/{Id}", "recommend", ("RecommendForm.Text", "同意推荐"));

        Assert.Contains("本市在该类别的推荐名额已用完，不能再推荐。", html);
        Assert.DoesNotContain("has already recommended", html);
        Assert.Contains(">同意推荐</textarea>", html); // what was typed stays
    }

    [Fact]
    public async Task A_409_on_the_case_page_reads_in_English_with_the_culture_cookie()
    {
        var html = await Forms.SubmitAsync(CaseAtCounty("c=en|uic=en"), $"/office/cases/{Id}", "recommend", ("RecommendForm.Text", "agreed"));

        Assert.Contains("Your city has used all its recommendation places on this track; no more can be recommended.", html);
        Assert.DoesNotContain("推荐名额已用完", html);
    }

    [Fact]
    public async Task A_bulk_items_reason_reads_in_the_persons_language()
    {
        portal.Gateway.Answer("GET", "/api/eligibility/calls", """[{"id":"2022","version":1,"titleZh":"2022年度","issuedOn":"2022-04-01","rehearsal":false,"tracks":[]}]""");
        portal.Gateway.Answer("GET", "/api/applications", $$"""
            {"items":[{"id":"{{Id}}","callId":"2022","track":"industrial-brand","status":"Submitted","applicantName":"昆山甲公司","creditCode":"91320583MA1XXXXXX1",
              "regionCode":"320583","createdAt":"2022-05-01T01:00:00Z","submittedAt":"2022-05-02T01:00:00Z"}],"page":1,"pageSize":50,"total":1}
            """);
        portal.Gateway.Answer("POST", "/api/routing/recommendations", $$$"""
            {"total":1,"succeeded":0,"failed":1,"items":[{"applicationId":"{{{Id}}}","status":403,"caseStatus":null,
              "problem":{"type":"https://ipplatform.jiangsu.example/problems/outside-jurisdiction","title":"This account may not do this","status":403,
                         "detail":"Office 320583 has no jurisdiction over application x.","code":"outside-jurisdiction"}}]}
            """);

        var html = await Forms.SubmitAsync(portal.SignedIn(PlatformRoles.CountyOffice, "320583"), "/office/worklist", "bulk",
            ("shown", Id.ToString()), ("selected", Id.ToString()), ("text", "同意推荐"), ("act", "recommend"));

        Assert.Contains(PortalTexts.Chinese["problem.outside-jurisdiction"], html);
        Assert.DoesNotContain("has no jurisdiction", html);
    }
}
