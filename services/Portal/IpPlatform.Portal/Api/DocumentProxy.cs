using IpPlatform.Portal.Security;

namespace IpPlatform.Portal.Api;

/// <summary>
/// Documents the browser downloads (the printed application form) come through the portal: the browser holds only the
/// session cookie, the portal adds the person's access token and streams the service's answer on.
/// </summary>
public static class DocumentProxy
{
    public static void MapDocumentProxy(this WebApplication app)
    {
        app.MapGet("/applications/{id:guid}/form.pdf", async (Guid id, PlatformApi api, HttpContext http) =>
            {
                var response = await api.FormPdfAsync(id, http.RequestAborted);
                http.Response.RegisterForDispose(response);
                if (!response.IsSuccessStatusCode)
                    // The service's reason (draft, not found) stays with the service; the portal's error pages show the status.
                    return Results.StatusCode((int)response.StatusCode);
                var name = response.Content.Headers.ContentDisposition?.FileNameStar
                           ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"application-{id}.pdf";
                return Results.Stream(await response.Content.ReadAsStreamAsync(http.RequestAborted), "application/pdf", name);
            })
            .RequireAuthorization(PortalPolicies.SignedIn)
            .ExcludeFromDescription();
    }
}
