using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace IpPlatform.Portal.Tests;

/// <summary>
/// Posts a page's form as a browser would: the page is read first for its anti-forgery token (its cookie stays in the
/// browser), then the form's handler name, the token and the fields are posted to the same address.
/// </summary>
public static partial class Forms
{
    /// <summary>The anti-forgery token on the page at <paramref name="path"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient browser, string path)
    {
        var page = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        return TokenIn(page);
    }

    /// <summary>The anti-forgery token in a page already read (a form the browser kept open while things changed).</summary>
    public static string TokenIn(string page)
    {
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "The page has no anti-forgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts the named form (url-encoded) and returns the response as it came.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string formName, params (string Name, string Value)[] fields) =>
        await PostFromPageAsync(browser, await (await browser.GetAsync(path)).Content.ReadAsStringAsync(), path, formName, fields);

    /// <summary>
    /// Posts the named form of a page the browser read earlier and kept open (its token from then), as when the
    /// service's state changed between reading the page and sending the form.
    /// </summary>
    public static Task<HttpResponseMessage> PostFromPageAsync(HttpClient browser, string page, string path, string formName,
        params (string Name, string Value)[] fields) =>
        browser.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
                .Prepend(KeyValuePair.Create("__RequestVerificationToken", TokenIn(page)))
                .Prepend(KeyValuePair.Create("_handler", formName))));

    /// <summary>Posts the named form as multipart with one file (and the other fields) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient browser, string path, string formName, string fileField, string fileName,
        string fileText, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(browser, path);
        var body = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields) body.Add(new StringContent(value), name);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(fileText));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, fileField, fileName);
        return await browser.PostAsync(path, body);
    }

    /// <summary>Posts the named form, checks the page answered 200, and returns its text with character references decoded.</summary>
    public static async Task<string> SubmitAsync(HttpClient browser, string path, string formName, params (string Name, string Value)[] fields)
    {
        var response = await PostAsync(browser, path, formName, fields);
        var html = await PortalHost.HtmlAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
