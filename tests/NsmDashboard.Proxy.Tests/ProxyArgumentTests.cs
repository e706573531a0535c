using System.Net;
using System.Net.Sockets;
using NsmDashboard.Vsock;

namespace NsmDashboard.Proxy.Tests;

/// <summary>The command line: usage errors exit 2 with a message naming the option; addresses and durations.</summary>
public sealed class ProxyArgumentTests
{
    [Theory]
    [InlineData(new string[0], "Say where to relay")]
    [InlineData(new[] { "--bogus" }, "--bogus")]
    [InlineData(new[] { "--cid", "16", "--to", "tcp://127.0.0.1:5000" }, "--to replaces --cid and --port")]
    [InlineData(new[] { "--port", "5001", "--to", "tcp://127.0.0.1:5000" }, "--to replaces --cid and --port")]
    [InlineData(new[] { "--cid", "banana" }, "--cid 'banana' is not a CID")]
    [InlineData(new[] { "--cid", "any" }, "is not a CID to connect to")]
    [InlineData(new[] { "--cid", "16", "--port", "-1" }, "--port")]
    [InlineData(new[] { "--cid", "16", "--listen", "8443" }, "--listen '8443' is not an address")]
    [InlineData(new[] { "--cid", "16", "--listen", "1.2.3.4:99999" }, "--listen '1.2.3.4:99999'")]
    [InlineData(new[] { "--to", "http://127.0.0.1:5000" }, "is not an upstream address")]
    [InlineData(new[] { "--to", "tcp://127.0.0.1" }, "write tcp://HOST:PORT")]
    [InlineData(new[] { "--to", "tcp://127.0.0.1:0" }, "write tcp://HOST:PORT")]
    [InlineData(new[] { "--to", "vsock://16" }, "has no port")]
    [InlineData(new[] { "--to", "unix:relative.sock" }, "absolute path")]
    [InlineData(new[] { "--cid", "16", "--idle-timeout", "soon" }, "--idle-timeout 'soon' is not a duration")]
    [InlineData(new[] { "--cid", "16", "--connect-timeout", "0s" }, "--connect-timeout '0s'")]
    [InlineData(new[] { "--cid", "16", "--max-connections", "0" }, "--max-connections must be at least 1")]
    [InlineData(new[] { "--cid", "16", "--buffer-size", "10" }, "--buffer-size must be")]
    [InlineData(new[] { "--cid", "16", "--max-connections-per-source", "0" }, "--max-connections-per-source must be at least 1")]
    [InlineData(new[] { "--cid", "16", "--proxy-protocol", "maybe" }, "--proxy-protocol 'maybe': use auto, on or off")]
    [InlineData(new[] { "--cid", "16", "--log-level", "loud" }, "--log-level 'loud'")]
    [InlineData(new[] { "--cid", "16", "--describe-enclaves-json", "x.json" }, "goes with --cid auto")]
    public async Task Usage_errors_exit_2_and_say_what_is_wrong(string[] args, string message)
    {
        var error = new LogCapture();

        int code = await ProxyApp.RunAsync(args, TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("nsm-proxy --help", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var output = new LogCapture();

        int code = await ProxyApp.RunAsync(["--help"], output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Contains("--cid <CID|auto>", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--max-connections", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--max-connections-per-source", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--proxy-protocol <auto|on|off>", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0:8443", "0.0.0.0", 8443)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::]:8443", "::", 8443)]
    [InlineData("[::1]:80", "::1", 80)]
    [InlineData("localhost:8080", "127.0.0.1", 8080)]
    [InlineData("*:8443", "0.0.0.0", 8443)]
    public void Listen_addresses(string text, string address, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), AddressText.ParseListen(text));
    }

    [Fact]
    public void Upstream_addresses()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5000), AddressText.ParseUpstream("tcp://127.0.0.1:5000"));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 5000), AddressText.ParseUpstream("tcp://[::1]:5000/"));
        var dns = Assert.IsType<DnsEndPoint>(AddressText.ParseUpstream("tcp://dashboard.internal:5000"));
        Assert.Equal(("dashboard.internal", 5000), (dns.Host, dns.Port));
        Assert.Equal(new VsockEndPoint(16, 5000), AddressText.ParseUpstream("vsock://16:5000"));
        Assert.Equal(new UnixDomainSocketEndPoint("/run/app.sock").ToString(), AddressText.ParseUpstream("unix:/run/app.sock").ToString());
    }
}
