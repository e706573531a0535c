using System.Net;
using System.Text.Json;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Measurements;

public sealed class MeasurementRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("build-enclave.json", "nitro-cli build-enclave", new[] { "0", "1", "2" })]
    [InlineData("describe-eif.json", "nitro-cli describe-eif", new[] { "0", "1", "2", "8" })]
    public async Task Both_nitro_cli_shapes_load_as_named_sets(string file, string source, string[] pcrs)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var nitroCli = JsonDocument.Parse(AwsVectors.ReadText(file)).RootElement;

        var added = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "release-42", nitroCli }));
        var listed = await ApiAssert.OkAsync(await client.GetAsync("/api/measurements", Ct));

        Assert.Equal(["name", "source", "added", "pcrs", "kind", "warnings"], ApiAssert.MemberNames(added));
        Assert.Equal("NitroEnclave", added.GetProperty("kind").GetString());
        Assert.Empty(added.GetProperty("warnings").EnumerateArray());
        Assert.Equal(source, added.GetProperty("source").GetString());
        Assert.Equal(pcrs, ApiAssert.MemberNames(added.GetProperty("pcrs")));
        Assert.Equal(
            nitroCli.GetProperty("Measurements").GetProperty("PCR0").GetString(),
            added.GetProperty("pcrs").GetProperty("0").GetString());
        Assert.Equal("release-42", Assert.Single(listed.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Nitro_cli_output_may_also_be_sent_as_a_string()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        var added = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "text", nitroCli = AwsVectors.ReadText("build-enclave.json") }));

        Assert.Equal("nitro-cli build-enclave", added.GetProperty("source").GetString());
    }

    [Fact]
    public async Task GET_pcrs_marks_each_PCR_against_the_sets_and_keeps_its_fields()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var pcr4 = (await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/4", Ct))).GetProperty("value").GetString();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "live", pcrs = new Dictionary<string, string> { ["4"] = pcr4!, ["16"] = ExpectedPcr.Zero } }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "other", pcrs = new Dictionary<string, string> { ["PCR16"] = new string('1', 96) } }));

        var all = (await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs", Ct))).EnumerateArray().ToArray();

        Assert.Equal(["index", "locked", "value", "expected"], ApiAssert.MemberNames(all[4]));
        Assert.Equal("matches", all[4].GetProperty("expected").GetProperty("status").GetString());
        Assert.Equal(["live"], all[4].GetProperty("expected").GetProperty("matches").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["live", "other"], all[16].GetProperty("expected").GetProperty("expectedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["index", "locked", "value"], ApiAssert.MemberNames(all[5]));
    }

    [Fact]
    public async Task A_set_that_differs_is_marked_differs_and_delete_removes_it()
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "old", pcrs = new Dictionary<string, string> { ["16"] = new string('a', 96) } }));

        var marked = (await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs", Ct)))[16];
        var deleted = await client.DeleteAsync("/api/measurements/OLD", Ct);
        var again = await client.DeleteAsync("/api/measurements/old", Ct);

        Assert.Equal("differs", marked.GetProperty("expected").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ApiAssert.ProblemAsync(again, HttpStatusCode.NotFound, "NotFound");
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"nitroCli\": {\"Measurements\": {\"PCR0\": \"zz\"}}}", "Measurements.PCR")]
    [InlineData("{\"name\": \"x\", \"nitroCli\": {\"EifVersion\": 4}}", "Measurements")]
    [InlineData("{\"name\": \"x\", \"nitroCli\": \"not json\"}", "not valid JSON")]
    [InlineData("{\"name\": \"\", \"pcrs\": {\"0\": \"00\"}}", "name")]
    [InlineData("{\"name\": \"x\", \"pcrs\": {\"0\": \"00\"}}", "bytes")]
    [InlineData("{\"name\": \"x\", \"pcrs\": {}}", "at least one PCR")]
    [InlineData("{\"name\": \"x\"}", "Give the measurements")]
    [InlineData("{\"name\": \"x\", \"pcrs\": {\"0\": \"00\"}, \"nitroCli\": {}}", "not several")]
    [InlineData("{\"name\": \"x\", \"bogus\": 1}", "member")]
    [InlineData("[1,", "not valid JSON")]
    public async Task Bad_measurements_are_a_typed_400(string body, string detail)
    {
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(await client.PostRawAsync("/api/measurements", body), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"nitroCli\": \"{\u00ff\u00fe}\"}")]
    [InlineData("{\"name\": \"x\", \"nitroCli\": {\"Measurements\": {\"PCR0\": \"\u00ff\"}}}")]
    public async Task Invalid_utf8_inside_nitro_cli_is_a_typed_400(string latin1Body)
    {
        // Found by the API fuzz run: string contents are decoded only when read, which threw (a 500).
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        using var body = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(latin1Body));
        body.Headers.ContentType = new("application/json");

        var problem = await ApiAssert.ProblemAsync(await client.PostAsync("/api/measurements", body, Ct), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"nitroCli\": \"\\u00E9\\uD03D\\uDE00\"}")]
    [InlineData("{\"name\": \"x\", \"nitroCli\": \"\\uD800\"}")]
    [InlineData("{\"name\": \"x\", \"nitroCli\": {\"Measurements\": {\"HashAlgorithm\": \"\\uDE00\", \"PCR0\": \"\\uD800x\"}}}")]
    public async Task Escaped_unpaired_surrogate_inside_nitro_cli_is_a_typed_400(string body)
    {
        // Found by the API fuzz run (seed 20240611, input 316768): "\uDE00" alone cannot be read as a string, which threw (a 500).
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        await ApiAssert.ProblemAsync(await client.PostAsync("/api/measurements", content, Ct), HttpStatusCode.BadRequest, "InvalidArgument");
    }
}
