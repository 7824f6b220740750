using System.Net;
using IpPlatform.Portal.Components.Pages;
using IpPlatform.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// The window check by fingerprint or QR code: what a handheld scanner types (the printed QR code's verification URL),
/// a link with <c>?fp=</c>, and the camera button the page's script shows only where the browser can scan.
/// </summary>
public sealed class WindowScanTests : IDisposable
{
    const string Fingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const string Other = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    const string QrUrl = "https://ip.example.gov.cn/api/applications/verification/" + Fingerprint;

    readonly PortalHost portal = new();

    public void Dispose() => portal.Dispose();

    public static TheoryData<string> OneFingerprint() =>
    [
        Fingerprint,
        Fingerprint.ToUpperInvariant(),
        "  " + Fingerprint + "  ",
        string.Join(' ', Fingerprint.Chunk(4).Select(c => new string(c))),
        string.Join('-', Fingerprint.Chunk(8).Select(c => new string(c))).ToUpperInvariant(),
        QrUrl,
        "HTTP://LOCALHOST:5000/API/APPLICATIONS/VERIFICATION/" + Fingerprint.ToUpperInvariant(),
        QrUrl + "?from=qr#top",
        "指纹：" + string.Join(' ', Fingerprint.Chunk(16).Select(c => new string(c))) + "（纸质申报书）",
        string.Join("%20", Fingerprint.Chunk(16).Select(c => new string(c))),
        Fingerprint + " " + QrUrl, // the same fingerprint twice is still one
    ];

    [Theory]
    [MemberData(nameof(OneFingerprint))]
    public void The_fingerprint_is_found_in_what_was_typed_or_scanned(string text) =>
        Assert.Equal([Fingerprint], Window.FingerprintsIn(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("昆山示范企业有限公司")]
    [InlineData("https://ip.example.gov.cn/api/applications/verification/")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")] // 63 digits
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")] // 65 digits: something else
    [InlineData("0123456789abcdef0123456789abcdeg0123456789abcdef0123456789abcdef")] // a g among them
    [InlineData("0123456789abcdef_0123456789abcdef_0123456789abcdef_0123456789abcdef")] // not a separator
    public void Text_without_exactly_one_fingerprint_gives_none(string? text) =>
        Assert.Empty(Window.FingerprintsIn(text));

    [Fact]
    public void Two_different_fingerprints_are_both_found_so_the_page_can_refuse_them() =>
        Assert.Equal([Fingerprint, Other], Window.FingerprintsIn(QrUrl + QrUrl.Replace(Fingerprint, Other)));

    [Fact]
    public async Task A_scanned_QR_url_in_the_link_opens_the_page_with_the_check_done()
    {
        portal.AnswerVerification(Fingerprint);

        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CountyOffice, "320583"),
            "/office/window?fp=" + Uri.EscapeDataString(QrUrl.ToUpperInvariant()));

        // The service was asked about the fingerprint alone, as stored; the field now shows what was checked.
        Assert.Equal([$"/api/applications/verification/{Fingerprint}"],
            portal.Gateway.Sent("GET", $"/api/applications/verification/{Fingerprint}").Select(r => r.PathAndQuery));
        Assert.Contains("昆山示范企业有限公司", html);
        Assert.Contains("一致：系统中的申报书与该指纹相符。", html);
        Assert.Matches($"<input id=\"fp\" name=\"fp\" value=\"{Fingerprint}\"", html);
        Assert.DoesNotContain("aria-invalid=\"true\"", html);
    }

    [Theory]
    [InlineData("not a fingerprint", "未能识别指纹")]
    [InlineData(QrUrl + " " + "https://ip.example.gov.cn/api/applications/verification/" + Other, "包含多个不同的指纹")]
    public async Task Text_without_one_fingerprint_is_a_field_error_and_the_service_is_not_asked(string typed, string error)
    {
        var html = await PortalHost.PageAsync(portal.SignedIn(PlatformRoles.CountyOffice, "320583"),
            "/office/window?fp=" + Uri.EscapeDataString(typed));

        Assert.DoesNotContain(portal.Gateway.Requests, r => r.PathAndQuery.StartsWith("/api/applications/verification/", StringComparison.Ordinal));
        var errors = html[html.IndexOf("id=\"fp-errors\"", StringComparison.Ordinal)..];
        Assert.Contains(error, errors[..errors.IndexOf("</ul>", StringComparison.Ordinal)]);
        // What was typed stays in the field, marked invalid.
        Assert.Contains($"value=\"{typed}\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.DoesNotContain("data-testid=\"window-result\"", html);
    }

    [Fact]
    public async Task The_camera_button_is_labelled_and_left_to_the_script_which_the_portal_serves()
    {
        var browser = portal.SignedIn(PlatformRoles.CityOffice, "320500");

        var html = await PortalHost.PageAsync(browser, "/office/window");

        // Hidden until the script finds BarcodeDetector and a camera; without them nothing shows and nothing fails.
        Assert.Matches("<button type=\"button\" id=\"fp-scan\"[^>]*style=\"display: none\"[^>]*>扫描二维码</button>", html);
        Assert.Contains("<div id=\"fp-camera\" hidden>", html);
        var script = await browser.GetAsync("/IpPlatform.Portal.lib.module.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var code = await script.Content.ReadAsStringAsync();
        Assert.Contains("BarcodeDetector", code);
        Assert.Contains("export function afterWebStarted", code);
        // blazor.web.js loads the JS initializers the page names in its initializers comment.
        var initializers = System.Text.RegularExpressions.Regex.Match(html, "<!--Blazor-Web-Initializers:([A-Za-z0-9+/=]+)-->");
        Assert.True(initializers.Success, "The page names no JS initializers.");
        Assert.Contains("lib.module.js", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(initializers.Groups[1].Value)));
    }

    [Fact]
    public async Task A_link_opened_before_signing_in_returns_to_the_same_check_after_the_sign_in()
    {
        const string Issuer = "http://issuer.test/";
        using var anonymous = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Identity:Issuer", Issuer);
            web.ConfigureTestServices(services => services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                o => o.Configuration = new OpenIdConnectConfiguration
                {
                    Issuer = Issuer, AuthorizationEndpoint = Issuer + "connect/authorize", TokenEndpoint = Issuer + "connect/token",
                }));
        });
        var link = "/office/window?fp=" + Uri.EscapeDataString(QrUrl);

        var response = await anonymous.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Issuer + "connect/authorize?", response.Headers.Location!.AbsoluteUri);
        // Where the sign-in comes back to travels protected in the state: the page with the same fp.
        var state = System.Web.HttpUtility.ParseQueryString(response.Headers.Location.Query)["state"];
        var options = anonymous.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Equal(link, options.StateDataFormat.Unprotect(state)!.RedirectUri);
    }
}
