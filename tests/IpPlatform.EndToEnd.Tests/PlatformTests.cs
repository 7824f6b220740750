using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IpPlatform.EndToEnd.Tests;

/// <summary>
/// Through the gateway only, against the real AppHost with a real RabbitMQ node. The tests of this class
/// share one platform and run one after another.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformTests(PlatformFixture platform)
{
    HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task An_application_goes_from_draft_to_an_opened_project_each_step_by_its_own_account()
    {
        var document = Documents.IndustrialBrand();
        var applicant = await platform.RegisterApplicantAsync(document);
        var id = await CreateDraft(applicant, document);

        var submit = await applicant.PostAsync($"/api/applications/{id}/submit", null);
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);

        var assessed = await WaitForApplication(applicant, id, a => a["eligibility"] is JsonObject, "eligibility assessed");
        Assert.Equal("Eligible", (string?)assessed["eligibility"]!["outcome"]);
        await WaitForRoutingCase(id);

        // The paper copy: printed from the frozen record, checked at the county's window by its fingerprint.
        var form = await applicant.GetAsync($"/api/applications/{id}/form.pdf");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("application/pdf", form.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await form.Content.ReadAsByteArrayAsync())[..5]));
        var fingerprint = (string)assessed["fingerprint"]!;
        var county = await platform.As("county-320583");
        var checkedAtWindow = JsonNode.Parse(await county.GetStringAsync($"/api/applications/verification/{fingerprint.ToUpperInvariant()}"))!;
        Assert.Equal((id.ToString(), true), ((string?)checkedAtWindow["applicationId"], (bool)checkedAtWindow["matches"]!));
        await Send(county, HttpMethod.Post, $"/api/applications/{id}/paper-copy", new { receivedOn = ChinaToday(), copies = 1, matches = true });

        await Send(county, HttpMethod.Post, $"/api/routing/{id}/recommend", new { opinion = "材料齐全，同意推荐" });
        await Send(await platform.As("city-320500"), HttpMethod.Post, $"/api/routing/{id}/recommend", new { opinion = "经预审，同意推荐" });
        await WaitForApplication(applicant, id, a => (string?)a["status"] == "RecommendedByCity", "city recommendation");
        // The city's summary table (申报汇总表) lists it, and downloads as a workbook.
        var city = await platform.As("city-320500");
        var table = JsonNode.Parse(await city.GetStringAsync("/api/routing/summary-tables/2022-rehearsal/320500"))!;
        Assert.Contains(id.ToString(), table.ToJsonString());
        var workbook = await city.GetAsync("/api/routing/summary-tables/2022-rehearsal/320500.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await workbook.Content.ReadAsByteArrayAsync())[..2]));

        var province = await platform.As("province");
        await DrawPanel(province, id);
        await Send(await platform.As("expert-1"), HttpMethod.Post, $"/api/reviews/{id}/scores", new { score = 88, comment = "品牌基础扎实" });
        await Send(province, HttpMethod.Post, $"/api/reviews/{id}/panel/close", new { });
        // The decision opens the publicity period (公示); the rehearsal call's is 0 days, so it is finalised at once.
        var decision = await Send(province, HttpMethod.Post, $"/api/reviews/{id}/decision", new { decision = "Approved", approvedAmountCny = 1000000, reason = "集体决策通过" });
        await Send(province, HttpMethod.Post, $"/api/reviews/decisions/{(string?)decision["id"]}/finalisation", new { });
        await WaitForApplication(applicant, id, a => (string?)a["status"] is "Approved" or "ProjectStarted", "provincial approval");

        var finance = await platform.As("finance");
        var trancheId = await Eventually(async () =>
        {
            var response = await finance.GetAsync($"/api/funding/{id}");
            if (!response.IsSuccessStatusCode) return null;
            var agreement = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return agreement["tranches"]!.AsArray().FirstOrDefault(t => (string?)t!["status"] == "Released")?["id"]?.ToString();
        }, "start-up tranche released");
        await Send(finance, HttpMethod.Post, $"/api/funding/tranches/{trancheId}/disbursements", new { voucherNo = "JSCZ-2022-0001", disbursedOn = ChinaToday() });

        var opened = await WaitForApplication(applicant, id,
            a => (string?)a["status"] == "ProjectStarted" && (decimal?)a["funding"]!["disbursedCny"] > 0, "project opened and start-up tranche paid");
        Assert.NotNull(opened["project"]!["projectId"]);
        Assert.NotNull(opened["project"]!["evaluationDueOn"]);
        Assert.Equal(500000m, (decimal?)opened["funding"]!["disbursedCny"]);

        // Who did what, in routing's audit log, and the chain holds.
        var admin = await platform.As("admin");
        var audit = JsonNode.Parse(await admin.GetStringAsync($"/api/routing/audit?subject={id}"))!;
        var actors = audit["entries"]!.AsArray().Select(e => (string?)e!["actorName"]).ToList();
        Assert.Contains("county-320583", actors);
        Assert.Contains("city-320500", actors);
        var verification = JsonNode.Parse(await admin.GetStringAsync("/api/routing/audit/verify"))!;
        Assert.True((bool)verification["intact"]!, verification.ToJsonString());
    }

    [Fact]
    public async Task An_office_of_another_county_is_refused_and_another_applicant_cannot_even_see_the_application()
    {
        var document = Documents.IndustrialBrand();
        var applicant = await platform.RegisterApplicantAsync(document);
        var id = await CreateDraft(applicant, document);
        Assert.Equal(HttpStatusCode.Accepted, (await applicant.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        await WaitForRoutingCase(id);

        var jiangyin = await (await platform.As("county-320281")).PostAsJsonAsync($"/api/routing/{id}/recommend", new { opinion = "同意推荐" });
        Assert.Equal(HttpStatusCode.Forbidden, jiangyin.StatusCode);
        Assert.Equal("application/problem+json", jiangyin.Content.Headers.ContentType?.MediaType);
        var wuxi = await (await platform.As("city-320200")).PostAsJsonAsync($"/api/routing/{id}/recommend", new { opinion = "同意推荐" });
        Assert.True(wuxi.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict, $"got {wuxi.StatusCode}");

        var other = await platform.RegisterApplicantAsync(Documents.IndustrialBrand());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
        // The case is untouched: still with Kunshan's office.
        var routingCase = JsonNode.Parse(await (await platform.As("county-320583")).GetStringAsync($"/api/routing/{id}"))!;
        Assert.Equal(("AtOffice", "County"), ((string?)routingCase["status"], (string?)routingCase["level"]));
    }

    [Theory]
    [InlineData("POST", "/api/applications")]
    [InlineData("PUT", "/api/applications/{id}")]
    [InlineData("POST", "/api/applications/{id}/submit")]
    [InlineData("POST", "/api/eligibility/calls")]
    [InlineData("POST", "/api/eligibility/history/projects/import")]
    [InlineData("POST", "/api/eligibility/history/credit-entries")]
    [InlineData("POST", "/api/routing/{id}/recommend")]
    [InlineData("POST", "/api/routing/{id}/return")]
    [InlineData("PUT", "/api/routing/cities/320500/figures")]
    [InlineData("POST", "/api/reviews/{id}/scores")]
    [InlineData("POST", "/api/reviews/{id}/decision")]
    [InlineData("POST", "/api/reviews/{id}/panel")]
    [InlineData("POST", "/api/reviews/{id}/return")]
    [InlineData("POST", "/api/routing/recommendations")]
    [InlineData("POST", "/api/funding/tranches/{id}/disbursements")]
    [InlineData("POST", "/api/monitoring/projects/{id}/reports")]
    [InlineData("POST", "/api/monitoring/projects/{id}/evaluations")]
    [InlineData("POST", "/api/monitoring/projects/{id}/acceptance")]
    [InlineData("POST", "/api/identity/accounts")]
    [InlineData("POST", "/api/identity/clients")]
    public async Task A_write_without_a_valid_token_is_a_401_problem_whatever_the_body(string method, string path)
    {
        var url = path.Replace("{id}", Guid.NewGuid().ToString());
        foreach (var token in new string?[] { null, "not-a-token", ForgedToken() })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) };
            if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var response = await Gateway.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with token '{token?[..Math.Min(token.Length, 12)]}': {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>A well-formed JWT with every claim an administrator's has, signed by a key nobody trusts.</summary>
    static string ForgedToken()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "at+jwt", kid = "forged" }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "http://localhost:8080/", ["aud"] = "ipplatform-api", ["sub"] = "forged", ["name"] = "admin", ["role"] = "admin",
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600,
        }));
        var signature = rsa.SignData(System.Text.Encoding.ASCII.GetBytes($"{header}.{payload}"),
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{B64(signature)}";
    }

    [Fact]
    public void Work_that_may_lag_behind_a_surge_runs_below_the_priority_of_the_submissions_path()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "thread priorities are read from /proc");
        // Every thread, those started after the setting was applied included (the pools grew while the stack started).
        foreach (var service in (string[])["delivery", "routing", "review", "funding", "monitoring"])
            Assert.All(NiceOfThreads(platform.ProcessIdOf(service)), t => Assert.True(t.Nice == 10, $"{service} thread {t.Thread} at nice {t.Nice}"));
        foreach (var service in (string[])["gateway", "intake", "eligibility", "identity"])
            Assert.All(NiceOfThreads(platform.ProcessIdOf(service)), t => Assert.True(t.Nice == 0, $"{service} thread {t.Thread} at nice {t.Nice}"));
    }

    /// <summary>Each thread's nice value, field 19 of /proc/[pid]/task/[tid]/stat (after the parenthesised name).</summary>
    static List<(string Thread, int Nice)> NiceOfThreads(int processId)
    {
        var threads = new List<(string, int)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(task, "stat")); }
            catch (IOException) { continue; } // ended meanwhile
            threads.Add((Path.GetFileName(task), int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16])));
        }
        Assert.NotEmpty(threads);
        return threads;
    }

    [Fact]
    public async Task Precheck_is_public_but_limited_per_client_with_a_retry_after()
    {
        var document = Documents.IndustrialBrand();
        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => Gateway.PostAsJsonAsync("/api/eligibility/precheck", document)));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds"));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{a.StatusCode}"));
        await Task.Delay(TimeSpan.FromSeconds(3)); // let the bucket refill for the other tests
    }

    [Fact]
    public async Task The_dashboard_shows_a_submission_as_one_trace_from_the_gateway_through_every_service_it_reaches()
    {
        var document = Documents.IndustrialBrand();
        var applicant = await platform.RegisterApplicantAsync(document);
        var id = await CreateDraft(applicant, document);
        // The caller starts the trace (W3C traceparent), so the test knows which one to look up.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/submit");
        submit.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        Assert.Equal(HttpStatusCode.Accepted, (await applicant.SendAsync(submit)).StatusCode);

        // gateway → intake over HTTP; ApplicationSubmitted through intake's outbox to eligibility, routing and
        // review; EligibilityAssessed through eligibility's outbox back to intake and routing.
        (string Service, string Span)[] hops =
        [
            ("gateway", "POST /api/applications/{**rest}"),
            ("intake", "POST /api/applications/{id:guid}/submit"),
            ("intake", "outbox publish ApplicationSubmitted"),
            ("eligibility", "eligibility-application-submitted process"),
            ("routing", "routing-recommendation-case process"),
            ("review", "review-applicant process"),
            ("eligibility", "outbox publish EligibilityAssessed"),
            ("intake", "intake-application-progress process"),
        ];
        // Spans reach the dashboard in export batches, a parent often after its children: wait for every hop
        // and for the trace to be whole before judging it.
        var roots = await Eventually(async () =>
        {
            var response = await platform.Dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
            if (!response.IsSuccessStatusCode) return null;
            var found = TraceSpans(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
            var complete = hops.All(hop => found.Any(s => s.Service == hop.Service && s.Name == hop.Span));
            var roots = Roots(found);
            return complete && roots.Count == 1 ? roots : null;
        }, "every hop of the submission in the dashboard's trace, as one tree") ?? throw new InvalidOperationException();

        // One trace, unbroken: every span but the gateway's first hangs off another span of the same trace.
        Assert.Equal(("gateway", "POST /api/applications/{**rest}"), (roots[0].Service, roots[0].Name));
    }

    /// <summary>The spans whose parent is not in the trace.</summary>
    static List<Span> Roots(List<Span> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        return spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).ToList();
    }

    record Span(string Service, string Name, string SpanId, string? ParentSpanId);

    /// <summary>The spans of an OTLP/JSON trace as the dashboard's telemetry API returns it.</summary>
    static List<Span> TraceSpans(JsonNode trace) =>
    [
        .. from resource in trace["data"]!["resourceSpans"]!.AsArray()
           let service = (string?)resource!["resource"]?["attributes"]?.AsArray()
               .FirstOrDefault(a => (string?)a!["key"] == "service.name")?["value"]?["stringValue"]
           from scope in resource["scopeSpans"]!.AsArray()
           from span in scope!["spans"]!.AsArray()
           select new Span(service ?? "", (string)span!["name"]!, (string)span["spanId"]!, (string?)span["parentSpanId"]),
    ];

    [Fact]
    public async Task An_application_the_province_returned_from_review_cannot_be_approved()
    {
        var document = Documents.IndustrialBrand();
        var applicant = await platform.RegisterApplicantAsync(document);
        var id = await CreateDraft(applicant, document);
        await applicant.PostAsync($"/api/applications/{id}/submit", null);
        await WaitForRoutingCase(id);
        await Send(await platform.As("county-320583"), HttpMethod.Post, $"/api/routing/{id}/recommend", new { opinion = "同意推荐" });
        await Send(await platform.As("city-320500"), HttpMethod.Post, $"/api/routing/{id}/recommend", new { opinion = "同意推荐" });
        var province = await platform.As("province");
        await DrawPanel(province, id);
        await Send(await platform.As("expert-1"), HttpMethod.Post, $"/api/reviews/{id}/scores", new { score = 88 });

        await Send(province, HttpMethod.Post, $"/api/reviews/{id}/return", new { reason = "材料不实" });
        await WaitForApplication(applicant, id, a => (string?)a["status"] == "Returned", "returned by the province");

        var decision = await province.PostAsJsonAsync($"/api/reviews/{id}/decision", new { decision = "Approved", approvedAmountCny = 1000000, reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, decision.StatusCode);
        Assert.Equal("application/problem+json", decision.Content.Headers.ContentType?.MediaType);
        Assert.Equal("case-closed", (string?)JsonNode.Parse(await decision.Content.ReadAsStringAsync())!["code"]);
    }

    /// <summary>The province draws the expert panel once the review has opened (the city's recommendation arrives by event).</summary>
    static async Task DrawPanel(HttpClient province, Guid id) =>
        await Eventually(async () => (await province.PostAsJsonAsync($"/api/reviews/{id}/panel", new { })).StatusCode == HttpStatusCode.OK,
            "review opened and its panel drawn");

    [Fact]
    public async Task The_real_2022_call_refuses_submissions_past_its_deadline_but_still_prechecks()
    {
        var document = Documents.IndustrialBrand(callId: "2022");
        var precheck = await Gateway.PostAsJsonAsync("/api/eligibility/precheck", document);
        Assert.Equal(HttpStatusCode.OK, precheck.StatusCode);
        Assert.Equal("Eligible", (string?)JsonNode.Parse(await precheck.Content.ReadAsStringAsync())!["outcome"]);

        var applicant = await platform.RegisterApplicantAsync(document);
        var id = await CreateDraft(applicant, document);
        var submit = await applicant.PostAsync($"/api/applications/{id}/submit", null);

        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        Assert.Equal("deadline-passed", (string?)JsonNode.Parse(await submit.Content.ReadAsStringAsync())!["code"]);
    }

    [Theory]
    [InlineData("intake", "/api/applications")]
    [InlineData("eligibility", "/api/eligibility/precheck")]
    [InlineData("routing", "/api/routing/{applicationId}/recommend")]
    [InlineData("review", "/api/reviews/{applicationId}/decision")]
    [InlineData("funding", "/api/funding/tranches/{trancheId}/disbursements")]
    [InlineData("monitoring", "/api/monitoring/projects/{projectId}/acceptance")]
    [InlineData("identity", "/api/identity/applicants")]
    public async Task Each_service_OpenAPI_document_is_served_by_the_gateway_and_listed_on_the_Scalar_page(string service, string path)
    {
        var document = JsonNode.Parse(await Gateway.GetStringAsync($"/openapi/{service}.json"))!;

        Assert.StartsWith("3.", (string?)document["openapi"]);
        Assert.NotNull(document["paths"]![path]);
        Assert.NotNull(document["components"]?["securitySchemes"]?["bearer"]); // Scalar can authorise
        var scalar = await Gateway.GetStringAsync("/scalar");
        Assert.Contains($"/openapi/{service}.json", scalar);
    }

    [Fact]
    public async Task Bad_input_through_the_gateway_is_a_400_problem_naming_the_field()
    {
        var document = Documents.IndustrialBrand();
        var applicant = await platform.RegisterApplicantAsync(document);
        document["applicant"]!["kind"] = "Robot";
        var unknownEnum = await applicant.PostAsJsonAsync("/api/applications", document);
        await AssertProblem(unknownEnum, "applicant.kind");

        document = Documents.IndustrialBrand();
        var code = (string)document["applicant"]!["creditCode"]!;
        document["applicant"]!["creditCode"] = code[..17] + (code[17] == '0' ? '1' : '0');
        await AssertProblem(await Gateway.PostAsJsonAsync("/api/eligibility/precheck", document), "applicant.creditCode");

        var oversize = new StringContent("{\"callId\":\"" + new string('x', 300 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");
        var tooLarge = await applicant.PostAsync("/api/applications", oversize);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{Guid.NewGuid()}");
        request.Headers.Add("X-Correlation-ID", "e2e-correlation-check");
        var echoed = await applicant.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, echoed.StatusCode);
        Assert.Equal("e2e-correlation-check", echoed.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task Every_application_submitted_while_eligibility_is_down_is_assessed_exactly_once_after_it_restarts()
    {
        const int total = 12;
        var ids = new List<Guid>();
        for (var i = 0; i < total; i++)
        {
            if (i == 3) await platform.KillAsync("eligibility");
            var document = Documents.IndustrialBrand();
            var applicant = await platform.RegisterApplicantAsync(document);
            var id = await CreateDraft(applicant, document);
            Assert.Equal(HttpStatusCode.Accepted, (await applicant.PostAsync($"/api/applications/{id}/submit", null)).StatusCode);
            ids.Add(id);
            if (i == 8) await platform.StartAsync("eligibility");
        }

        var province = await platform.As("province");
        foreach (var id in ids)
        {
            var view = await WaitForApplication(province, id, a => a["eligibility"] is JsonObject, $"assessment of {id}");
            var assessedEvents = view["timeline"]!.AsArray().Count(t => (string?)t!["what"] == "EligibilityAssessed");
            Assert.Equal(1, assessedEvents);
            var assessments = await province.GetFromJsonAsync<JsonArray>($"/api/eligibility/assessments/{id}");
            Assert.Single(assessments!);
        }
    }

    // A tranche cannot be paid before its release, which is dated in the call's time zone.
    static string ChinaToday() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd");

    async Task<Guid> CreateDraft(HttpClient applicant, JsonObject document)
    {
        // The shipped calls reach intake by event shortly after start-up; until then the call is unknown (400).
        return await Eventually(async () =>
        {
            var response = await applicant.PostAsJsonAsync("/api/applications", document);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
                await platform.UploadRequiredMaterialsAsync(applicant, id.ToString()); // complete: it can be submitted
                return (Guid?)id;
            }
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body.Contains("callId"), $"{response.StatusCode}: {body}");
            return null;
        }, "draft created") ?? throw new InvalidOperationException();
    }

    static async Task<JsonNode> Send(HttpClient actor, HttpMethod method, string path, object body)
    {
        var response = await actor.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    // Each service learns of the submission and its assessment by its own queue; the offices act on
    // routing's case, so wait for that one rather than for intake's view.
    async Task WaitForRoutingCase(Guid id)
    {
        var province = await platform.As("province");
        await Eventually(async () =>
        {
            var response = await province.GetAsync($"/api/routing/{id}");
            if (!response.IsSuccessStatusCode) return null;
            var routingCase = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return (string?)routingCase["status"] == "AtOffice" && routingCase["eligibility"] is JsonValue ? routingCase : null;
        }, "routing case ready for the county office");
    }

    static async Task<JsonNode> WaitForApplication(HttpClient reader, Guid id, Func<JsonNode, bool> done, string what) =>
        await Eventually(async () =>
        {
            var view = JsonNode.Parse(await reader.GetStringAsync($"/api/applications/{id}"))!;
            return done(view) ? view : null;
        }, what) ?? throw new InvalidOperationException();

    static Task<T?> Eventually<T>(Func<Task<T?>> probe, string what) => Poll.Until(probe, what);

    static async Task Eventually(Func<Task<bool>> probe, string what) =>
        await Eventually<object>(async () => await probe() ? new object() : null, what);

    static async Task AssertProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }
}
