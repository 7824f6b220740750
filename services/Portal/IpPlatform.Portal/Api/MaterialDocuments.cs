using IpPlatform.Portal.Security;

namespace IpPlatform.Portal.Api;

/// <summary>
/// An application's material files as its readers download them from their pages (the applicant's own application, the
/// office's case, the expert's and the province's review): through the portal like the printed form (<see cref="DocumentProxy"/>), the person's token added,
/// the intake service's answer streamed on. Each role has its own address under its pages and its own policy; intake
/// decides whether the person may read the application.
/// </summary>
public static class MaterialDocuments
{
    /// <summary>The pages that link materials: the address under which each streams them, and who may use it.</summary>
    public static readonly IReadOnlyList<(string Pages, string Policy)> Routes =
    [
        ("/applications", PortalPolicies.Applicant),
        ("/office/cases", PortalPolicies.Office),
        ("/expert/reviews", PortalPolicies.Expert),
        ("/province/reviews", PortalPolicies.Province),
    ];

    /// <summary>The download address of a file on the pages under <paramref name="pages"/> (one of <see cref="Routes"/>).</summary>
    public static string Href(string pages, Guid applicationId, Guid fileId) => $"{pages}/{applicationId}/materials/{fileId}";

    public static void MapMaterialDocuments(this WebApplication app)
    {
        foreach (var (pages, policy) in Routes)
            app.MapGet(pages + "/{id:guid}/materials/{fileId:guid}", StreamAsync).RequireAuthorization(policy).ExcludeFromDescription();
    }

    static async Task<IResult> StreamAsync(Guid id, Guid fileId, PlatformApi api, HttpContext http)
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
