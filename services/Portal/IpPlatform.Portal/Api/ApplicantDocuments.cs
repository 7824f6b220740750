using IpPlatform.Portal.Security;

namespace IpPlatform.Portal.Api;

/// <summary>
/// The applicant's own material files, downloaded from the application's detail page: the same proxy as the office's
/// (<see cref="ReadsDocuments.StreamMaterialAsync"/>); intake answers 404 for another applicant's application.
/// </summary>
public static class ApplicantDocuments
{
    public static string MaterialPath(Guid applicationId, Guid fileId) => $"/applications/{applicationId}/materials/{fileId}";

    public static void MapApplicantDocuments(this WebApplication app) =>
        app.MapGet("/applications/{id:guid}/materials/{fileId:guid}", ReadsDocuments.StreamMaterialAsync)
            .RequireAuthorization(PortalPolicies.Applicant)
            .ExcludeFromDescription();
}
