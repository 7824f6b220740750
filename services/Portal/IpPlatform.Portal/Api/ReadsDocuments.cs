using IpPlatform.Portal.Security;

namespace IpPlatform.Portal.Api;

/// <summary>
/// An application's material files as an office downloads them from the case page: through the portal like the expert's
/// (<see cref="ExpertDocuments"/>), the person's token added; intake decides whether the office may read the application.
/// </summary>
public static class ReadsDocuments
{
    public static void MapReadsDocuments(this WebApplication app)
    {
        app.MapGet("/office/cases/{id:guid}/materials/{fileId:guid}", StreamMaterialAsync)
            .RequireAuthorization(PortalPolicies.Office)
            .ExcludeFromDescription();
    }

    /// <summary>
    /// One material file streamed on from intake with the person's token, as a download (each role's route calls this;
    /// intake decides whether the person may read the application, and its refusal's status is passed on).
    /// </summary>
    public static async Task<IResult> StreamMaterialAsync(Guid id, Guid fileId, PlatformApi api, HttpContext http)
    {
        var response = await api.MaterialFileAsync(id, fileId, http.RequestAborted);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar
                   ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"material-{fileId}";
        // An uploaded file is a download, never a page of the portal's origin: attachment and no sniffing.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(await response.Content.ReadAsStreamAsync(http.RequestAborted),
            response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", name);
    }
}
