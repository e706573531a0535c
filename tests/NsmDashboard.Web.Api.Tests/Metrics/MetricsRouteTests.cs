using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.Web.Api.Tests.Metrics;

public sealed partial class MetricsRouteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_NSM_calls_by_operation_and_result_with_durations()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act: DescribeNSM + 32 DescribePCR, one refused ExtendPCR, one accepted; each extend first reads its PCR
        // (one more DescribePCR each) for the value before, which the audit trail and the event log keep. The scrape
        // then reads the module once more for the PCR gauges: DescribeNSM (max_pcrs) and 32 DescribePCR.
        await client.GetAsync("/api/pcrs", Ct);
        await client.PostJsonAsync("/api/pcrs/0/extend", new { data = "00" });
        await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "00" });
        var response = await client.GetAsync("/metrics", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var lines = text.Split('\n');
        // prometheus-net's meter adapter exports .NET counters as gauges; rate() and increase() read them alike.
        Assert.Contains("# TYPE nsm_calls_total gauge", lines);
        Assert.Contains("nsm_calls_total{operation=\"DescribeNSM\",result=\"ok\"} 2", lines);
        Assert.Contains("nsm_calls_total{operation=\"DescribePCR\",result=\"ok\"} 66", lines);
        Assert.Contains("nsm_calls_total{operation=\"ExtendPCR\",result=\"ReadOnlyIndex\"} 1", lines);
        Assert.Contains("nsm_calls_total{operation=\"ExtendPCR\",result=\"ok\"} 1", lines);
        Assert.Contains("# TYPE nsm_call_duration_seconds histogram", lines);
        Assert.Contains("nsm_call_duration_seconds_bucket{operation=\"DescribePCR\",result=\"ok\",le=\"+Inf\"} 66", lines);
        Assert.Contains("nsm_call_duration_seconds_count{operation=\"DescribePCR\",result=\"ok\"} 66", lines);
        Assert.Contains(lines, l => l.StartsWith("nsm_call_duration_seconds_sum{operation=\"DescribePCR\",result=\"ok\"} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE dashboard_circuits_open gauge", lines);
        Assert.Contains("dashboard_circuits_open 0", lines);
    }

    [Fact]
    public async Task Every_line_of_a_scrape_is_a_HELP_a_TYPE_or_a_sample()
    {
        // Arrange: every instrument measured at least once (prometheus-net writes HELP unescaped, so a description
        // with a line feed would break the format: none has one).
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        await client.GetAsync("/api/random", Ct);
        await client.PostJsonAsync("/api/pcrs/0/extend", new { data = "00" });

        // Act
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        // Assert
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.All(text[..^1].Split('\n'), line => Assert.Matches(ExpositionLine(), line));
    }

    [Fact]
    public async Task Device_failures_are_labelled_with_their_errno()
    {
        // Arrange
        await using var api = new ApiFactory(new FailingDeviceTransport(19, "ENODEV"));
        using var client = api.CreateClient();

        // Act: readiness asks the NSM through the instrumented client (the anonymous /healthz answers from state it
        // has), and so does the scrape (for the PCR gauges), which must not fail the scrape.
        await client.GetAsync("/healthz/ready", Ct);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        // Assert
        Assert.Matches("nsm_calls_total\\{operation=\"DescribeNSM\",result=\"ENODEV\"\\} [1-9][0-9]*\n", text);
        Assert.DoesNotContain("nsm_pcr_locked", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard_pcr_replay_timestamp_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_without_a_system_call_are_labelled_with_their_error_code()
    {
        // Arrange: the transport refuses before calling the driver (errno 0), as for an oversized request.
        await using var api = new ApiFactory(new FailingDeviceTransport(0, "none", NsmDashboard.Nsm.Protocol.NsmErrorCode.InputTooLarge));
        using var client = api.CreateClient();

        // Act
        await client.GetAsync("/healthz/ready", Ct);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        // Assert
        Assert.Matches("nsm_calls_total\\{operation=\"DescribeNSM\",result=\"InputTooLarge\"\\} [1-9][0-9]*\n", text);
        Assert.DoesNotContain("result=\"none\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_open_circuit_gauge_follows_the_circuit_handler()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var metrics = api.Services.GetRequiredService<DashboardMetrics>();
        var handlers = Enumerable.Range(0, 3).Select(_ => new CircuitMetricsHandler(metrics)).ToArray();

        // Act: three circuits open and connect; one loses its connection; one closes.
        foreach (var handler in handlers)
        {
            await handler.OnCircuitOpenedAsync(null!, Ct);
            await handler.OnConnectionUpAsync(null!, Ct);
        }

        await handlers[0].OnConnectionDownAsync(null!, Ct);
        await handlers[1].OnConnectionDownAsync(null!, Ct);
        await handlers[1].OnCircuitClosedAsync(null!, Ct);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        // Assert
        Assert.Contains("dashboard_circuits_open 2\n", text, StringComparison.Ordinal);
        Assert.Contains("dashboard_circuits_connected 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_dashboards_in_one_process_keep_their_counts_apart()
    {
        // Arrange
        await using var first = new ApiFactory();
        await using var second = new ApiFactory();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        // Act
        await firstClient.GetAsync("/api/random", Ct);
        await firstClient.GetAsync("/api/random", Ct);
        await secondClient.GetAsync("/api/random", Ct);
        var firstText = await firstClient.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
        var secondText = await secondClient.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        // Assert
        Assert.Contains("nsm_calls_total{operation=\"GetRandom\",result=\"ok\"} 2\n", firstText, StringComparison.Ordinal);
        Assert.Contains("nsm_calls_total{operation=\"GetRandom\",result=\"ok\"} 1\n", secondText, StringComparison.Ordinal);
    }

    // The text exposition format 0.0.4, line by line: a HELP, a TYPE, or a sample with optional escaped labels.
    [System.Text.RegularExpressions.GeneratedRegex(
        """^(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* [^\n]*|# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*")*\})? [^ ]+)$""")]
    private static partial System.Text.RegularExpressions.Regex ExpositionLine();
}
