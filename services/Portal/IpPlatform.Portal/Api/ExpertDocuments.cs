using IpPlatform.Portal.Security;

namespace IpPlatform.Portal.Api;

/// <summary>
/// An application's material files as an expert downloads them: through the portal like the printed form
/// (<see cref="DocumentProxy"/>), the person's token added, the intake service's answer streamed on. Intake decides
/// whether the person may read the application.
/// </summary>
public static class ExpertDocuments
{
    public static void MapExpertDocuments(this WebApplication app)
    {
        app.MapGet("/expert/reviews/{id:guid}/materials/{fileId:guid}", async (Guid id, Guid fileId, PlatformApi api, HttpContext http) =>
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
            })
            .RequireAuthorization(PortalPolicies.Expert)
            .ExcludeFromDescription();
    }
}
