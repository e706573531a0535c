using System.Text.Json;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Hosting.Api;

public sealed class OpenApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int[]> Routes => new()
    {
        { "/api/nsm", "get", [200, 502, 503] },
        { "/api/pcrs", "get", [200, 502, 503] },
        { "/api/pcrs/{index}", "get", [200, 400, 404, 502, 503] },
        { "/api/pcrs/{index}/extend", "post", [200, 400, 401, 403, 404, 409, 413, 415, 429, 502, 503] },
        { "/api/pcrs/{index}/lock", "post", [200, 400, 401, 403, 404, 409, 429, 502, 503] },
        { "/api/pcrs/lock", "post", [200, 400, 401, 403, 404, 413, 415, 429, 502, 503] },
        { "/api/attestation", "post", [200, 400, 401, 403, 413, 415, 429, 502, 503] },
        { "/api/attestation/verify", "post", [200, 400, 413, 415, 502, 503] },
        { "/api/attestation/decode", "post", [200, 400, 413, 415, 502, 503] },
        { "/api/attestation/tls", "get", [200, 400, 404, 502, 503] },
        { "/api/random", "get", [200, 502, 503] },
        { "/healthz", "get", [200, 503] },
        { "/healthz/ready", "get", [200, 401, 502, 503] },
        { "/metrics", "get", [200] },
        { "/api/audit", "get", [200, 400, 401, 502, 503] },
        { "/api/me", "get", [200, 401, 502, 503] },
        { "/api/eventlog", "get", [200] },
        { "/api/eventlog/import", "post", [200, 400, 403, 413, 415, 502, 503] },
        { "/api/eventlog/check", "post", [200, 400, 403, 409, 413, 415, 502, 503] },
        { "/api/pcrs/{index}/replay", "get", [200, 400, 404, 502, 503] },
        { "/api/measurements", "get", [200] },
        { "/api/measurements", "post", [200, 400, 403, 409, 413, 415, 502, 503] },
        { "/api/measurements/{name}", "delete", [204, 403, 404, 502, 503] },
        { "/api/kms/generate", "post", [200, 400, 401, 403, 413, 415, 429, 502, 503] },
        { "/api/kms/check", "post", [200, 400, 401, 403, 413, 415, 429, 502, 503] },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_document_lists_every_route_with_its_responses(string path, string method, int[] statuses)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var document = await ApiAssert.OkAsync(await client.GetAsync("/openapi/v1.json", Ct));

        // Assert
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");
        Assert.Equal(statuses.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), ApiAssert.MemberNames(responses).Order());
        foreach (var status in ApiAssert.MemberNames(responses).Where(s => s is not ("200" or "204")))
        {
            var content = responses.GetProperty(status).GetProperty("content");
            Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not a problem");
        }

        if (responses.TryGetProperty("200", out var ok))
        {
            Assert.True(ok.TryGetProperty("content", out _), $"{method} {path} 200 has no content type");
        }
    }

    [Fact]
    public async Task The_document_has_only_API_routes_typed_bodies_and_the_problem_extensions()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var document = await ApiAssert.OkAsync(await client.GetAsync("/openapi/v1.json", Ct));

        // Assert
        Assert.Equal(Routes.Select(r => r.Data.Item1).Distinct().Order(), ApiAssert.MemberNames(document.GetProperty("paths")).Order());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "NsmInfoResponse", "PcrResponse", "ExtendPcrBody", "LockRangeBody", "AttestationBody", "AttestationDocumentResponse", "VerifyBody", "VerificationResponse", "RandomResponse", "HealthResponse", "ReadinessResponse", "KmsGenerateBody", "KmsGenerateResponse", "KmsCheckBody", "KmsCheckResponse" })
        {
            Assert.True(schemas.TryGetProperty(schema, out _), $"no schema {schema}");
        }

        var problem = schemas.GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problem.TryGetProperty("errorCode", out _));
        Assert.True(problem.TryGetProperty("errnoName", out _));
        Assert.Equal(
            ["versionMajor", "versionMinor", "versionPatch", "moduleId", "maxPcrs", "lockedPcrs", "digest", "mode"],
            ApiAssert.MemberNames(schemas.GetProperty("NsmInfoResponse").GetProperty("properties")));
        Assert.Contains("hex", schemas.GetProperty("PcrResponse").GetProperty("properties").GetProperty("value").GetProperty("description").GetString(), StringComparison.Ordinal);

        var index = document.GetProperty("paths").GetProperty("/api/pcrs/{index}").GetProperty("get").GetProperty("parameters")[0];
        Assert.Equal("index", index.GetProperty("name").GetString());
        Assert.Equal("integer", index.GetProperty("schema").GetProperty("type").GetString());
        var extendBody = document.GetProperty("paths").GetProperty("/api/pcrs/{index}/extend").GetProperty("post").GetProperty("requestBody");
        Assert.Contains("ExtendPcrBody", extendBody.GetRawText(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Undefined, document.GetProperty("info").GetProperty("title").ValueKind);
    }
}
