using System.Security.Claims;
using IpPlatform.Contracts.Calls;
using IpPlatform.Infrastructure.Audit;
using IpPlatform.Intake.Applications;
using IpPlatform.Intake.Data;
using IpPlatform.Intake.Materials;
using IpPlatform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace IpPlatform.Intake.Api;

/// <summary>
/// The materials (申报材料) of an application: its owner uploads, replaces and removes files on a draft; whoever
/// may read the application lists and downloads them. Every limit is checked before anything is stored, and the
/// database row is written only after the store holds the verified bytes.
/// </summary>
public static class MaterialsApi
{
    /// <summary>Default cap of an upload request's body (<c>Materials:MaxRequestBytes</c>): above the largest file a call allows, plus the multipart framing.</summary>
    public const long DefaultMaxRequestBytes = 64L * 1024 * 1024;

    public static IEndpointRouteBuilder MapMaterialsApi(this IEndpointRouteBuilder app)
    {
        var maxRequest = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Materials:MaxRequestBytes", DefaultMaxRequestBytes);
        var api = app.MapGroup("/api/applications/{id:guid}/materials").WithTags("Materials");

        // Uploads are far larger than the platform's default body limit, and only these routes lift it.
        // Antiforgery is off on purpose: these are bearer-token APIs (no cookie a foreign site could ride on),
        // so a cross-site form cannot act as the applicant.
        api.MapPost("/{materialId}", Upload).RequireAuthorization(PlatformPolicies.Applicant)
            .Accepts<IFormFile>("multipart/form-data").WithMetadata(new BodySizeLimit(maxRequest)).DisableAntiforgery()
            .WithSummary("Upload a file of one of the call's materials to the organisation's own draft (one multipart part named 'file')");
        api.MapPut("/{materialId}/{fileId:guid}", Replace).RequireAuthorization(PlatformPolicies.Applicant)
            .Accepts<IFormFile>("multipart/form-data").WithMetadata(new BodySizeLimit(maxRequest)).DisableAntiforgery()
            .WithSummary("Replace a file of the organisation's own draft with another");
        api.MapDelete("/{materialId}/{fileId:guid}", Remove).RequireAuthorization(PlatformPolicies.Applicant)
            .WithSummary("Remove a file from the organisation's own draft");
        api.MapGet("/", List).RequireAuthorization(PlatformPolicies.CaseReader)
            .WithSummary("The call's materials for the application's track, the files held for each, and the required ones still missing");
        api.MapGet("/{fileId:guid}/content", Download).RequireAuthorization(PlatformPolicies.CaseReader)
            .WithSummary("The bytes of one file, with its name and its sniffed type");
        return app;
    }

    static async Task<Results<Created<MaterialFileView>, NotFound, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, string materialId, HttpRequest request, ClaimsPrincipal user, IntakeDbContext db, IMaterialStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var organisation = user.Organisation();
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.IsOwnedBy(organisation)) return TypedResults.NotFound();
        application.ChangeMaterials(organisation);
        var material = (await RulesOf(application, db, ct)).Find(materialId);
        if (material is null) return UnknownMaterial(materialId);
        MaterialRules.RequireRoomForAnother(material, await db.Materials.CountAsync(m => m.ApplicationId == id && m.MaterialId == materialId, ct));

        var (file, refusal) = await MaterialUpload.ReceiveAsync(request, material.MaxBytes, ct);
        if (refusal is not null) return Refused(refusal);
        await using (file)
        {
            if (Unacceptable(material, file!) is { } problem) return problem;
            if (await StoreAsync(store, file!, ct) is { } failed) return failed;

            var actor = user.ToActor();
            var row = new ApplicationMaterial(id, materialId, file!.FileName, file.Sniffed.ContentType!, file.SizeBytes, file.Sha256,
                clock.GetUtcNow().UtcDateTime, actor.AccountId);
            db.Materials.Add(row);
            db.Audit(actor, "application.material-uploaded", id.ToString(), Details(row), clock);
            await db.SaveChangesAsync(ct);
            var view = MaterialFileView.From(row);
            return TypedResults.Created(view.ContentUrl, view);
        }
    }

    static async Task<Results<Ok<MaterialFileView>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, string materialId, Guid fileId, HttpRequest request, ClaimsPrincipal user, IntakeDbContext db, IMaterialStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var organisation = user.Organisation();
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.IsOwnedBy(organisation)) return TypedResults.NotFound();
        application.ChangeMaterials(organisation);
        var row = await db.Materials.FirstOrDefaultAsync(m => m.Id == fileId && m.ApplicationId == id && m.MaterialId == materialId, ct);
        if (row is null) return TypedResults.NotFound();
        var material = (await RulesOf(application, db, ct)).Find(materialId);
        if (material is null) return UnknownMaterial(materialId);

        var (file, refusal) = await MaterialUpload.ReceiveAsync(request, material.MaxBytes, ct);
        if (refusal is not null) return Refused(refusal);
        await using (file)
        {
            if (Unacceptable(material, file!) is { } problem) return problem;
            if (await StoreAsync(store, file!, ct) is { } failed) return failed;

            var actor = user.ToActor();
            var previous = row.Sha256;
            row.ReplaceContent(file!.FileName, file.Sniffed.ContentType!, file.SizeBytes, file.Sha256, clock.GetUtcNow().UtcDateTime, actor.AccountId);
            db.Audit(actor, "application.material-replaced", id.ToString(), new { file = Details(row), previousSha256 = previous }, clock);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(MaterialFileView.From(row));
        }
    }

    static async Task<Results<NoContent, NotFound>> Remove(
        Guid id, string materialId, Guid fileId, ClaimsPrincipal user, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var organisation = user.Organisation();
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.IsOwnedBy(organisation)) return TypedResults.NotFound();
        application.ChangeMaterials(organisation);
        var row = await db.Materials.FirstOrDefaultAsync(m => m.Id == fileId && m.ApplicationId == id && m.MaterialId == materialId, ct);
        if (row is null) return TypedResults.NotFound();

        // The bytes stay in the store: another file (of this or another application) may have the same hash.
        db.Materials.Remove(row);
        db.Audit(user.ToActor(), "application.material-removed", id.ToString(), Details(row), clock);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<MaterialsView>, NotFound>> List(Guid id, ClaimsPrincipal user, IntakeDbContext db, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.CanBeReadBy(user.ToActor(), user.Organisation())) return TypedResults.NotFound();
        var rules = await RulesOf(application, db, ct);
        var files = await db.Materials.AsNoTracking().Where(m => m.ApplicationId == id).ToListAsync(ct);
        files = [.. files.OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id)];

        var slots = rules.Definitions.Select(d => new MaterialSlotView(d.Id, d.NameZh, d.Required, d.AllowedTypes, d.MaxBytes, d.MaxFiles,
            [.. files.Where(f => f.MaterialId == d.Id).Select(MaterialFileView.From)])).ToList();
        // Files of a material a later version of the call no longer lists stay visible rather than vanish.
        var unlisted = files.Where(f => rules.Find(f.MaterialId) is null).Select(MaterialFileView.From).ToList();
        return TypedResults.Ok(new MaterialsView(id, application.Stage != ApplicationStage.Draft, slots, rules.MissingRequired(files), unlisted));
    }

    static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> Download(
        Guid id, Guid fileId, ClaimsPrincipal user, IntakeDbContext db, IMaterialStore store, HttpResponse response, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !application.CanBeReadBy(user.ToActor(), user.Organisation())) return TypedResults.NotFound();
        var row = await db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == fileId && m.ApplicationId == id, ct);
        if (row is null) return TypedResults.NotFound();
        var content = await store.OpenAsync(row.Sha256, ct);
        if (content is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The file's bytes are missing from the store",
                detail: $"No bytes under {row.Sha256} in the materials store.", extensions: Code("blob-missing"));
        // The type was sniffed; a browser must not second-guess it (an uploaded file is never run as a page).
        response.Headers.XContentTypeOptions = "nosniff";
        // The hash is the entity tag: the same bytes are the same representation wherever they are served from.
        return TypedResults.Stream(content, row.ContentType, row.FileName, new DateTimeOffset(row.UploadedAtUtc, TimeSpan.Zero),
            new EntityTagHeaderValue($"\"{row.Sha256}\""));
    }

    static async Task<MaterialRules> RulesOf(Application application, IntakeDbContext db, CancellationToken ct)
    {
        // A draft is checked against the version intake holds now; a submitted application keeps the one it was submitted under.
        return MaterialRules.For(await db.CallAsSubmittedAsync(application, ct), application.TrackId);
    }

    static ProblemHttpResult? Unacceptable(MaterialDefinition material, ReceivedFile file)
    {
        var allowed = string.Join(", ", material.AllowedTypes);
        return file.Sniffed switch
        {
            { Refusal: "executable" } => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Executable files are refused", detail: $"The bytes are a program, whatever the file is named. Material '{material.Id}' accepts {allowed}.",
                extensions: Code("executable", material.AllowedTypes)),
            { Refusal: "truncated" } => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "The file is truncated", detail: "The PDF has no end-of-file marker: it was cut short. Upload the whole file.",
                extensions: Code("truncated", material.AllowedTypes)),
            { Type: var type } when MaterialRules.Accepts(material, type) => null,
            { Type: var type } => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "This type of file is not accepted here",
                detail: $"The bytes are {(type is null ? "of no known type" : type)}; material '{material.Id}' accepts {allowed}.",
                extensions: Code("type-not-allowed", material.AllowedTypes)),
        };
    }

    /// <summary>Stores the bytes before any row refers to them; a problem (503) when the store cannot keep them.</summary>
    static async Task<ProblemHttpResult?> StoreAsync(IMaterialStore store, ReceivedFile file, CancellationToken ct)
    {
        // The store re-hashes what it writes and refuses bytes that differ from those received. If the request
        // fails after this, the blob stays without a row: harmless in a content-addressed store.
        try
        {
            var stored = await store.PutAsync(file.Content, file.Sha256, ct);
            if (stored.Sha256 == file.Sha256 && stored.SizeBytes == file.SizeBytes) return null;
            throw new MaterialStoreException($"The store kept {stored.Sha256} ({stored.SizeBytes} bytes) for {file.Sha256} ({file.SizeBytes} bytes).");
        }
        catch (MaterialStoreException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The file could not be stored",
                detail: $"{e.Message} Nothing was recorded; try again later.", extensions: Code("store-failed"));
        }
    }

    static ValidationProblem UnknownMaterial(string materialId) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["materialId"] = [$"The call lists no material '{materialId}' for this application's track."] },
        title: "Unknown material");

    static ProblemHttpResult Refused(UploadRefusal refusal) => TypedResults.Problem(statusCode: refusal.Status,
        title: refusal.Status == StatusCodes.Status413PayloadTooLarge ? "The file is too large" : "The upload cannot be read",
        detail: refusal.Detail, extensions: Code(refusal.Code));

    static Dictionary<string, object?> Code(string code, IReadOnlyList<string>? allowedTypes = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (allowedTypes is not null) extensions["allowedTypes"] = allowedTypes;
        return extensions;
    }

    static object Details(ApplicationMaterial row) =>
        new { fileId = row.Id, row.MaterialId, row.FileName, row.ContentType, row.SizeBytes, row.Sha256 };

    /// <summary>Lifts the request body limit on the upload routes only (the routing middleware applies it).</summary>
    sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}

/// <summary>One stored file of an application's materials.</summary>
public sealed record MaterialFileView(
    Guid Id, string MaterialId, string FileName, string ContentType, long SizeBytes, string Sha256, DateTime UploadedAt, string UploadedBy,
    string ContentUrl)
{
    public static MaterialFileView From(ApplicationMaterial m) => new(
        m.Id, m.MaterialId, m.FileName, m.ContentType, m.SizeBytes, m.Sha256, m.UploadedAtUtc, m.UploadedBy,
        $"/api/applications/{m.ApplicationId}/materials/{m.Id}/content");
}

/// <summary>One of the call's materials for the track, as the call defines it, with the files held for it.</summary>
public sealed record MaterialSlotView(
    string Id, string NameZh, bool Required, IReadOnlyList<string> AllowedTypes, long MaxBytes, int MaxFiles, IReadOnlyList<MaterialFileView> Files);

/// <summary>
/// The materials of an application: each of the call's materials with its files, the ids of the required ones
/// still missing, files of materials the call no longer lists, and whether they are frozen (submitted).
/// </summary>
public sealed record MaterialsView(
    Guid ApplicationId, bool Frozen, IReadOnlyList<MaterialSlotView> Materials, IReadOnlyList<string> MissingRequired,
    IReadOnlyList<MaterialFileView> Unlisted);
