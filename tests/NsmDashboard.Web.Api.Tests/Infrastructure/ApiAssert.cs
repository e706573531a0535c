using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>Assertions on API answers.</summary>
public static class ApiAssert
{
    /// <summary>Asserts an application/problem+json answer with the status and errorCode; returns the problem.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>Asserts 200 application/json and returns the body.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The names of an object's members, in order.</summary>
    public static string[] MemberNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>POSTs a JSON value.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object value) =>
        client.PostAsJsonAsync(path, value, TestContext.Current.CancellationToken);

    /// <summary>POSTs raw text with a content type.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, contentType), TestContext.Current.CancellationToken);
}
