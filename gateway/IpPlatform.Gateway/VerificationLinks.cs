using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace IpPlatform.Gateway;

/// <summary>
/// The printed form's QR code holds the API's verification address (<c>/api/applications/verification/{fingerprint}</c>).
/// A program asks it for JSON and is forwarded as any API call; a phone's camera app opens it as a page, so a browser
/// navigation (HTML wanted, no JSON) is sent to the portal's window check with the fingerprint, where the clerk signs in
/// and sees the result.
/// </summary>
public static partial class VerificationLinks
{
    [GeneratedRegex("^/api/applications/verification/(?<fp>[^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex VerificationPath();

    public static void UseVerificationLinks(this WebApplication app)
    {
        if (!Extensions.HasPortal(app.Configuration)) return; // no portal, no page to send a browser to
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method)
                && VerificationPath().Match(context.Request.Path.Value ?? "") is { Success: true } match
                && WantsPage(context.Request))
            {
                context.Response.Redirect("/office/window?fp=" + Uri.EscapeDataString(match.Groups["fp"].Value));
                return;
            }
            await next(context);
        });
    }

    /// <summary>A browser's navigation: it accepts HTML and does not ask for JSON.</summary>
    internal static bool WantsPage(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
               && !accept.Any(a => a.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true);
    }
}
