using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IpPlatform.Documents;

namespace IpPlatform.Identity.Tests;

public static class Samples
{
    /// <summary>A password Identity's rules accept.</summary>
    public const string Password = "Str0ng-Passw0rd!";

    const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A fresh, valid unified social credit code of an enterprise registered in 昆山.</summary>
    public static string NewCreditCode()
    {
        var first17 = "91320583" + new string(Enumerable.Range(0, 9).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]).ToArray());
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    public static string NewUserName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public static object Registration(string creditCode, string regionCode = "320583", string mobile = "13912345678",
        string email = "ip@kunshan-tech.example.com", string kind = "Enterprise", string password = Password) => new
    {
        creditCode,
        name = "昆山示例科技有限公司",
        kind,
        regionCode,
        contact = new { name = "张三", mobile, email },
        password,
    };

    public static object StaffAccount(string userName, string role, string? officeCode = null, string[]? divisions = null,
        string password = Password) => new
    {
        userName, displayName = "测试账号", role, officeCode, divisions, password,
    };

    /// <summary>The body of a response, after checking its status.</summary>
    public static async Task<JsonElement> Body(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>An RFC 9457 problem document with <paramref name="status"/>.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var body = await Body(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>The fields a validation problem names.</summary>
    public static async Task<string[]> InvalidFields(HttpResponseMessage response)
    {
        var problem = await Problem(response, System.Net.HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
