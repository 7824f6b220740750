using System.Net;
using System.Net.Http.Headers;

namespace IpPlatform.Gateway.Tests;

/// <summary>
/// The printed form's QR code holds the API's verification address: opened by a browser it leads to the portal's window
/// check; asked by a program (JSON) it is forwarded to intake as any API call.
/// </summary>
public sealed class VerificationLinkTests
{
    const string Fingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static readonly (string, string)[] WithPortal =
        [("services:portal:http:0", "http://127.0.0.1:9"), ("services:intake:http:0", "http://127.0.0.1:9")];

    [Fact]
    public async Task A_browser_opening_the_QR_address_is_sent_to_the_window_check_with_the_fingerprint()
    {
        using var gateway = new GatewayHost(settings: WithPortal);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/verification/{Fingerprint.ToUpperInvariant()}");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await gateway.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/office/window?fp={Fingerprint.ToUpperInvariant()}", response.Headers.Location?.OriginalString);
        Assert.Empty(gateway.ForwardedFor); // nothing reached intake
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json, text/html")]
    [InlineData(null)]
    public async Task A_program_asking_the_same_address_is_forwarded_to_intake(string? accept)
    {
        using var gateway = new GatewayHost(settings: WithPortal);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/verification/{Fingerprint}");
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await gateway.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.ForwardedFor);
    }

    [Fact]
    public async Task Without_a_portal_the_browser_gets_the_API_answer()
    {
        using var gateway = new GatewayHost(settings: ("services:intake:http:0", "http://127.0.0.1:9"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/verification/{Fingerprint}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await gateway.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.ForwardedFor);
    }
}
