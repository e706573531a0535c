using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock.Tests.ProxyProtocol;

/// <summary>Writing PROXY v2 headers (what nsm-proxy sends), byte for byte, and reading them back.</summary>
public sealed class ProxyProtocolV2WriteTests
{
    private const string Sig = "0d0a0d0a000d0a515549540a";

    [Theory]
    [InlineData("192.168.0.1:56324", "192.168.0.11:443", Sig + "21" + "11" + "000c" + "c0a80001" + "c0a8000b" + "dc04" + "01bb")]
    [InlineData("[2001:db8::1]:40000", "[2001:db8::2]:8443", Sig + "21" + "21" + "0024" + "20010db8000000000000000000000001" + "20010db8000000000000000000000002" + "9c40" + "20fb")]
    // An IPv4 client of a dual-mode ([::]) listener is written as IPv4.
    [InlineData("[::ffff:203.0.113.7]:50000", "[::ffff:10.0.0.5]:8443", Sig + "21" + "11" + "000c" + "cb007107" + "0a000005" + "c350" + "20fb")]
    // One family for both: an IPv4 client on an IPv6 address is written as IPv6 (::ffff:a.b.c.d).
    [InlineData("203.0.113.7:50000", "[2001:db8::2]:8443", Sig + "21" + "21" + "0024" + "00000000000000000000ffffcb007107" + "20010db8000000000000000000000002" + "c350" + "20fb")]
    public void Ip_clients_are_written_with_both_addresses_and_ports(string source, string destination, string expected)
    {
        byte[] header = ProxyProtocolV2.CreateHeader(IPEndPoint.Parse(source), IPEndPoint.Parse(destination));

        Assert.Equal(expected, Convert.ToHexStringLower(header));
    }

    public static TheoryData<EndPoint?, EndPoint?> NonIpClients => new()
    {
        { new VsockEndPoint(3, 1234), new VsockEndPoint(16, 5000) },
        { new UnixDomainSocketEndPoint("/run/a.sock"), new UnixDomainSocketEndPoint("/run/b.sock") },
        { null, new IPEndPoint(IPAddress.Loopback, 8443) },
        { new IPEndPoint(IPAddress.Loopback, 1), null },
    };

    [Theory]
    [MemberData(nameof(NonIpClients))]
    public void Clients_without_an_ip_address_are_written_as_proxy_with_family_unspec(EndPoint? source, EndPoint? destination)
    {
        byte[] header = ProxyProtocolV2.CreateHeader(source, destination);

        Assert.Equal(Sig + "21" + "00" + "0000", Convert.ToHexStringLower(header));
        var read = ProxyProtocolV2.Parse(header);
        Assert.Equal(ProxyCommand.Proxy, read.Command);
        Assert.Null(read.Source);
    }

    [Fact]
    public void The_local_header_reads_back_as_local()
    {
        Assert.Equal(Sig + "20" + "00" + "0000", Convert.ToHexStringLower(ProxyProtocolV2.LocalHeader));
        Assert.Equal(ProxyCommand.Local, ProxyProtocolV2.Parse(ProxyProtocolV2.LocalHeader).Command);
    }

    [Theory]
    [InlineData("127.0.0.1:1", "127.0.0.1:65535")]
    [InlineData("0.0.0.0:0", "255.255.255.255:8443")]
    [InlineData("[::1]:5000", "[fe80::1]:443")]
    public void What_is_written_reads_back_as_the_same_endpoints(string source, string destination)
    {
        var from = IPEndPoint.Parse(source);
        var to = IPEndPoint.Parse(destination);

        var header = ProxyProtocolV2.Parse(ProxyProtocolV2.CreateHeader(from, to));

        Assert.Equal((ProxyCommand.Proxy, ProxyTransportProtocol.Stream), (header.Command, header.Transport));
        Assert.Equal(from, header.Source);
        Assert.Equal(to, header.Destination);
    }

    [Fact]
    public void A_buffer_too_small_for_the_longest_header_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ProxyProtocolV2.WriteHeader(new byte[ProxyProtocolV2.MaxWrittenLength - 1], null, null));
    }
}
