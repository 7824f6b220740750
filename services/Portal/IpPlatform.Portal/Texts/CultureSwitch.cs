using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace IpPlatform.Portal.Texts;

/// <summary>
/// <c>GET /culture?c=en&amp;returnUrl=/office/worklist</c>: the person's language, kept in the culture cookie that the
/// request localization reads, then back to the page they were on. Public on purpose (the sign-in page has the switch too).
/// </summary>
public static class CultureSwitch
{
    public const string Path = "/culture";

    /// <summary>The languages the portal speaks, by the value of <c>c</c>.</summary>
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en"];

    /// <summary>How long the choice is kept.</summary>
    static readonly TimeSpan KeptFor = TimeSpan.FromDays(365);

    /// <summary>The switch's link for a page (its path and query, relative to the site).</summary>
    public static string Link(string culture, string returnUrl) =>
        $"{Path}?c={Uri.EscapeDataString(culture)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet(Path, Switch).ExcludeFromDescription().AllowAnonymous();

    static Results<RedirectHttpResult, ValidationProblem> Switch(string? c, string? returnUrl, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (c is null || !Cultures.Contains(c)) errors["c"] = [$"One of: {string.Join(", ", Cultures)}."];
        // Only a page of this site: an absolute or protocol-relative URL would make the portal an open redirector.
        if (returnUrl is not null && !RedirectHttpResult.IsLocalUrl(returnUrl)) errors["returnUrl"] = ["A path of this site (starting with /) is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The language switch is invalid");

        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c!)),
            new CookieOptions { MaxAge = KeptFor, SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true, Secure = http.Request.IsHttps });
        return TypedResults.LocalRedirect(returnUrl is { Length: > 0 } ? returnUrl : "/");
    }
}
