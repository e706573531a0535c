using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Kms;

public sealed class KmsRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Evervault => Convert.ToBase64String(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "evervault-beta-2022-10-13-production.cbor")));

    private static string PolicyOf(JsonElement statement) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(JsonNode.Parse(statement.GetRawText())) }.ToJsonString();

    [Fact]
    public async Task Generate_from_a_document_returns_the_condition_and_statements_as_objects()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        var body = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/kms/generate", new { source = "document", document = Evervault, principal = "arn:aws:iam::111122223333:role/host" }));

        Assert.Equal("NitroEnclave", body.GetProperty("kind").GetString());
        Assert.Equal("StringEqualsIgnoreCase", body.GetProperty("operator").GetString());
        Assert.Equal([0, 1, 2, 8], body.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("pcr").GetInt32()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("condition").GetProperty("StringEqualsIgnoreCase").ValueKind);
        Assert.Equal("arn:aws:iam::111122223333:role/host", body.GetProperty("keyPolicyStatement").GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(5, body.GetProperty("operations").GetArrayLength());
    }

    [Fact]
    public async Task A_policy_generated_from_the_live_module_passes_against_it_and_a_changed_value_fails()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateViewerClient();
        var generated = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/kms/generate", new { source = "live" }));
        var policy = PolicyOf(generated.GetProperty("keyPolicyStatement"));

        var pass = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/kms/check", new { policy, live = true }));
        var pcr0 = generated.GetProperty("conditions")[0].GetProperty("value").GetString()!;
        var changed = policy.Replace(pcr0, (pcr0[0] == 'a' ? "b" : "a") + pcr0[1..], StringComparison.Ordinal);
        var fail = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/kms/check", new { policy = changed, live = true }));

        Assert.True(pass.GetProperty("passed").GetBoolean(), pass.GetProperty("verdict").GetString());
        Assert.Contains("only KMS decides", pass.GetProperty("caveat").GetString(), StringComparison.Ordinal);
        Assert.False(fail.GetProperty("passed").GetBoolean());
        var condition = fail.GetProperty("statements")[0].GetProperty("conditions")[0];
        Assert.Equal("Fails", condition.GetProperty("withDocument").GetString());
        Assert.Contains("first difference at byte 0", condition.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_against_a_document_flags_mistakes()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var policy = """{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:role/r"}, "Action": "kms:Decrypt", "Resource": "*", "Condition": {"Null": {"kms:RecipientAttestation:PCR0": "true"}}}]}""";

        var body = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/kms/check", new { policy, document = Evervault }));

        Assert.False(body.GetProperty("passed").GetBoolean());
        Assert.Contains(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "NullCheck" && f.GetProperty("severity").GetString() == "Error");
        Assert.Equal("Allow", body.GetProperty("operations")[0].GetProperty("withoutAttestation").GetString());
    }

    [Theory]
    [InlineData("""{"source": "sideways"}""", "source:")]
    [InlineData("""{"source": "document", "document": "zz"}""", "document:")]
    [InlineData("""{"source": "measurements", "measurements": "{}"}""", "measurements:")]
    [InlineData("""{"source": "document", "document": "hEShATgioFk"}""", "document:")]
    public async Task Generate_refuses_bad_input_with_400(string json, string member)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(await client.PostRawAsync("/api/kms/generate", json), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.StartsWith(member, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"policy": "{", "live": true}""", "policy: Not a policy")]
    [InlineData("""{"policy": "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\"}}"}""", "document:")]
    [InlineData("""{"policy": "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\"}}", "document": "AA==", "live": true}""", "document:")]
    public async Task Check_refuses_bad_input_with_400(string json, string detail)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(await client.PostRawAsync("/api/kms/check", json), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_routes_need_a_signed_in_caller()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateAnonymousClient();

        var response = await client.PostJsonAsync("/api/kms/check", new { policy = "{}", live = true });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
