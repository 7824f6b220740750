using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpPlatform.Contracts.Actors;
using IpPlatform.Contracts.Applications;
using IpPlatform.Documents;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Materials;
using IpPlatform.Printing;
using IpPlatform.Testing;
using UglyToad.PdfPig;

namespace IpPlatform.Intake.Tests;

/// <summary>The printed form (申报书) from the frozen record: its content (no host) and the PDF the endpoint serves.</summary>
public sealed class PrintedFormTests : IntakeServiceTest
{
    static (Application Application, List<ApplicationMaterial> Materials) SubmittedApplication()
    {
        var call = Samples.Call("open", new DateOnly(2099, 12, 31));
        var document = JsonSerializer.Deserialize<ApplicationDocument>(JsonSerializer.Serialize(Samples.Document("open")), DocumentJson.Options)! with
        {
            Partners = [new Partner { Name = "南京某某大学", CreditCode = Samples.Code(9), Role = PartnerRole.Research }],
        };
        var applicant = new Actor("a", "applicant", "applicant", null);
        var application = Application.CreateDraft(document, applicant, Samples.CreditCode, new DateTime(2022, 1, 10, 2, 0, 0, DateTimeKind.Utc));
        List<ApplicationMaterial> materials =
        [
            new(application.Id, "other-proof", "证明.pdf", "application/pdf", 2_621_440, new string('a', 64), DateTime.UtcNow, "a"),
        ];
        application.Submit(call, 1, materials, applicant, Samples.CreditCode, new DateTimeOffset(2022, 1, 20, 8, 30, 0, TimeSpan.Zero));
        return (application, materials);
    }

    [Fact]
    public void The_form_has_the_cover_every_section_in_order_formatted_numbers_and_the_fingerprint()
    {
        var (application, materials) = SubmittedApplication();

        var form = PrintedApplication.Build(application, Samples.Call("open", new DateOnly(2099, 12, 31)), materials, "https://ip.example/");

        Assert.Equal("测试通知", form.Title);
        Assert.Equal("工业品牌", form.Subtitle);
        Assert.Equal(
        [
            ("申报单位", "江苏某某科技股份有限公司"), ("统一社会信用代码", Samples.CreditCode), ("项目名称", "某某工业品牌培育项目"),
            ("申请省级资金", "1,000,000.00 元"), ("提交时间", "2022-01-20 16:30:00 (Asia/Shanghai)"),
        ], form.Cover.Select(f => (f.Label, f.Value)));
        Assert.Equal(["申报单位", "项目概况", "项目任务", "绩效目标", "经费预算", "联系人", "合作单位", "申报材料", "申报承诺"],
            form.Sections.Select(s => s.Heading));
        Assert.Equal(application.SubmissionFingerprint, form.Fingerprint);
        Assert.Equal($"https://ip.example/api/applications/verification/{application.SubmissionFingerprint}", form.VerificationUrl);
        Assert.Equal(new DateTimeOffset(2022, 1, 20, 8, 30, 0, TimeSpan.Zero), form.PrintedAt);

        var tasks = form.Sections.Single(s => s.Heading == "项目任务").Blocks;
        Assert.Equal("品牌培育", Assert.IsType<PrintedFields>(tasks[0]).Fields[0].Value);
        Assert.Equal("开展商标国际注册与品牌推广。", Assert.IsType<PrintedParagraph>(tasks[1]).Text);
        Assert.Equal(["新增注册商标", "12", "件"], Table(form, "绩效目标").Rows.Single());
        Assert.Equal(["合计", "3,000,000.00"], Table(form, "经费预算").Rows[^1]);
        Assert.Equal(["南京某某大学", Samples.Code(9), "产学研合作单位"], Table(form, "合作单位").Rows.Single());
        Assert.Equal(["其他证明材料", "证明.pdf", "2.5 MB", new string('a', 64)], Table(form, "申报材料").Rows.Single());
        var commitment = form.Sections.Single(s => s.Heading == "申报承诺").Blocks.OfType<PrintedFields>().First();
        Assert.Contains(commitment.Fields, f => f.Value == application.SubmissionFingerprint);
    }

    static PrintedTable Table(PrintedForm form, string heading) =>
        Assert.IsType<PrintedTable>(form.Sections.Single(s => s.Heading == heading).Blocks.Single());

    [Fact]
    public async Task The_pdf_of_a_submitted_application_reads_back_with_applicant_project_and_grouped_fingerprint()
    {
        var id = await CreateAndSubmit(Samples.Owner, "320583");
        var fingerprint = (await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("fingerprint").GetString()!;
        using var county = As(TestAccounts.County("320583"));

        var response = await county.GetAsync($"/api/applications/{id}/form.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().SelectMany(p => p.Text).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("江苏某某科技股份有限公司", text);
        Assert.Contains("某某工业品牌培育项目", text);
        Assert.Contains(FingerprintText.Grouped(fingerprint).Replace(" ", ""), text);
        // The same record prints the same file.
        Assert.Equal(bytes, await (await Client.GetAsync($"/api/applications/{id}/form.pdf")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_draft_has_no_printed_form_and_someone_elses_application_is_not_found()
    {
        var draft = await CreateDraft();
        var submitted = await CreateAndSubmit(Samples.Owner, "320583");
        using var stranger = As(TestAccounts.Applicant(Samples.Code(4711)));
        using var otherCounty = As(TestAccounts.County("320582"));

        var onDraft = await Client.GetAsync($"/api/applications/{draft}/form.pdf");

        Assert.Equal(HttpStatusCode.Conflict, onDraft.StatusCode);
        Assert.Equal("application/problem+json", onDraft.Content.Headers.ContentType?.MediaType);
        Assert.Contains("submit it first", (await onDraft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/applications/{submitted}/form.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync($"/api/applications/{submitted}/form.pdf")).StatusCode);
    }
}
