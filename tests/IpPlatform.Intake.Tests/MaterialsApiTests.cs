using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpPlatform.Intake.Data;
using IpPlatform.Intake.Materials;
using IpPlatform.Intake.Api;
using IpPlatform.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Intake.Tests;

/// <summary>Upload, replace, remove, list and download of an application's materials through the HTTP API.</summary>
public sealed class MaterialsApiTests : MaterialsServiceTest
{
    [Fact]
    public async Task An_uploaded_file_is_listed_and_downloads_as_the_same_bytes()
    {
        var id = await CreateDraft();
        var pdf = MaterialsSamples.Pdf("form");
        var sha = MaterialsSamples.Sha256(pdf);

        var response = await Upload(id, "application-form", pdf, "申报书.pdf");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var file = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(sha, file.GetProperty("sha256").GetString());
        Assert.Equal(pdf.Length, file.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("application/pdf", file.GetProperty("contentType").GetString());
        Assert.Equal("申报书.pdf", file.GetProperty("fileName").GetString());
        Assert.Equal(file.GetProperty("contentUrl").GetString(), response.Headers.Location!.ToString());
        Assert.Equal([sha], StoredBlobs());

        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}/materials", Ct);
        Assert.False(list.GetProperty("frozen").GetBoolean());
        var slots = list.GetProperty("materials").EnumerateArray().ToList();
        Assert.Equal(["application-form", "commitment-letter", "proofs"], slots.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(sha, Assert.Single(slots[0].GetProperty("files").EnumerateArray().ToList()).GetProperty("sha256").GetString());
        Assert.Equal(["pdf"], slots[0].GetProperty("allowedTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["commitment-letter"], list.GetProperty("missingRequired").EnumerateArray().Select(m => m.GetString()));

        var download = await Client.GetAsync(file.GetProperty("contentUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("申报书.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal($"\"{sha}\"", download.Headers.ETag?.Tag);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("application.material-uploaded", AuditActions());
    }

    [Fact]
    public async Task The_type_is_sniffed_from_the_bytes_not_taken_from_the_name_or_the_header()
    {
        var id = await CreateDraft();

        var file = await Uploaded(id, "commitment-letter", MaterialsSamples.Png(), "承诺书.pdf");

        Assert.Equal("image/png", file.GetProperty("contentType").GetString());
        var download = await Client.GetAsync(file.GetProperty("contentUrl").GetString(), Ct);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Replacing_a_file_keeps_its_id_and_serves_the_new_bytes()
    {
        var id = await CreateDraft();
        var first = await Uploaded(id, "proofs", MaterialsSamples.Docx(), "证明.docx");
        var fileId = first.GetProperty("id").GetGuid();
        var xlsx = MaterialsSamples.Xlsx();

        var response = await Client.PutAsync($"/api/applications/{id}/materials/proofs/{fileId}", Form(xlsx, "证明.xlsx"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replaced = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(fileId, replaced.GetProperty("id").GetGuid());
        Assert.Equal(MaterialsSamples.Sha256(xlsx), replaced.GetProperty("sha256").GetString());
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", replaced.GetProperty("contentType").GetString());
        Assert.Equal(xlsx, await Client.GetByteArrayAsync($"/api/applications/{id}/materials/{fileId}/content", Ct));
        Assert.Equal(1, MaterialRows());
        Assert.Contains("application.material-replaced", AuditActions());
    }

    [Fact]
    public async Task A_removed_file_leaves_the_list_and_its_required_material_is_missing_again()
    {
        var id = await CreateDraft();
        var letter = await Uploaded(id, "commitment-letter", MaterialsSamples.Jpeg(), "承诺书.jpg");
        var fileId = letter.GetProperty("id").GetGuid();

        var response = await Client.DeleteAsync($"/api/applications/{id}/materials/commitment-letter/{fileId}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}/materials", Ct);
        Assert.All(list.GetProperty("materials").EnumerateArray(), s => Assert.Empty(s.GetProperty("files").EnumerateArray()));
        Assert.Equal(["application-form", "commitment-letter"], list.GetProperty("missingRequired").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/applications/{id}/materials/{fileId}/content", Ct)).StatusCode);
        Assert.Contains("application.material-removed", AuditActions());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/applications/{id}/materials/commitment-letter/{fileId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_material_the_call_does_not_list_is_a_bad_request_naming_the_field()
    {
        var id = await CreateDraft();

        var problem = await Problem(await Upload(id, "business-licence", MaterialsSamples.Pdf()), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("materialId", out _));
        Assert.Equal(0, MaterialRows());
    }

    [Fact]
    public async Task A_file_over_the_material_limit_is_refused_before_anything_is_stored()
    {
        var id = await CreateDraft();
        var limit = MaterialsSamples.Materials[0].MaxBytes;
        var oversize = MaterialsSamples.Pdf(new string('x', (int)limit)); // a whole, valid PDF, just too large

        var problem = await Problem(await Upload(id, "application-form", oversize), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("too-large", problem.GetProperty("code").GetString());
        Assert.Contains(limit.ToString(), problem.GetProperty("detail").GetString());
        Assert.Equal(0, MaterialRows());
        Assert.Empty(StoredBlobs());
        Assert.DoesNotContain("application.material-uploaded", AuditActions());
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        var id = await CreateDraft();
        var limit = (int)MaterialsSamples.Materials[0].MaxBytes;
        var pdf = MaterialsSamples.Pdf();
        // Padding between the body and the end marker keeps it a whole PDF of exactly the limit.
        var exact = pdf[..^6].Concat(Enumerable.Repeat((byte)'\n', limit - pdf.Length)).Concat(pdf[^6..]).ToArray();
        Assert.Equal(limit, exact.Length);

        Assert.Equal(HttpStatusCode.Created, (await Upload(id, "application-form", exact)).StatusCode);
    }

    [Fact]
    public async Task A_file_beyond_the_material_count_is_a_conflict()
    {
        var id = await CreateDraft();
        await Uploaded(id, "commitment-letter", MaterialsSamples.Pdf("one"));
        await Uploaded(id, "commitment-letter", MaterialsSamples.Pdf("two"));

        var problem = await Problem(await Upload(id, "commitment-letter", MaterialsSamples.Pdf("three")), HttpStatusCode.Conflict);

        Assert.Equal("too-many-files", problem.GetProperty("code").GetString());
        Assert.Equal(2, MaterialRows());
        Assert.Equal(2, StoredBlobs().Length);
    }

    [Fact]
    public async Task A_type_the_material_does_not_accept_is_refused_naming_the_accepted_types()
    {
        var id = await CreateDraft();

        var problem = await Problem(await Upload(id, "application-form", MaterialsSamples.Png(), "申报书.pdf"), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("type-not-allowed", problem.GetProperty("code").GetString());
        Assert.Equal(["pdf"], problem.GetProperty("allowedTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("pdf", problem.GetProperty("detail").GetString());
        Assert.Equal(0, MaterialRows());
        Assert.Empty(StoredBlobs());
    }

    [Fact]
    public async Task A_program_renamed_to_pdf_is_refused_as_an_executable()
    {
        var id = await CreateDraft();

        var problem = await Problem(await Upload(id, "application-form", MaterialsSamples.WindowsExecutable(), "申报书.pdf", clientType: "application/pdf"),
            HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("executable", problem.GetProperty("code").GetString());
        Assert.Equal(0, MaterialRows());
        Assert.Empty(StoredBlobs());
    }

    [Fact]
    public async Task A_truncated_pdf_is_refused_as_truncated()
    {
        var id = await CreateDraft();

        var problem = await Problem(await Upload(id, "application-form", MaterialsSamples.TruncatedPdf()), HttpStatusCode.BadRequest);

        Assert.Equal("truncated", problem.GetProperty("code").GetString());
        Assert.Equal(0, MaterialRows());
    }

    [Fact]
    public async Task A_broken_multipart_body_is_a_bad_request()
    {
        var id = await CreateDraft();
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("--edge\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then the body just stops"));
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=edge");

        var problem = await Problem(await Client.PostAsync($"/api/applications/{id}/materials/application-form", body, Ct), HttpStatusCode.BadRequest);

        Assert.Equal("broken-multipart", problem.GetProperty("code").GetString());
        Assert.Equal(0, MaterialRows());
    }

    [Fact]
    public async Task A_multipart_body_without_a_file_part_is_a_bad_request()
    {
        var id = await CreateDraft();
        var form = new MultipartFormDataContent { { new StringContent("申报书"), "title" } };

        var problem = await Problem(await Client.PostAsync($"/api/applications/{id}/materials/application-form", form, Ct), HttpStatusCode.BadRequest);

        Assert.Equal("no-file-part", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_multipart_body_without_a_boundary_is_a_bad_request()
    {
        var id = await CreateDraft();
        var body = new ByteArrayContent("{}"u8.ToArray());
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");

        var problem = await Problem(await Client.PostAsync($"/api/applications/{id}/materials/application-form", body, Ct), HttpStatusCode.BadRequest);

        Assert.Equal("not-multipart", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_empty_file_is_a_bad_request()
    {
        var id = await CreateDraft();

        var problem = await Problem(await Upload(id, "application-form", []), HttpStatusCode.BadRequest);

        Assert.Equal("empty-file", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_submitted_applications_materials_are_frozen_but_still_readable()
    {
        var id = await CreateDraft();
        var form = await Uploaded(id, "application-form", MaterialsSamples.Pdf());
        var fileId = form.GetProperty("id").GetGuid();
        MarkSubmitted(id);

        var upload = await Problem(await Upload(id, "commitment-letter", MaterialsSamples.Pdf("late")), HttpStatusCode.Conflict);
        var replace = await Problem(await Client.PutAsync($"/api/applications/{id}/materials/application-form/{fileId}",
            Form(MaterialsSamples.Pdf("other"), "申报书.pdf"), Ct), HttpStatusCode.Conflict);
        var remove = await Problem(await Client.DeleteAsync($"/api/applications/{id}/materials/application-form/{fileId}", Ct), HttpStatusCode.Conflict);

        Assert.All([upload, replace, remove], p => Assert.Equal("materials-frozen", p.GetProperty("code").GetString()));
        Assert.Equal(1, MaterialRows());
        Assert.Single(StoredBlobs());
        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}/materials", Ct);
        Assert.True(list.GetProperty("frozen").GetBoolean());
        Assert.Equal(MaterialsSamples.Pdf(), await Client.GetByteArrayAsync($"/api/applications/{id}/materials/{fileId}/content", Ct));
    }

    [Fact]
    public async Task Another_organisation_finds_nothing_and_the_regions_office_reads_but_does_not_change()
    {
        var id = await CreateDraft();
        var file = await Uploaded(id, "application-form", MaterialsSamples.Pdf());
        var content = file.GetProperty("contentUrl").GetString();
        using var stranger = As(TestAccounts.Applicant(Samples.Code(7)));
        using var county = As(TestAccounts.County("320583"));
        using var otherCounty = As(TestAccounts.County("320582"));

        Assert.Equal(HttpStatusCode.NotFound, (await Upload(id, "commitment-letter", MaterialsSamples.Pdf(), client: stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/applications/{id}/materials", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(content, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/applications/{id}/materials/application-form/{file.GetProperty("id")}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCounty.GetAsync(content, Ct)).StatusCode);
        Assert.Equal(MaterialsSamples.Pdf(), await county.GetByteArrayAsync(content, Ct));
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/api/applications/{id}/materials", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(id, "commitment-letter", MaterialsSamples.Pdf(), client: county)).StatusCode);
        Assert.Equal(1, MaterialRows());
    }

    [Fact]
    public void Only_the_upload_routes_lift_the_request_body_limit_and_they_take_multipart()
    {
        var endpoints = Service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("/materials")).ToList();

        var uploads = endpoints.Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Any(m => m is "POST" or "PUT")).ToList();
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, e =>
        {
            Assert.Equal(MaterialsApi.DefaultMaxRequestBytes, e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize);
            Assert.Equal(["multipart/form-data"], e.Metadata.GetMetadata<IAcceptsMetadata>()!.ContentTypes);
        });
        Assert.All(endpoints.Except(uploads), e => Assert.Null(e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()));
    }

    [Fact]
    public async Task A_file_id_of_another_application_is_not_found_under_this_one()
    {
        var mine = await CreateDraft();
        var other = await CreateDraft();
        var file = await Uploaded(other, "application-form", MaterialsSamples.Pdf());

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/applications/{mine}/materials/{file.GetProperty("id")}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/api/applications/{mine}/materials/application-form/{file.GetProperty("id")}", Ct)).StatusCode);
    }
}

/// <summary>A store that fails: the upload must leave no row and no audit entry behind.</summary>
public sealed class MaterialsStoreFailureTests() : MaterialsServiceTest(_ => new FailingStore())
{
    [Fact]
    public async Task When_the_store_fails_nothing_is_recorded()
    {
        var id = await CreateDraft();
        var version = Service.Query((IntakeDbContext db) => db.Applications.Single(a => a.Id == id).Version);

        var response = await Upload(id, "application-form", MaterialsSamples.Pdf());

        Assert.Equal("store-failed", (await Problem(response, HttpStatusCode.ServiceUnavailable)).GetProperty("code").GetString());
        Assert.Equal(0, MaterialRows());
        Assert.DoesNotContain("application.material-uploaded", AuditActions());
        Assert.Equal(version, Service.Query((IntakeDbContext db) => db.Applications.Single(a => a.Id == id).Version)); // the guard's bump was not saved
    }

    sealed class FailingStore : IMaterialStore
    {
        public Task<StoredBlob> PutAsync(Stream content, string? expectedSha256, CancellationToken ct) =>
            throw new MaterialStoreException("The disk is full.");
        public Task<Stream?> OpenAsync(string sha256, CancellationToken ct) => Task.FromResult<Stream?>(null);
        public Task<bool> ExistsAsync(string sha256, CancellationToken ct) => Task.FromResult(false);
    }
}

/// <summary>
/// Through real Kestrel, which enforces the platform's small default body limit (the in-memory server enforces
/// none): an upload larger than that limit but within the material's is accepted on the upload routes only.
/// </summary>
public sealed class MaterialsOverKestrelTests : MaterialsServiceTest
{
    protected override void BeforeStart(ServiceFactory<Program> service) => service.UseKestrel(0);

    [Fact]
    public async Task An_upload_above_the_default_body_limit_is_accepted_on_the_upload_route()
    {
        var id = await CreateDraft();
        var pdf = MaterialsSamples.Pdf(new string('x', (int)Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.MaxRequestBodyBytes + 64 * 1024));

        var response = await Upload(id, "proofs", pdf, "证明.pdf");

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(MaterialsSamples.Sha256(pdf), (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Elsewhere_the_default_body_limit_still_holds()
    {
        var id = await CreateDraft();
        var huge = new StringContent($"{{\"callId\":\"open\",\"padding\":\"{new string('x', (int)Microsoft.Extensions.Hosting.ServiceDefaultsExtensions.MaxRequestBodyBytes)}\"}}",
            System.Text.Encoding.UTF8, "application/json");

        var response = await Client.PutAsync($"/api/applications/{id}", huge, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
