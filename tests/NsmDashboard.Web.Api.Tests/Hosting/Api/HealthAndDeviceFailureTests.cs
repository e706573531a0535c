using System.Net;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Hosting.Api;

namespace NsmDashboard.Web.Api.Tests.Hosting.Api;

public sealed class HealthAndDeviceFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_is_200_with_the_mode_and_names_nothing()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var anonymous = api.CreateAnonymousClient();

        // Act
        var response = await anonymous.GetAsync("/healthz", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var health = await ApiAssert.OkAsync(response);

        // Assert: no module id (on Nitro it carries the parent's EC2 instance id), nothing else either.
        Assert.Equal(["status", "mode"], ApiAssert.MemberNames(health));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("emulator", health.GetProperty("mode").GetString());
        Assert.DoesNotContain(api.Emulator.ModuleId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_asks_the_NSM_at_most_once_per_interval_however_often_it_is_asked()
    {
        // Arrange
        var transport = new CountingTransport(new NsmDashboard.Nsm.Emulator.NsmEmulator());
        await using var api = new ApiFactory(transport);
        using var anonymous = api.CreateAnonymousClient();

        // Act: the first probe may ask the NSM (beside whatever the app asked at start, e.g. the audit chain's genesis)
        await ApiAssert.OkAsync(await anonymous.GetAsync("/healthz", Ct));
        var afterFirst = transport.Exchanges;
        for (var i = 0; i < 49; i++)
        {
            await ApiAssert.OkAsync(await anonymous.GetAsync("/healthz", Ct));
        }

        // Assert: the NSM was asked, and not again for the next 49 probes (the interval is 10 s).
        Assert.True(afterFirst >= 1);
        Assert.Equal(afterFirst, transport.Exchanges);
    }

    [Fact]
    public async Task Readiness_needs_a_viewer_and_asks_the_NSM_with_the_module_id()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var anonymous = api.CreateAnonymousClient();
        using var viewer = api.CreateViewerClient();

        // Act
        var refused = await anonymous.GetAsync("/healthz/ready", Ct);
        var ready = await ApiAssert.OkAsync(await viewer.GetAsync("/healthz/ready", Ct));

        // Assert
        await ApiAssert.ProblemAsync(refused, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(api.Emulator.ModuleId, ready.GetProperty("moduleId").GetString());
    }

    [Fact]
    public async Task Healthz_is_503_naming_the_errno_when_the_device_fails()
    {
        // Arrange
        await using var api = new ApiFactory(new FailingDeviceTransport(19, "ENODEV"));
        using var client = api.CreateClient();

        // Act
        var response = await client.GetAsync("/healthz", Ct);

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "InternalError");
        Assert.Equal("ENODEV", problem.GetProperty("errnoName").GetString());
        Assert.Equal(19, problem.GetProperty("errno").GetInt32());
        Assert.Equal("ioctl", problem.GetProperty("operation").GetString());
        Assert.Contains("ENODEV", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/nsm")]
    [InlineData("GET", "/api/pcrs")]
    [InlineData("GET", "/api/pcrs/16")]
    [InlineData("POST", "/api/pcrs/16/extend")]
    [InlineData("POST", "/api/pcrs/16/lock")]
    [InlineData("POST", "/api/pcrs/lock")]
    [InlineData("POST", "/api/attestation")]
    [InlineData("GET", "/api/random")]
    public async Task Every_NSM_route_is_503_naming_the_errno_when_the_device_fails(string method, string path)
    {
        // Arrange
        await using var api = new ApiFactory(new FailingDeviceTransport(5, "EIO"));
        using var client = api.CreateClient();

        object body = path switch
        {
            "/api/pcrs/lock" => new { range = 16 },
            "/api/pcrs/16/extend" => new { data = "01" },
            _ => new { },
        };

        // Act
        var response = method == "GET" ? await client.GetAsync(path, Ct) : await client.PostJsonAsync(path, body);

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "InternalError");
        Assert.Equal("EIO", problem.GetProperty("errnoName").GetString());
    }

    [Fact]
    public async Task A_request_the_driver_refuses_as_too_large_is_413_not_503()
    {
        // Arrange
        await using var api = new ApiFactory(new FailingDeviceTransport(90, "EMSGSIZE", NsmErrorCode.InputTooLarge));
        using var client = api.CreateClient();

        // Act
        var response = await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "InputTooLarge");
        Assert.Equal("EMSGSIZE", problem.GetProperty("errnoName").GetString());
    }

    [Fact]
    public async Task A_module_that_answers_garbage_is_502_InvalidResponse_with_the_offset_and_unhealthy()
    {
        // Arrange: a CBOR map header with nothing after it.
        await using var api = new ApiFactory(new FixedAnswerTransport([0xa1]));
        using var client = api.CreateClient();

        // Act
        var pcrs = await client.GetAsync("/api/pcrs", Ct);
        var health = await client.GetAsync("/healthz", Ct);

        // Assert
        var problem = await ApiAssert.ProblemAsync(pcrs, HttpStatusCode.BadGateway, "InvalidResponse");
        Assert.True(problem.TryGetProperty("offset", out _));
        await ApiAssert.ProblemAsync(health, HttpStatusCode.ServiceUnavailable, "InvalidResponse");
    }

    [Fact]
    public async Task A_module_that_fails_internally_is_502_InternalError()
    {
        // Arrange: {"Error": "InternalError"} (docs/nsm-messages.md#error-codes).
        await using var api = new ApiFactory(new FixedAnswerTransport(Convert.FromHexString("a1654572726f726d496e7465726e616c4572726f72")));
        using var client = api.CreateClient();

        // Act
        var response = await client.GetAsync("/api/random", Ct);

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadGateway, "InternalError");
    }

    [Theory]
    [InlineData(NsmErrorCode.InvalidArgument, 400)]
    [InlineData(NsmErrorCode.InvalidIndex, 404)]
    [InlineData(NsmErrorCode.ReadOnlyIndex, 409)]
    [InlineData(NsmErrorCode.InvalidOperation, 400)]
    [InlineData(NsmErrorCode.InputTooLarge, 413)]
    [InlineData(NsmErrorCode.InternalError, 502)]
    [InlineData(NsmErrorCode.BufferTooSmall, 502)]
    [InlineData(NsmErrorCode.InvalidResponse, 502)]
    [InlineData(NsmErrorCode.Success, 502)]
    public void Every_NSM_error_code_has_its_status(NsmErrorCode code, int status) =>
        Assert.Equal(status, ApiProblems.StatusOf(code));
}
