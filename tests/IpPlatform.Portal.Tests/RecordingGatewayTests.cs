using System.Net;

namespace IpPlatform.Portal.Tests;

/// <summary>The page tests' gateway stub itself: what it answers and what it keeps, since every page test leans on it.</summary>
public sealed class RecordingGatewayTests
{
    [Fact]
    public async Task It_answers_by_method_and_path_whatever_the_query_and_keeps_each_requests_method_path_query_and_body()
    {
        var gateway = new RecordingGateway();
        gateway.Answer("POST", "/api/things", """{"ok":true}""", HttpStatusCode.Created);
        using var client = new HttpClient(gateway) { BaseAddress = new Uri("http://gateway.test") };

        var created = await client.PostAsync("/api/things?dry=1", new StringContent("""{"name":"a"}"""));
        var missing = await client.GetAsync("/api/things?dry=1");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode); // a GET was never answered, only the POST
        Assert.Equal(
            [new GatewayRequest("POST", "/api/things", "?dry=1", """{"name":"a"}"""), new GatewayRequest("GET", "/api/things", "?dry=1", "")],
            gateway.Requests);
        Assert.Equal("""{"name":"a"}""", gateway.Body("POST", "/api/things"));
    }

    [Fact]
    public async Task An_error_answer_is_a_problem_document_and_a_query_shaped_answer_sees_the_query()
    {
        var gateway = new RecordingGateway();
        gateway.Answer("PUT", "/api/things/1", """{"status":409}""", HttpStatusCode.Conflict);
        gateway.Answer("GET", "/api/things", query => $"\"{query}\"");
        using var client = new HttpClient(gateway) { BaseAddress = new Uri("http://gateway.test") };

        var refused = await client.PutAsync("/api/things/1", new StringContent("{}"));
        var shaped = await client.GetStringAsync("/api/things?page=2");

        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"?page=2\"", shaped);
        Assert.Single(gateway.Sent("GET", "/api/things"), r => r.PathAndQuery == "/api/things?page=2");
    }
}
