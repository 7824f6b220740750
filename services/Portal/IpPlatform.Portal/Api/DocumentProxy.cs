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

        // The city's summary table; routing decides whose city it is.
        app.MapGet("/office/summary/{callId}/{cityCode}.xlsx", (string callId, string cityCode, PlatformApi api, HttpContext http) =>
                SummaryTableAsync(callId, cityCode, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", api, http))
            .RequireAuthorization(PortalPolicies.CitySummary)
            .ExcludeFromDescription();
        app.MapGet("/office/summary/{callId}/{cityCode}.pdf", (string callId, string cityCode, PlatformApi api, HttpContext http) =>
                SummaryTableAsync(callId, cityCode, "pdf", "application/pdf", api, http))
            .RequireAuthorization(PortalPolicies.CitySummary)
            .ExcludeFromDescription();
    }

    static async Task<IResult> SummaryTableAsync(string callId, string cityCode, string extension, string contentType, PlatformApi api, HttpContext http)
    {
        var response = await api.SummaryTableFileAsync(callId, cityCode, extension, http.RequestAborted);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar
                   ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"summary-table-{callId}-{cityCode}.{extension}";
        return Results.Stream(await response.Content.ReadAsStreamAsync(http.RequestAborted), contentType, name);
    }
}
