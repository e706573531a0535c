using System.Net;
using Microsoft.AspNetCore.Http;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Cli.Tunnel;
using Yarp.ReverseProxy.Forwarder;

namespace NsmDashboard.Cli.Tests.Tunnel;

/// <summary>The tunnel's small parts: which redirects it turns back to http, and the error page's content and encoding.</summary>
public sealed class TunnelPieceTests
{
    [Theory]
    [InlineData("https://127.0.0.1:8080/login?ReturnUrl=%2F", "127.0.0.1:8080", "http://127.0.0.1:8080/login?ReturnUrl=%2F")]
    [InlineData("https://localhost:9000/a#b", "localhost:9000", "http://localhost:9000/a#b")]
    [InlineData("https://[::1]:8080/x", "[::1]:8080", "http://[::1]:8080/x")]
    public void Redirects_to_the_tunnel_host_over_https_are_turned_to_http(string location, string host, string expected)
    {
        Assert.Equal(expected, TunnelTransformer.LocalRedirect(location, host));
    }

    [Theory]
    [InlineData("/login?ReturnUrl=%2F", "127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1:8080")]
    [InlineData("https://example.com/", "127.0.0.1:8080")]
    [InlineData("https://127.0.0.1:8443/", "127.0.0.1:8080")]
    [InlineData("https://127.0.0.1:8080/", "")]
    public void Other_redirects_are_left_as_the_dashboard_sent_them(string location, string host)
    {
        Assert.Null(TunnelTransformer.LocalRedirect(location, host));
    }

    [Fact]
    public async Task The_error_page_names_the_check_and_encodes_what_the_server_sent()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var refusal = new TunnelRefusedException("Expected PCR values", "<script>alert(1)</script> differs", "AA:BB", "CC:DD");
        context.Features.Set<IForwarderErrorFeature>(new ErrorFeature(new HttpRequestException("connect failed", refusal)));

        await TunnelErrorPage.WriteAsync(context, ForwarderError.Request, new Uri("https://127.0.0.1:8443/"));

        Assert.Equal(StatusCodes.Status502BadGateway, context.Response.StatusCode);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        var page = System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("<strong>✗ Expected PCR values</strong>: &lt;script&gt;alert(1)&lt;/script&gt; differs", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("<code data-testid=\"served\">AA:BB</code>", page, StringComparison.Ordinal);
        Assert.Contains("<code data-testid=\"pinned\">CC:DD</code>", page, StringComparison.Ordinal);
        Assert.Contains("Nothing of this request was sent", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_dashboard_gets_its_own_page()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Features.Set<IForwarderErrorFeature>(new ErrorFeature(new HttpRequestException("x", new DashboardConnectException("127.0.0.1:8443: cannot open a TLS connection: Connection refused"))));

        await TunnelErrorPage.WriteAsync(context, ForwarderError.Request, new Uri("https://127.0.0.1:8443/"));

        var page = System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("The tunnel cannot reach the dashboard", page, StringComparison.Ordinal);
        Assert.Contains("<strong>127.0.0.1:8443: cannot open a TLS connection: Connection refused</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_use_the_colon_form_browsers_show()
    {
        var fingerprint = new CertificateFingerprint([0xAB, 0x01, 0xFF], "x", "y");

        Assert.Equal("AB:01:FF", fingerprint.Sha256Colon);
        Assert.True(fingerprint.SameCertificateAs(new CertificateFingerprint([0xAB, 0x01, 0xFF], "other", "other")));
        Assert.False(fingerprint.SameCertificateAs(new CertificateFingerprint([0xAB, 0x01, 0xFE], "x", "y")));
    }

    private sealed class ErrorFeature(Exception exception) : IForwarderErrorFeature
    {
        public ForwarderError Error => ForwarderError.Request;

        public Exception? Exception => exception;
    }
}
