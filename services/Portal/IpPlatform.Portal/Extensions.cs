using IpPlatform.Portal.Api;
using IpPlatform.Portal.Components;
using IpPlatform.Portal.Security;
using IpPlatform.Portal.Texts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpPlatform.Portal;

/// <summary>
/// The web portal: a Blazor Web App (interactive server render mode where a page needs it, static server rendering
/// for forms) that signs people in with OpenID Connect against the identity service and calls the services' APIs
/// through the gateway with the person's access token. It has no database of its own.
/// </summary>
public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.AddPortalAuthentication();
        builder.AddPlatformApi();
        // The person's language: Chinese unless they chose English (the culture cookie); circuits keep the culture
        // of the request that opened them.
        builder.Services.AddScoped(_ => PortalTexts.For(System.Globalization.CultureInfo.CurrentUICulture));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
            // Only the cookie (and the default): the browser's Accept-Language does not switch a Chinese office's portal.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // Today's date at the window; tests replace the clock.
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Chinese text as it is rather than as numeric character references (a third of the page's size).
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // The portal sits behind the gateway: the public scheme and host (the OpenID Connect redirect URI, links) are
        // the gateway's, which YARP passes as X-Forwarded-*. Only the loopback proxies known by default are trusted.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
    }

    public static void MapPortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.MapDefaultEndpoints();
        // Inside the defaults' problem-document handler: a page that fails shows the portal's error page, which
        // names the correlation id and nothing of the fault itself.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapCultureSwitch();
        app.MapDocumentProxy();
        app.MapExpertDocuments();
        app.MapReadsDocuments();
        app.MapApplicantDocuments();
        // Each page states who may see it ([Authorize] with a role policy, or [AllowAnonymous]).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
