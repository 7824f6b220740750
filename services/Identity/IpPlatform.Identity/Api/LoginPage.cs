using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Identity.Api;

/// <summary>
/// <c>/connect/login</c>: the page where a person signs in (GET the form, POST the credentials), rendered
/// here as plain HTML so that it works without the portal and through the gateway alike. A refusal never
/// says whether the user name exists; the same check as the password grant decides (lockout, deactivation).
/// After signing in it returns only to a local URL, normally the authorization request that sent the person here.
/// </summary>
public static class LoginPage
{
    public const string Path = "/connect/login";
    public const string ReturnUrlField = "ReturnUrl";
    public const string UserNameField = "username";
    public const string PasswordField = "password";
    public const string AntiforgeryField = "__RequestVerificationToken";
    /// <summary>Where a sign-in without a return URL ends: the portal's home through the gateway.</summary>
    const string DefaultReturnUrl = "/";

    public const string RefusedZh = "用户名或密码错误，或该账号目前不能登录。";
    const string RefusedEn = "The user name or password is wrong, or the account cannot sign in now.";
    public const string ExpiredZh = "页面已过期，请重新登录。";
    const string ExpiredEn = "The form has expired; please sign in again.";
    public const string ForeignReturnUrlZh = "登录后的返回地址不属于本平台，已忽略。";
    const string ForeignReturnUrlEn = "The address to return to after signing in is not on this platform and was ignored.";
    public const string MissingZh = "请填写用户名和密码。";
    const string MissingEn = "Enter your user name and password.";

    public static IEndpointRouteBuilder MapLoginPage(this IEndpointRouteBuilder app)
    {
        // Public by nature; the antiforgery token is checked by the handler, which shows the form again on failure.
        app.MapGet(Path, Show).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, SignIn).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>The login page's address, to come back to <paramref name="returnUrl"/> after signing in.</summary>
    public static string Url(string returnUrl) => $"{Path}?{ReturnUrlField}={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// Whether <paramref name="url"/> stays on this site: an absolute path, not <c>//host</c> or <c>/\host</c>
    /// (which browsers read as another host), with no control characters (browsers drop tabs and new lines,
    /// which would turn <c>/\t/host</c> into <c>//host</c>).
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl) && !url.Contains('\\');

    static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl)
    {
        if (returnUrl is not null && !IsLocal(returnUrl))
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, null, null, (ForeignReturnUrlZh, ForeignReturnUrlEn));
        return Page(http, antiforgery, StatusCodes.Status200OK, returnUrl, null, null);
    }

    static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, UserManager<Account> users)
    {
        if (!http.Request.HasFormContentType)
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, null, null, (ExpiredZh, ExpiredEn));
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form[ReturnUrlField].ToString() is { Length: > 0 } given ? given : DefaultReturnUrl;
        var userName = form[UserNameField].ToString().Trim();

        if (!await antiforgery.IsRequestValidAsync(http))
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, IsLocal(returnUrl) ? returnUrl : null, userName, (ExpiredZh, ExpiredEn));
        if (!IsLocal(returnUrl))
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, null, userName, (ForeignReturnUrlZh, ForeignReturnUrlEn));

        var password = form[PasswordField].ToString();
        if (userName.Length == 0 || password.Length == 0)
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, returnUrl, userName, (MissingZh, MissingEn));

        var account = await users.CheckAsync(userName, password);
        if (account is null)
            return Page(http, antiforgery, StatusCodes.Status400BadRequest, returnUrl, userName, (RefusedZh, RefusedEn));

        await SignInSession.StartAsync(http, account, returnUrl);
        return TypedResults.Redirect(returnUrl);
    }

    const string Style = """
        body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f8;margin:0;color:#1f2933}
        main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
        h1{font-size:1.4rem;margin:0 0 .25rem}p.sub{margin:0 0 1.5rem;color:#52606d;font-size:.9rem}
        label{display:block;font-weight:600;margin:1rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
        small{display:block;color:#52606d;margin-top:.25rem}button{margin-top:1.5rem;width:100%;padding:.6rem;font-size:1rem}
        .error{color:#ab091e;background:#fde8e8;padding:.5rem .75rem;border-radius:4px}.error span{display:block;font-size:.85rem}
        """;

    /// <summary>The page's only style sheet is allowed by its hash, so the policy needs no 'unsafe-inline'.</summary>
    static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Escapes what HTML needs escaped but leaves Chinese as it is (the default encoder writes it as character references).</summary>
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    static IResult Page(HttpContext http, IAntiforgery antiforgery, int status, string? returnUrl, string? userName, (string Zh, string En)? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        var e = Encoder;
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>登录 · 知识产权专项资金申报平台</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <h1>登录</h1>
            <p class="sub">知识产权专项资金申报平台 · Sign in</p>

            """);
        if (error is { } message)
            html.Append($"""<p id="login-error" class="error" role="alert">{e.Encode(message.Zh)}<span lang="en">{e.Encode(message.En)}</span></p>""").Append('\n');
        var describedBy = error is null ? "" : " aria-describedby=\"login-error\" aria-invalid=\"true\"";
        html.Append($"""
            <form method="post" action="{e.Encode(http.Request.PathBase + Path)}">
            <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? "")}">

            """);
        if (returnUrl is not null)
            html.Append($"""<input type="hidden" name="{ReturnUrlField}" value="{e.Encode(returnUrl)}">""").Append('\n');
        html.Append($"""
            <label for="{UserNameField}">用户名</label>
            <input id="{UserNameField}" name="{UserNameField}" autocomplete="username" required autofocus value="{e.Encode(userName ?? "")}"{describedBy}>
            <small>申报单位请填写统一社会信用代码 · Applicants: the unified social credit code</small>
            <label for="{PasswordField}">密码</label>
            <input id="{PasswordField}" name="{PasswordField}" type="password" autocomplete="current-password" required{describedBy}>
            <button type="submit">登录</button>
            </form>
            </main>
            </body>
            </html>
            """);
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
