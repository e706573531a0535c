using System.Net;
using System.Text;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Pcrs;

public sealed class PcrRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_returns_every_PCR_with_lock_state_and_lowercase_hex()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var pcrs = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs", Ct));

        // Assert
        var all = pcrs.EnumerateArray().ToArray();
        Assert.Equal(32, all.Length);
        for (var i = 0; i < all.Length; i++)
        {
            Assert.Equal(["index", "locked", "value"], ApiAssert.MemberNames(all[i]));
            Assert.Equal(i, all[i].GetProperty("index").GetInt32());
            Assert.Equal(i < 16, all[i].GetProperty("locked").GetBoolean());
            Assert.Matches("^[0-9a-f]{96}$", all[i].GetProperty("value").GetString()!);
        }

        Assert.Equal(ExpectedPcr.Zero, all[16].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Extend_PCR16_with_hex_then_GET_shows_SHA384_of_zeros_and_data()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var expected = ExpectedPcr.Extend(ExpectedPcr.Zero, [0x01, 0x02, 0x03]);

        // Act
        var extended = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "010203" }));
        var read = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/16", Ct));

        // Assert: the spec's own vector (docs/nsm-messages.md#hex-vectors) and the test's computation agree.
        Assert.Equal("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e", expected);
        Assert.Equal(expected, extended.GetProperty("value").GetString());
        Assert.False(extended.GetProperty("locked").GetBoolean());
        Assert.Equal(16, read.GetProperty("index").GetInt32());
        Assert.Equal(expected, read.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Extend_with_text_uses_its_UTF8_bytes_and_chains()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var first = ExpectedPcr.Extend(ExpectedPcr.Zero, Encoding.UTF8.GetBytes("release 42 — ok"));
        var second = ExpectedPcr.Extend(first, [0xde, 0xad]);

        // Act
        await client.PostJsonAsync("/api/pcrs/20/extend", new { text = "release 42 — ok" });
        var extended = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/20/extend", new { data = "0xDE:AD" }));

        // Assert
        Assert.Equal(second, extended.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Extending_a_boot_locked_PCR_is_409_ReadOnlyIndex()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostJsonAsync("/api/pcrs/0/extend", new { data = "00" });

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict, "ReadOnlyIndex");
    }

    [Theory]
    [InlineData("GET", "/api/pcrs/32")]
    [InlineData("POST", "/api/pcrs/32/extend")]
    [InlineData("POST", "/api/pcrs/32/lock")]
    [InlineData("GET", "/api/pcrs/65535")]
    [InlineData("GET", "/api/pcrs/65536")]
    [InlineData("GET", "/api/pcrs/99999999999999999999")]
    [InlineData("POST", "/api/pcrs/70000/extend")]
    [InlineData("GET", "/api/pcrs/-1")]
    [InlineData("GET", "/api/pcrs/+32")]
    public async Task An_index_out_of_range_is_404_InvalidIndex(string method, string path)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = method == "GET" ? await client.GetAsync(path, Ct) : await client.PostJsonAsync(path, new { data = "01" });

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "InvalidIndex");
    }

    [Theory]
    [InlineData("/api/pcrs/abc")]
    [InlineData("/api/pcrs/1.5")]
    [InlineData("/api/pcrs/0x10")]
    [InlineData("/api/pcrs/lock")]
    public async Task An_index_that_is_not_a_number_is_400_InvalidArgument(string path)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.GetAsync(path, Ct);

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Theory]
    [InlineData("""{"data": "01zz"}""", "not hex")]
    [InlineData("""{"data": "012"}""", "odd number")]
    [InlineData("""{"data": "01", "text": "a"}""", "not both")]
    [InlineData("""{}""", "Give the bytes")]
    [InlineData("""{"data": null}""", "Give the bytes")]
    [InlineData("""{"dat": "01"}""", "member")]
    [InlineData("""{"data": 1}""", "not valid JSON")]
    [InlineData("""{"data": "01" """, "not valid JSON")]
    [InlineData("""[1, 2]""", "not valid JSON")]
    [InlineData("""null""", "Give the bytes")]
    [InlineData("", "Give the bytes")]
    public async Task A_bad_extend_body_is_400_InvalidArgument(string body, string detail)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostRawAsync("/api/pcrs/16/extend", body);

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var pcr = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/16", Ct));
        Assert.Equal(ExpectedPcr.Zero, pcr.GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostRawAsync("/api/pcrs/16/extend", "data=01", "application/x-www-form-urlencoded");

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Fact]
    public async Task Extending_with_5_KB_is_413_InputTooLarge()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var data = Convert.ToHexString(new byte[5 * 1024]);

        // Act
        var response = await client.PostJsonAsync("/api/pcrs/16/extend", new { data });

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "InputTooLarge");
    }

    [Fact]
    public async Task A_request_body_over_the_API_limit_is_413_before_it_is_read()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var text = new string('a', 100_000);

        // Act
        var response = await client.PostJsonAsync("/api/pcrs/16/extend", new { text });

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "InputTooLarge");
        Assert.Contains("65536", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_is_read_under_the_limit_and_refused_over_it()
    {
        // Arrange: real Kestrel on a free loopback port (the in-memory server always knows the length).
        await using var api = new ApiFactory();
        api.UseKestrel(0);
        api.StartServer();
        using var client = api.CreateKestrelClient();

        // Act: SocketsHttpHandler sends content of unknown length with Transfer-Encoding: chunked.
        var small = await client.PostAsync("/api/pcrs/16/extend", new ChunkedContent("""{"data": "010203"}"""), Ct);
        var large = await client.PostAsync("/api/pcrs/16/extend", new ChunkedContent("{\"text\": \"" + new string('a', 100_000) + "\"}"), Ct);

        // Assert
        var pcr = await ApiAssert.OkAsync(small);
        Assert.Equal(ExpectedPcr.Extend(ExpectedPcr.Zero, [1, 2, 3]), pcr.GetProperty("value").GetString());
        var problem = await ApiAssert.ProblemAsync(large, HttpStatusCode.RequestEntityTooLarge, "InputTooLarge");
        Assert.Contains("65536", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_returns_the_locked_PCR_and_a_later_extend_is_409()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await client.PostJsonAsync("/api/pcrs/17/extend", new { data = "ff" });

        // Act
        var locked = await ApiAssert.OkAsync(await client.PostAsync("/api/pcrs/17/lock", null, Ct));
        var extend = await client.PostJsonAsync("/api/pcrs/17/extend", new { data = "00" });

        // Assert
        Assert.Equal(17, locked.GetProperty("index").GetInt32());
        Assert.True(locked.GetProperty("locked").GetBoolean());
        Assert.Equal(ExpectedPcr.Extend(ExpectedPcr.Zero, [0xff]), locked.GetProperty("value").GetString());
        await ApiAssert.ProblemAsync(extend, HttpStatusCode.Conflict, "ReadOnlyIndex");
        var listed = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs", Ct));
        Assert.True(listed[17].GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task Lock_range_locks_0_to_N_and_returns_those_PCRs()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var locked = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/lock", new { range = 20 }));
        var extend19 = await client.PostJsonAsync("/api/pcrs/19/extend", new { data = "00" });
        var extend20 = await client.PostJsonAsync("/api/pcrs/20/extend", new { data = "00" });

        // Assert
        Assert.Equal(Enumerable.Range(0, 20), locked.EnumerateArray().Select(p => p.GetProperty("index").GetInt32()));
        Assert.All(locked.EnumerateArray(), p => Assert.True(p.GetProperty("locked").GetBoolean()));
        await ApiAssert.ProblemAsync(extend19, HttpStatusCode.Conflict, "ReadOnlyIndex");
        Assert.Equal(HttpStatusCode.OK, extend20.StatusCode);
    }

    [Theory]
    [InlineData("""{"range": 33}""", HttpStatusCode.NotFound, "InvalidIndex")]
    [InlineData("""{"range": 70000}""", HttpStatusCode.NotFound, "InvalidIndex")]
    [InlineData("""{"range": -1}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("""{"range": "20"}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("""{"range": 2.5}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    [InlineData("""{"range": 20, "extra": 1}""", HttpStatusCode.BadRequest, "InvalidArgument")]
    public async Task A_bad_lock_range_is_refused_and_locks_nothing(string body, HttpStatusCode status, string errorCode)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        var response = await client.PostRawAsync("/api/pcrs/lock", body);

        // Assert
        await ApiAssert.ProblemAsync(response, status, errorCode);
        var pcrs = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs", Ct));
        Assert.All(pcrs.EnumerateArray().Skip(16), p => Assert.False(p.GetProperty("locked").GetBoolean()));
    }

    [Fact]
    public async Task A_mutation_from_a_page_of_another_origin_is_refused_but_curl_and_the_same_origin_are_not()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/pcrs/16/lock");
        crossSite.Headers.Add("Origin", "https://attacker.example");
        var refused = await client.SendAsync(crossSite, Ct);
        using var fetchCrossSite = new HttpRequestMessage(HttpMethod.Post, "/api/pcrs/16/lock");
        fetchCrossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        var refusedByFetchMetadata = await client.SendAsync(fetchCrossSite, Ct);
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/pcrs/16/extend") { Content = new StringContent("""{"data":"01"}""", Encoding.UTF8, "application/json") };
        sameOrigin.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        var accepted = await client.SendAsync(sameOrigin, Ct);

        // Assert
        await ApiAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "CrossSiteRequest");
        await ApiAssert.ProblemAsync(refusedByFetchMetadata, HttpStatusCode.Forbidden, "CrossSiteRequest");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var pcr = await ApiAssert.OkAsync(await client.GetAsync("/api/pcrs/16", Ct));
        Assert.False(pcr.GetProperty("locked").GetBoolean());
    }
}
