using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlatform.Portal.Api;
using IpPlatform.Portal.Applicant;
using IpPlatform.Portal.Components.Pages.Applicant;
using IpPlatform.Portal.Texts;
using IpPlatform.Security;
using IpPlatform.Tests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The applicant's screens: the draft form's mapping to intake's document and of the problems' field names back to
/// the fields, the precheck's rendering, and the pages over HTTP with the gateway stubbed.
/// </summary>
public sealed partial class ApplicantScreensTests : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    const string Issuer = "http://issuer.test/";
    readonly Gateway gateway = new();
    readonly WebApplicationFactory<Program> factory;

    public ApplicantScreensTests()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Identity:Issuer", Issuer);
            web.ConfigureTestServices(services =>
            {
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = Issuer, AuthorizationEndpoint = Issuer + "connect/authorize", TokenEndpoint = Issuer + "connect/token",
                });
                services.AddHttpClient<PlatformApi>().ConfigurePrimaryHttpMessageHandler(() => gateway);
                services.AddHttpClient<MaterialUploads>().ConfigurePrimaryHttpMessageHandler(() => gateway);
                services.AddAuthentication(o => o.DefaultAuthenticateScheme = TestPerson.Name)
                    .AddScheme<AuthenticationSchemeOptions, TestPerson>(TestPerson.Name, null);
            });
        });
    }

    public void Dispose() => factory.Dispose();

    // ---- the form's mapping ----

    static readonly Lazy<CallDocumentView> Call2022 = new(() =>
        JsonSerializer.Deserialize<CallDocumentView>(File.ReadAllText(RepositoryFiles.Path(
            "services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")), Json)!);

    static TrackDocumentView IndustrialBrand => Call2022.Value.Track("industrial-brand")!;

    /// <summary>The industrial-brand sample typed in as a person would: numbers with thousands separators, every blank of the form.</summary>
    static DraftForm SampleTypedIn(JsonObject sample)
    {
        var form = DraftForm.For(Call2022.Value, IndustrialBrand);
        form.CallId = (string)sample["callId"]!;
        var applicant = sample["applicant"]!;
        (form.ApplicantName, form.ApplicantKind, form.RegionCode) = ((string?)applicant["name"], (string?)applicant["kind"], (string?)applicant["regionCode"]);
        var facts = sample["facts"]!.AsObject();
        foreach (var question in FactQuestions.For(IndustrialBrand))
            if (facts[question.Path] is { } value)
                form.Facts[question.Path] = value.GetValueKind() switch
                {
                    JsonValueKind.True => "true", JsonValueKind.False => "false", _ => value.ToString(),
                };
        var year = facts["years"]![0]!;
        Assert.Equal(Call2022.Value.LastYear, (int)year["year"]!);
        foreach (var figure in form.Years.Single().Figures.Keys.ToList())
            form.Years.Single().Figures[figure] = ((decimal)year[figure]!).ToString("#,0");
        var mark = facts["trademarks"]![0]!;
        form.Trademarks[0] = new DraftForm.TrademarkRow
        {
            RegistrationNo = (string?)mark["registrationNo"], ValidUntil = DateOnly.Parse((string)mark["validUntil"]!),
            InUseSince = DateOnly.Parse((string)mark["inUseSince"]!),
        };
        var project = sample["project"]!;
        form.ProjectName = (string?)project["name"];
        form.Summary = (string?)project["summary"];
        form.StartsOn = DateOnly.Parse((string)project["startsOn"]!);
        form.EndsOn = DateOnly.Parse((string)project["endsOn"]!);
        foreach (var task in sample["tasks"]!.AsArray()) form.Tasks[(string)task!["taskId"]!] = (string?)task["plan"];
        foreach (var target in sample["targets"]!.AsArray()) form.Targets[(string)target!["targetId"]!] = target["value"]!.ToString();
        var budget = sample["budget"]!;
        form.TotalCny = ((decimal)budget["totalCny"]!).ToString("#,0");
        form.ProvincialFundsCny = ((decimal)budget["provincialFundsCny"]!).ToString("#,0");
        form.OwnFundsCny = budget["ownFundsCny"]!.ToString();
        form.OtherFundsCny = budget["otherFundsCny"]!.ToString();
        var contact = sample["contact"]!;
        (form.ContactName, form.ContactMobile, form.ContactEmail) = ((string?)contact["name"], (string?)contact["mobile"], (string?)contact["email"]);
        return form;
    }

    [Fact]
    public void The_industrial_brand_sample_typed_into_the_form_becomes_the_sample_document()
    {
        var sample = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("docs", "samples", "industrial-brand.json")))!.AsObject();
        var form = SampleTypedIn(sample);

        var document = form.ToDocument(IndustrialBrand, creditCode: (string?)sample["applicant"]!["creditCode"]);

        AssertSameJson(sample, document, "$");
    }

    [Fact]
    public void Unanswered_facts_are_left_out_rather_than_sent_as_no_and_every_task_and_target_goes_in_the_calls_order()
    {
        var form = DraftForm.For(Call2022.Value, IndustrialBrand);
        form.Facts["inKeyIndustry"] = "false";
        form.Facts["ipStaff"] = "abc"; // not a number: left out, the rule answers Unknown
        form.Tasks["innovation"] = "  计划  ";

        var document = form.ToDocument(IndustrialBrand);

        var facts = document["facts"]!.AsObject();
        Assert.False((bool)facts["inKeyIndustry"]!);
        Assert.False(facts.ContainsKey("ipStaff"));
        Assert.False(facts.ContainsKey("chainLeaderOrLeading"));
        Assert.Equal(IndustrialBrand.Rules.Tasks.Select(t => t.Id), document["tasks"]!.AsArray().Select(t => (string)t!["taskId"]!));
        Assert.Equal("计划", (string?)document["tasks"]![2]!["plan"]);
        Assert.Null(document["tasks"]![0]!["plan"]);
        Assert.False(document["budget"]!.AsObject().ContainsKey("totalCny"));
    }

    [Fact]
    public void The_form_asks_the_facts_the_call_names_for_the_track_and_none_when_it_names_none()
    {
        var ib = IndustrialBrand;
        // A later call: one question of its own, two years of one figure, awards instead of trademarks.
        var changed = ib with
        {
            Content = ib.Rules with
            {
                Facts = [new FactQuestionView("parkType", "Choice", "园区", "Park", ["HighTechZone", "SpaceZone"])],
                FigureYears = 2, YearlyFigures = ["patentGrants"], AsksTrademarks = false, AsksAwards = true,
            },
        };
        var call = Call2022.Value with { Tracks = [changed] };

        var form = DraftForm.For(call, changed);
        form.Facts["parkType"] = "SpaceZone";
        form.Years[1].Figures["patentGrants"] = "1,200";
        var facts = form.ToDocument(changed)["facts"]!.AsObject();

        Assert.Equal(["parkType"], form.Facts.Keys);
        Assert.Equal([call.LastYear - 1, call.LastYear], form.Years.Select(y => y.Year));
        Assert.Equal("SpaceZone", (string?)facts["parkType"]);
        Assert.Equal(1200, (int)facts["years"]![0]!["patentGrants"]!);
        Assert.False(facts.ContainsKey("trademarks"));
        Assert.True(facts.ContainsKey("awardsWithin3Years"));
        Assert.Equal(("Park", "园区"), (FactQuestions.For(changed)[0].Label(PortalTexts.English), FactQuestions.For(changed)[0].Label(PortalTexts.Chinese)));
        Assert.Equal("SpaceZone", FactQuestions.ChoiceLabel("SpaceZone", PortalTexts.English)); // no word for a new value: shown as named
        Assert.NotEqual("HighTechZone", FactQuestions.ChoiceLabel("HighTechZone", PortalTexts.English)); // a known value in words

        var none = ib with { Content = ib.Rules with { Facts = null, FigureYears = 0, YearlyFigures = null, AsksTrademarks = false } };
        var bare = DraftForm.For(Call2022.Value with { Tracks = [none] }, none);
        Assert.Empty(bare.Facts);
        Assert.Empty(bare.Years);
        Assert.Empty(bare.Trademarks);
    }

    [Theory]
    [InlineData("University", true)]
    [InlineData("Enterprise", false)]
    public void Only_an_institution_states_its_standing_school_and_discipline(string kind, bool states)
    {
        var track = Call2022.Value.Track("hvp-new")!;
        var form = DraftForm.For(Call2022.Value, track);
        (form.ApplicantKind, form.ProvincialOrMinisterial, form.School, form.DisciplineField) = (kind, "true", "材料学院", "新材料");

        var applicant = form.ToDocument(track)["applicant"]!.AsObject();

        Assert.Equal(states, applicant.ContainsKey("provincialOrMinisterial"));
        Assert.Equal(states, applicant.ContainsKey("school"));
        if (states) Assert.True((bool)applicant["provincialOrMinisterial"]!); // it decides the first office (routing rules)
    }

    [Theory]
    [InlineData("tasks[2].plan", "tasks.innovation")]
    [InlineData("tasks.innovation", "tasks.innovation")]
    [InlineData("targets[0].value", "targets.own-brand-sales-growth")]
    [InlineData("targets[9].value", "targets[9].value")] // past the call's targets: shown as it is, among the other problems
    [InlineData("materials.work-plan", "materials.work-plan")]
    [InlineData("project.name", "project.name")]
    public void A_problems_field_name_names_the_forms_field(string problemKey, string field) =>
        Assert.Equal(field, DraftForm.FieldOf(problemKey, IndustrialBrand));

    [Fact]
    public void The_problems_messages_for_one_task_by_index_and_by_id_are_shown_together_next_to_it()
    {
        var problem = new ProblemDocument(null, "The application is incomplete", null, 400, new()
        {
            ["tasks[2].plan"] = ["The plan for the task 持续加强自主创新 is empty."],
            ["tasks.innovation"] = ["A plan for the task 持续加强自主创新 is required."],
            ["Budget.TotalCny"] = ["The total must equal the parts."],
        });

        var errors = DraftForm.ErrorsByField(problem, IndustrialBrand);

        Assert.Equal(2, errors["tasks.innovation"].Count);
        Assert.Single(errors["budget.totalCny"]); // services may write PascalCase: matched without regard to case
        Assert.Equal("f-tasks-innovation", DraftForm.IdOf("tasks.innovation"));
    }

    [Fact]
    public void Every_question_choice_and_figure_of_the_form_has_its_words_in_both_languages()
    {
        foreach (var key in FactQuestions.LabelKeys())
        {
            Assert.NotEqual(key, PortalTexts.Chinese[key]);
            Assert.NotEqual(PortalTexts.Chinese[key], PortalTexts.English[key]); // English does not fall back to Chinese
        }
    }

    // ---- the precheck's rendering ----

    static readonly PrecheckOutcome Ineligible = new("Ineligible",
    [
        new("IB-INDUSTRY", "Pass", "属于重点产业。", "In a key industry."),
        new("IB-RD", "Fail", "2021 年研发投入占销售收入 2.5%，低于 3%。", "R&D was 2.5% of sales in 2021, below 3%.")
            { GapZh = "2021 年研发投入还需增加 4,000,000 元。", GapEn = "4,000,000 yuan more R&D spending in 2021." },
    ]);

    static async Task<string> RenderPrecheck(PortalTexts texts, PrecheckOutcome? view, ProblemDocument? problem = null)
    {
        var services = new ServiceCollection().AddSingleton(texts).AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<PrecheckPanel>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PrecheckPanel.View)] = view, [nameof(PrecheckPanel.Problem)] = problem,
            }));
            return WebUtility.HtmlDecode(output.ToHtmlString());
        });
    }

    [Fact]
    public async Task The_precheck_shows_each_rules_finding_and_what_would_make_it_pass_in_the_persons_language()
    {
        var chinese = await RenderPrecheck(PortalTexts.Chinese, Ineligible);
        var english = await RenderPrecheck(PortalTexts.English, Ineligible);

        Assert.Contains("不符合条件", chinese);
        Assert.Contains("data-rule=\"IB-RD\" data-result=\"Fail\"", chinese);
        Assert.Contains("2021 年研发投入还需增加 4,000,000 元。", chinese);
        Assert.DoesNotContain("more R&D spending", chinese);
        Assert.Contains("4,000,000 yuan more R&D spending in 2021.", english);
        Assert.Contains("In a key industry.", english);
        Assert.DoesNotContain("还需增加", english);
    }

    [Fact]
    public async Task A_document_the_precheck_refuses_shows_the_problems_instead_of_findings()
    {
        var html = await RenderPrecheck(PortalTexts.Chinese, null,
            new ProblemDocument(null, "invalid", null, 400, new() { ["project.summary"] = ["The summary has 2001 characters."] }));

        Assert.Contains("暂不能预审", html);
        Assert.Contains("The summary has 2001 characters.", html);
        Assert.DoesNotContain("data-rule", html);
    }

    // ---- the pages ----

    HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    HttpClient Applicant()
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.Add(TestPerson.Header, $"{PlatformRoles.Applicant} 91320583MA1P2K3L4G");
        return browser;
    }

    const string Regions = """
        [{"code":"320000","name":"江苏省","level":"Province","cityCode":null},{"code":"320500","name":"苏州市","level":"City","cityCode":"320500"},
         {"code":"320583","name":"昆山市","level":"County","cityCode":"320500"}]
        """;

    [Fact]
    public async Task Registration_offers_the_regions_of_identity_and_the_kinds_of_unit_to_anyone()
    {
        gateway.Answer("/api/identity/regions", Regions);

        var response = await Browser().GetAsync("/register");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<option value=\"320583\">320583 昆山市</option>", html);
        Assert.DoesNotContain("江苏省</option>", html); // an applicant is not located at the province
        Assert.Contains("<option value=\"Enterprise\">企业</option>", html);
        Assert.Contains("for=\"creditCode\"", html);
    }

    [Fact]
    public async Task A_refused_registration_shows_each_message_next_to_its_field_and_keeps_what_was_typed_but_the_password()
    {
        gateway.Answer("/api/identity/regions", Regions);
        gateway.Answer("/api/identity/applicants", """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The registration is invalid","status":400,
             "errors":{"creditCode":["The check character is wrong."],"contact.mobile":["A mainland mobile number of 11 digits starting 13–19 is required."]}}
            """, HttpStatusCode.BadRequest, "application/problem+json");
        var browser = Browser();
        var form = WebUtility.HtmlDecode(await browser.GetStringAsync("/register"));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        var response = await browser.PostAsync("/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register", ["__RequestVerificationToken"] = token,
            ["Form.CreditCode"] = "91320583MA1P2K3L4X", ["Form.Name"] = "江苏某某科技股份有限公司", ["Form.Kind"] = "Enterprise",
            ["Form.RegionCode"] = "320583", ["Form.ContactName"] = "王敏", ["Form.Mobile"] = "1391234", ["Form.Email"] = "ip@example.com",
            ["Form.Password"] = "Secret-2022!",
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"id=""creditCode-errors""[^>]*>\s*<li>The check character is wrong.</li>", html);
        Assert.Matches(@"id=""mobile-errors""[^>]*>\s*<li>A mainland mobile number", html);
        Assert.Contains("value=\"江苏某某科技股份有限公司\"", html);
        Assert.Contains("value=\"1391234\"", html);
        Assert.DoesNotContain("Secret-2022!", html);
        var sent = JsonNode.Parse(gateway.Bodies["/api/identity/applicants"])!;
        Assert.Equal(("Enterprise", "320583", "1391234"), ((string?)sent["kind"], (string?)sent["regionCode"], (string?)sent["contact"]!["mobile"]));
    }

    [Fact]
    public async Task A_new_draft_form_asks_what_the_calls_track_asks()
    {
        gateway.Answer("/api/identity/regions", Regions);
        gateway.Answer("/api/eligibility/calls/2022", File.ReadAllText(RepositoryFiles.Path(
            "services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")));

        gateway.Answer("/api/identity/me", """
            {"userName":"91320583MA1P2K3L4G","displayName":"江苏某某科技股份有限公司","role":"applicant","org":"91320583MA1P2K3L4G",
             "applicantKind":"Enterprise","regionCode":"320583","contact":{"name":"王敏","mobile":"13912345678","email":"ip@example.com"}}
            """);

        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync("/applications/new?call=2022&track=industrial-brand"));

        Assert.Contains("id=\"f-facts-inKeyIndustry\"", html);
        Assert.Contains("属于重点产业", html);
        Assert.DoesNotContain("id=\"f-facts-gi-name\"", html); // the GI track's question, not this one's
        Assert.Contains("id=\"f-facts-years-2021-rdCny\"", html);
        Assert.Contains("id=\"f-tasks-brand-strategy\"", html);
        Assert.Contains("开展商标品牌战略规划", html);
        Assert.Contains("自主品牌产品年销售额增幅（%）", html);
        Assert.Contains("不低于 10 %", html);
        Assert.Contains("id=\"f-budget-provincialFundsCny\"", html);
        Assert.Contains("商标注册证", html); // its materials, uploadable once saved
        Assert.Matches("<option value=\"Enterprise\" selected[^>]*>企业</option>", html); // the track's one admitted kind, and the account's
        Assert.DoesNotContain("<option value=\"University\">", html); // only the track's admitted kinds
        Assert.Contains("data-testid=\"precheck-pending\"", html);
        Assert.Contains("value=\"江苏某某科技股份有限公司\"", html); // the form starts from the account
        Assert.Matches("<option value=\"320583\" selected", html);
    }

    [Fact]
    public async Task Editing_an_application_that_is_not_a_draft_of_ones_own_says_it_was_not_found()
    {
        var id = Guid.NewGuid();
        gateway.Answer("/api/identity/regions", Regions);

        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync($"/applications/{id}/edit"));

        Assert.Contains("data-testid=\"draft-not-found\"", html);
        Assert.DoesNotContain("data-testid=\"draft-form\"", html);
    }

    [Fact]
    public async Task An_office_may_not_open_the_draft_form()
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.Add(TestPerson.Header, $"{PlatformRoles.CountyOffice} 320583");

        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/applications/new?call=2022&track=industrial-brand")).StatusCode);
    }

    [Fact]
    public async Task Each_track_of_the_calls_page_links_to_a_new_application_of_that_track()
    {
        gateway.Answer("/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);

        var html = WebUtility.HtmlDecode(await Browser().GetStringAsync("/calls"));

        Assert.Contains("href=\"/applications/new?call=2022&track=industrial-brand\"", html);
        Assert.Contains("新建申报", html);
    }

    // ---- reloading a draft from intake ----

    static JsonObject Sample() =>
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("docs", "samples", "industrial-brand.json")))!.AsObject();

    [Fact]
    public void A_stored_document_filled_into_the_form_comes_back_as_the_same_document()
    {
        var sample = Sample();

        var form = DraftForm.FromDocument(sample, Call2022.Value, IndustrialBrand);
        var document = form.ToDocument(IndustrialBrand, creditCode: (string?)sample["applicant"]!["creditCode"]);

        AssertSameJson(sample, document, "$");
        Assert.Equal("true", form.Facts["inKeyIndustry"]); // yes/no as the form's select holds it
        Assert.Equal("4", form.Facts["ipStaff"]);
    }

    [Fact]
    public void A_document_as_intake_writes_it_with_nulls_and_an_institutions_standing_fills_the_form_and_leaves_blanks_blank()
    {
        var track = Call2022.Value.Track("hvp-new")!;
        var stored = JsonNode.Parse("""
            {"callId":"2022","track":"hvp-new",
             "applicant":{"name":"某大学","creditCode":null,"kind":"University","regionCode":"320102","parkName":null,
                          "provincialOrMinisterial":false,"school":"材料学院","disciplineField":null},
             "facts":{"ipStaff":3,"awardsWithin3Years":["ChinaPatentAward"],"years":[{"year":2020,"salesCny":1200000.50}]},
             "project":{"name":"高价值专利培育","summary":null,"startsOn":"2022-03-01","endsOn":null},
             "tasks":[],"targets":[],"budget":{"totalCny":null,"provincialFundsCny":500000},"contact":null,
             "partners":[{"name":"某研究所","creditCode":"12320000466000000X","role":"Research"}]}
            """)!.AsObject();

        var form = DraftForm.FromDocument(stored, Call2022.Value, track);

        Assert.Equal("false", form.ProvincialOrMinisterial);
        Assert.Null(form.DisciplineField);
        Assert.Null(form.Summary);
        Assert.Equal(["ChinaPatentAward"], form.Awards);
        Assert.Equal("1200000.50", form.Years.Single(y => y.Year == 2020).Figures["salesCny"]);
        Assert.Null(form.Facts["littleGiant"]); // unanswered stays unanswered, never No
        Assert.Equal(3, form.Years.Count); // the track's three years, the missing ones blank
        Assert.Equal("Research", form.Partners.Single().Role);
        Assert.Equal(new DateOnly(2025, 2, 28), form.EndsOn); // the track's period from the start, as a new form would
        var again = form.ToDocument(track);
        Assert.False((bool)again["applicant"]!["provincialOrMinisterial"]!);
        Assert.Equal(500000m, (decimal)again["budget"]!["provincialFundsCny"]!);
    }

    void AnswerCallAndRegions()
    {
        gateway.Answer("/api/identity/regions", Regions);
        gateway.Answer("/api/eligibility/calls/2022", File.ReadAllText(RepositoryFiles.Path(
            "services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")));
    }

    [Fact]
    public async Task The_edit_page_shows_the_draft_as_intake_stored_it()
    {
        var id = Guid.NewGuid();
        AnswerCallAndRegions();
        var sample = Sample();
        sample["callId"] = "2022";
        gateway.Answer($"/api/applications/{id}", new JsonObject
        {
            ["id"] = id, ["callId"] = "2022", ["track"] = "industrial-brand", ["status"] = "Draft", ["document"] = sample,
        }.ToJsonString());
        gateway.Answer($"/api/applications/{id}/materials", $$"""{"applicationId":"{{id}}","frozen":false,"materials":[],"missingRequired":[],"unlisted":[]}""");

        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync($"/applications/{id}/edit"));

        Assert.Contains("value=\"江苏某某科技股份有限公司商标品牌培育和保护（工业品牌）项目\"", html);
        Assert.Matches(new Regex("id=\"f-facts-inKeyIndustry\"[^>]*>.*?<option value=\"true\" selected", RegexOptions.Singleline), html);
        Assert.Contains("value=\"2022-03-01\"", html);
        Assert.Contains("围绕“持续加强自主创新”，制定年度工作计划", html);
        Assert.Contains("data-testid=\"draft-form\"", html);
        Assert.DoesNotContain("data-testid=\"draft-not-kept\"", html); // no copy in the browser to miss any more
    }

    // ---- uploads ----

    [Fact]
    public async Task An_upload_that_fails_is_reported_as_it_failed_and_never_sent_again()
    {
        var id = Guid.NewGuid();
        var path = $"/api/applications/{id}/materials/work-plan";
        gateway.AnswerOnce(path, """{"title":"Service Unavailable","status":503,"detail":"The gateway's upstream is restarting."}""", HttpStatusCode.ServiceUnavailable);
        gateway.Answer(path, """{"id":"00000000-0000-0000-0000-000000000001"}""");
        await using var scope = factory.Services.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<PlatformApi>();
        var uploads = scope.ServiceProvider.GetRequiredService<MaterialUploads>();
        api.BearerToken = "circuit-token";
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7 a work plan");

        var outcome = await api.UploadMaterialAsync(uploads, id, "work-plan", null, new MemoryStream(bytes), "plan.pdf", bytes.Length, new Progress<long>());

        Assert.Equal(503, outcome.Status);
        Assert.Equal(1, gateway.Hits[path]); // the defaults' resilience handler would have retried a 503
        Assert.Equal("Bearer circuit-token", gateway.Bearers[path]);
        Assert.Equal(MaterialUploads.Timeout, uploads.Http.Timeout);
        Assert.True(uploads.Http.Timeout >= TimeSpan.FromMinutes(10));
    }

    // ---- an expired sign-in on the draft page ----

    [Fact]
    public async Task An_expired_token_is_a_401_the_draft_page_can_tell_from_a_refusal()
    {
        var id = Guid.NewGuid();
        gateway.Answer($"/api/applications/{id}", "{}", HttpStatusCode.Unauthorized);
        await using var scope = factory.Services.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<PlatformApi>();
        api.BearerToken = "expired";

        var (saved, outcome) = await api.SaveDraftAsync(id, new JsonObject { ["callId"] = "2022" });
        var read = await Assert.ThrowsAsync<HttpRequestException>(() => api.DraftAsync(id));

        Assert.Null(saved);
        Assert.Equal(401, outcome.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    static async Task<string> Render<TComponent>(PortalTexts texts, Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection().AddSingleton(texts).AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            WebUtility.HtmlDecode((await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString()));
    }

    [Fact]
    public async Task The_expired_sign_in_notice_says_what_is_kept_and_signs_in_again_in_a_new_tab()
    {
        var chinese = await Render<SessionExpiredNotice>(PortalTexts.Chinese, new() { ["RenewHref"] = "/applications/session/abc" });
        var english = await Render<SessionExpiredNotice>(PortalTexts.English, new() { ["RenewHref"] = "/applications/session/abc", ["StillExpired"] = true });

        Assert.Contains("登录已过期，请保存前重新登录", chinese);
        Assert.Contains("上次保存的内容", chinese);
        Assert.Contains("href=\"/applications/session/abc\"", chinese);
        Assert.Contains("target=\"_blank\"", chinese); // this page, with what was typed, stays open
        Assert.Contains("id=\"session-renew\"", chinese);
        Assert.DoesNotContain("session-still-expired", chinese);
        Assert.Contains("sign in again", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-testid=\"session-still-expired\"", english);
        Assert.DoesNotContain("登录已过期", english);
        Assert.Equal("/account/login?returnUrl=%2Fapplications%2Fnew%3Fcall%3D2022", SessionExpiredNotice.SignInReturningTo("/applications/new?call=2022"));
    }

    sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2022, 5, 1, 2, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_renewed_token_reaches_only_its_tickets_person_once_and_not_after_the_ticket_expired()
    {
        var clock = new SettableClock();
        var relay = new TokenRelay(clock);
        var ticket = relay.Open("sub:a");

        Assert.Null(relay.Collect(ticket, "sub:a")); // nothing delivered yet
        Assert.False(relay.Deliver(ticket, "sub:b", "token-of-b")); // another person's sign-in is not handed over
        Assert.False(relay.Deliver("unknown", "sub:a", "token-a"));
        Assert.True(relay.Deliver(ticket, "sub:a", "token-a"));
        Assert.Null(relay.Collect(ticket, "sub:b"));
        Assert.Equal("token-a", relay.Collect(ticket, "sub:a"));
        Assert.Null(relay.Collect(ticket, "sub:a")); // once

        var late = relay.Open("sub:a");
        clock.Now += TokenRelay.TicketLifetime;
        Assert.False(relay.Deliver(late, "sub:a", "token-late"));
    }

    [Fact]
    public async Task Signing_in_again_in_another_tab_hands_that_sessions_token_to_the_waiting_draft_page()
    {
        var relay = factory.Services.GetRequiredService<TokenRelay>();
        var person = TokenRelay.PersonOf(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PlatformClaims.Name, "test"), new Claim(PlatformClaims.Organisation, "91320583MA1P2K3L4G")], "test")))!;
        var ticket = relay.Open(person);
        var other = Browser();
        other.DefaultRequestHeaders.Add(TestPerson.Header, $"{PlatformRoles.Applicant} 91320000MA1XXXXXXX");

        var byOther = WebUtility.HtmlDecode(await other.GetStringAsync($"/applications/session/{ticket}"));
        Assert.Null(relay.Collect(ticket, person));
        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync($"/applications/session/{ticket}"));

        Assert.Contains("data-testid=\"session-not-renewed\"", byOther);
        Assert.Contains("data-testid=\"session-renewed\"", html);
        Assert.Equal("access-token-of-91320583MA1P2K3L4G", relay.Collect(ticket, person));
    }

    // ---- the applicant's detail page ----

    string SubmittedView(Guid id, string? decision, Guid fileId) =>
        new JsonObject
        {
            ["id"] = id, ["callId"] = "2022", ["track"] = "industrial-brand", ["status"] = decision is null ? "Submitted" : decision == "Approved" ? "Approved" : "Rejected",
            ["applicant"] = new JsonObject { ["name"] = "江苏某某科技股份有限公司", ["creditCode"] = "91320583MA1P2K3L4G", ["kind"] = "Enterprise", ["regionCode"] = "320583" },
            ["createdAt"] = "2022-04-10T02:00:00Z", ["submittedAt"] = "2022-04-20T02:00:00Z", ["callVersion"] = 1,
            ["decision"] = decision is null ? null : new JsonObject { ["decision"] = decision, ["approvedAmountCny"] = decision == "Approved" ? 300000 : null },
            ["timeline"] = new JsonArray(),
            ["document"] = Sample(),
        }.ToJsonString();

    void AnswerMaterials(Guid id, Guid fileId)
    {
        gateway.Answer("/api/eligibility/calls", """
            [{"id":"2022","version":1,"titleZh":"2022年度专项资金申报","issuedOn":"2022-04-01","rehearsal":false,
              "tracks":[{"id":"industrial-brand","programmeZh":"工业品牌培育","onlineDeadline":"2022-05-20"}]}]
            """);
        gateway.Answer($"/api/applications/{id}/materials", $$"""
            {"applicationId":"{{id}}","materials":[{"id":"trademark-certificate","nameZh":"商标注册证","required":true,
              "files":[{"id":"{{fileId}}","materialId":"trademark-certificate","fileName":"注册证.pdf","contentType":"application/pdf","sizeBytes":204800,"uploadedAt":"2022-04-15T02:00:00Z"}]}],
             "unlisted":[]}
            """);
    }

    [Fact]
    public async Task The_applicants_detail_page_shows_an_approval_with_its_amount_the_content_and_links_to_its_own_files()
    {
        var (id, fileId) = (Guid.NewGuid(), Guid.NewGuid());
        gateway.Answer($"/api/applications/{id}", SubmittedView(id, "Approved", fileId));
        gateway.Answer("/api/eligibility/calls/2022", File.ReadAllText(RepositoryFiles.Path(
            "services", "Eligibility", "IpPlatform.Eligibility.Domain", "Calls", "call-2022.json")));
        AnswerMaterials(id, fileId);

        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync($"/applications/{id}"));

        Assert.Matches("data-testid=\"decision\" data-decision=\"Approved\"", html);
        Assert.Contains("已批准", html);
        Assert.Contains("批准资助金额：300,000 元", html);
        Assert.True(html.IndexOf("data-testid=\"decision\"", StringComparison.Ordinal) < html.IndexOf("data-testid=\"status\"", StringComparison.Ordinal),
            "The decision comes before the particulars.");
        Assert.Contains("data-testid=\"application-content\"", html);
        Assert.Contains("江苏某某科技股份有限公司商标品牌培育和保护（工业品牌）项目", html);
        Assert.Contains("开展商标品牌战略规划", html); // the task named as the call names it
        Assert.Contains($"href=\"/applications/{id}/materials/{fileId}\"", html);
        Assert.Contains("data-testid=\"status\"", html);
    }

    [Fact]
    public async Task A_rejection_is_shown_as_not_approved_without_an_amount()
    {
        var (id, fileId) = (Guid.NewGuid(), Guid.NewGuid());
        gateway.Answer($"/api/applications/{id}", SubmittedView(id, "Rejected", fileId));
        AnswerMaterials(id, fileId);

        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync($"/applications/{id}"));

        Assert.Contains("data-decision=\"Rejected\"", html);
        Assert.Contains("未获批准", html);
        Assert.DoesNotContain("data-testid=\"decision-amount\"", html);
    }

    [Fact]
    public async Task Without_a_decision_the_detail_page_announces_none()
    {
        var (id, fileId) = (Guid.NewGuid(), Guid.NewGuid());
        gateway.Answer($"/api/applications/{id}", SubmittedView(id, null, fileId));
        AnswerMaterials(id, fileId);

        var html = WebUtility.HtmlDecode(await Applicant().GetStringAsync($"/applications/{id}"));

        Assert.DoesNotContain("data-testid=\"decision\"", html);
        Assert.Contains("data-testid=\"application-content\"", html);
    }

    [Fact]
    public async Task The_applicant_downloads_an_own_file_through_the_portal_with_the_services_answer_as_an_attachment()
    {
        var (id, fileId) = (Guid.NewGuid(), Guid.NewGuid());
        gateway.Answer($"/api/applications/{id}/materials/{fileId}/content", "%PDF-1.7 certificate", type: "application/pdf");

        var response = await Applicant().GetAsync($"/applications/{id}/materials/{fileId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("%PDF-1.7 certificate", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Another_applicants_file_is_not_found_and_an_office_may_not_use_the_applicants_route()
    {
        var (id, fileId) = (Guid.NewGuid(), Guid.NewGuid()); // the gateway knows nothing of it: intake's 404

        var applicant = await Applicant().GetAsync($"/applications/{id}/materials/{fileId}");
        var office = Browser();
        office.DefaultRequestHeaders.Add(TestPerson.Header, $"{PlatformRoles.CountyOffice} 320583");
        var byOffice = await office.GetAsync($"/applications/{id}/materials/{fileId}");

        Assert.Equal(HttpStatusCode.NotFound, applicant.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, byOffice.StatusCode);
        Assert.Equal(1, gateway.Hits[$"/api/applications/{id}/materials/{fileId}/content"]); // the office was stopped at the portal
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>JSON equality where numbers compare by value (3000000 and 3000000.0 are the same amount).</summary>
    static void AssertSameJson(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject e:
                var a = Assert.IsType<JsonObject>(actual);
                Assert.True(e.Select(p => p.Key).Order().SequenceEqual(a.Select(p => p.Key).Order()),
                    $"{path}: keys {string.Join(",", e.Select(p => p.Key).Order())} expected, {string.Join(",", a.Select(p => p.Key).Order())} sent");
                foreach (var (key, value) in e) AssertSameJson(value, a[key], $"{path}.{key}");
                break;
            case JsonArray e:
                var array = Assert.IsType<JsonArray>(actual);
                Assert.True(e.Count == array.Count, $"{path}: {e.Count} items expected, {array.Count} sent");
                for (var i = 0; i < e.Count; i++) AssertSameJson(e[i], array[i], $"{path}[{i}]");
                break;
            case JsonValue e when e.GetValueKind() == JsonValueKind.Number:
                Assert.True(actual?.GetValueKind() == JsonValueKind.Number && Amount(actual) == Amount(e), $"{path}: {e} expected, {actual} sent");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {expected} expected, {actual} sent");
                break;
        }
    }

    static decimal Amount(JsonNode number) => decimal.Parse(number.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The person named by the test's header: role and organisation (or office) code.</summary>
    sealed class TestPerson(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "test-applicant";
        public const string Header = "X-Test-Person";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[Header].ToString().Split(' ') is not [var role, var code]) return Task.FromResult(AuthenticateResult.NoResult());
            var claim = role == PlatformRoles.Applicant ? PlatformClaims.Organisation : PlatformClaims.Office;
            var identity = new ClaimsIdentity([new Claim(PlatformClaims.Name, "test"), new Claim(PlatformClaims.Role, role), new Claim(claim, code)],
                Name, PlatformClaims.Name, PlatformClaims.Role);
            // The session's access token, as the cookie keeps it (SaveTokens).
            var properties = new AuthenticationProperties();
            properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = "access-token-of-" + code }]);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Name)));
        }
    }

    /// <summary>The gateway: fixed answers by path (anything else 404), and the last body sent to each path.</summary>
    sealed class Gateway : HttpMessageHandler
    {
        readonly Dictionary<string, (HttpStatusCode Status, string Body, string Type)> answers = [];
        readonly System.Collections.Concurrent.ConcurrentDictionary<string, (HttpStatusCode Status, string Body, string Type)> once = new();
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Bodies { get; } = new();
        /// <summary>How many requests reached each path.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Hits { get; } = new();
        /// <summary>The Authorization header last sent to each path.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Bearers { get; } = new();

        public void Answer(string path, string json, HttpStatusCode status = HttpStatusCode.OK, string type = "application/json") =>
            answers[path] = (status, json, type);

        /// <summary>The next request to <paramref name="path"/> only gets this answer (a transient failure); later ones the usual.</summary>
        public void AnswerOnce(string path, string json, HttpStatusCode status, string type = "application/problem+json") =>
            once[path] = (status, json, type);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (request.Headers.Authorization is { } authorization) Bearers[path] = authorization.ToString();
            if (request.Content is not null) Bodies[path] = await request.Content.ReadAsStringAsync(cancellationToken);
            if (once.TryRemove(path, out var first)) return Reply(first);
            if (!answers.TryGetValue(path, out var answer)) return new HttpResponseMessage(HttpStatusCode.NotFound);
            return Reply(answer);
        }

        static HttpResponseMessage Reply((HttpStatusCode Status, string Body, string Type) answer)
        {
            var content = new StringContent(answer.Body, Encoding.UTF8);
            content.Headers.ContentType = new(answer.Type) { CharSet = "utf-8" };
            return new HttpResponseMessage(answer.Status) { Content = content };
        }
    }
}
