using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock.Tests.ProxyProtocol;

/// <summary>
/// Reading PROXY v2 headers laid out as in section 2.2 of https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt:
/// 12-byte signature, version|command, family|protocol, 2-byte length, addresses, TLVs.
/// </summary>
public sealed class ProxyProtocolV2ParseTests
{
    private const string Sig = "0d0a0d0a000d0a515549540a";

    [Theory]
    // PROXY, TCP over IPv4, length 12: 192.168.0.1:56324 -> 192.168.0.11:443 (the specification's v1 example, in v2).
    [InlineData(Sig + "21" + "11" + "000c" + "c0a80001" + "c0a8000b" + "dc04" + "01bb", "192.168.0.1:56324", "192.168.0.11:443", 28)]
    // PROXY, UDP over IPv4: same layout.
    [InlineData(Sig + "21" + "12" + "000c" + "0a000001" + "0a000002" + "0035" + "0035", "10.0.0.1:53", "10.0.0.2:53", 28)]
    // PROXY, TCP over IPv6, length 36: [2001:db8::1]:40000 -> [2001:db8::2]:8443.
    [InlineData(Sig + "21" + "21" + "0024" + "20010db8000000000000000000000001" + "20010db8000000000000000000000002" + "9c40" + "20fb", "[2001:db8::1]:40000", "[2001:db8::2]:8443", 52)]
    // PROXY, TCP over IPv4 followed by TLVs: NOOP (04, 3 bytes) and UNIQUE_ID (05, 2 bytes); length 12 + 6 + 5 = 23.
    [InlineData(Sig + "21" + "11" + "0017" + "7f000001" + "7f000001" + "d431" + "20fb" + "04" + "0003" + "000000" + "05" + "0002" + "abcd", "127.0.0.1:54321", "127.0.0.1:8443", 39)]
    // PROXY, TCP over IPv4 with an empty TLV (type, zero length, no value).
    [InlineData(Sig + "21" + "11" + "000f" + "01020304" + "05060708" + "0001" + "0002" + "e0" + "0000", "1.2.3.4:1", "5.6.7.8:2", 31)]
    public void Proxy_headers_name_the_client_and_the_address_it_reached(string hex, string source, string destination, int length)
    {
        var header = ProxyProtocolV2.Parse(Convert.FromHexString(hex + "474554")); // "GET" follows the header

        Assert.Equal(ProxyCommand.Proxy, header.Command);
        Assert.Equal(IPEndPoint.Parse(source), header.Source);
        Assert.Equal(IPEndPoint.Parse(destination), header.Destination);
        Assert.Equal(length, header.Length);
        Assert.NotEqual(ProxyTransportProtocol.Unspecified, header.Transport);
    }

    [Theory]
    // LOCAL with UNSPEC and no addresses: the relay's own connection (a health check).
    [InlineData(Sig + "20" + "00" + "0000", 16)]
    // LOCAL must still skip its declared length, and ignores the family byte, even an unknown one.
    [InlineData(Sig + "20" + "ff" + "0004" + "deadbeef", 20)]
    // LOCAL with an IPv4 address block: ignored all the same.
    [InlineData(Sig + "20" + "11" + "000c" + "c0a80001" + "c0a8000b" + "dc04" + "01bb", 28)]
    public void Local_headers_keep_the_connections_own_endpoints(string hex, int length)
    {
        var header = ProxyProtocolV2.Parse(Convert.FromHexString(hex));

        Assert.Equal(ProxyCommand.Local, header.Command);
        Assert.Null(header.Source);
        Assert.Null(header.Destination);
        Assert.Equal(length, header.Length);
    }

    [Theory]
    // PROXY with family and protocol UNSPEC: no address information; the receiver keeps the real endpoints.
    [InlineData(Sig + "21" + "00" + "0000", 16)]
    // PROXY, AF_INET with protocol UNSPEC: whatever follows is ignored, not parsed.
    [InlineData(Sig + "21" + "10" + "0003" + "010203", 19)]
    public void Proxy_headers_without_a_known_family_and_protocol_carry_no_address(string hex, int length)
    {
        var header = ProxyProtocolV2.Parse(Convert.FromHexString(hex));

        Assert.Equal(ProxyCommand.Proxy, header.Command);
        Assert.Null(header.Source);
        Assert.Equal(length, header.Length);
    }

    [Fact]
    public void Unix_stream_headers_carry_the_two_paths()
    {
        byte[] block = new byte[216];
        "/run/client.sock"u8.CopyTo(block);
        "/run/dashboard.sock"u8.CopyTo(block.AsSpan(108));
        byte[] data = [.. Convert.FromHexString(Sig + "21" + "31" + "00d8"), .. block];

        var header = ProxyProtocolV2.Parse(data);

        Assert.Equal(ProxyAddressFamily.Unix, header.Family);
        Assert.Equal("/run/client.sock", Assert.IsType<UnixDomainSocketEndPoint>(header.Source).ToString());
        Assert.Equal("/run/dashboard.sock", Assert.IsType<UnixDomainSocketEndPoint>(header.Destination).ToString());
        Assert.Equal(232, header.Length);
    }

    [Theory]
    // A TLS ClientHello: refused on its first byte.
    [InlineData("16", ProxyHeaderError.MissingHeader)]
    [InlineData("160301", ProxyHeaderError.MissingHeader)]
    // An HTTP request line.
    [InlineData("474554202f20485454502f312e310d0a", ProxyHeaderError.MissingHeader)]
    // A version 1 text header ("PROXY TCP4 ..."): not read here.
    [InlineData("50524f5859205443503420", ProxyHeaderError.MissingHeader)]
    // The signature with its NUL changed: a C string compare would accept it.
    [InlineData("0d0a0d0a010d0a515549540a2111000c", ProxyHeaderError.MissingHeader)]
    // Version 1 and version 3 in the binary form.
    [InlineData(Sig + "11", ProxyHeaderError.UnsupportedVersion)]
    [InlineData(Sig + "31" + "11" + "000c", ProxyHeaderError.UnsupportedVersion)]
    // Commands 2 and 15: unassigned; receivers must drop them.
    [InlineData(Sig + "22", ProxyHeaderError.UnknownCommand)]
    [InlineData(Sig + "2f" + "11" + "000c", ProxyHeaderError.UnknownCommand)]
    // Family 4 and protocol 3: must be rejected.
    [InlineData(Sig + "21" + "41", ProxyHeaderError.UnknownAddressFamily)]
    [InlineData(Sig + "21" + "13", ProxyHeaderError.UnknownTransportProtocol)]
    // A declared length shorter than the family's addresses.
    [InlineData(Sig + "21" + "11" + "0008" + "c0a80001" + "c0a8000b", ProxyHeaderError.AddressBlockTooShort)]
    [InlineData(Sig + "21" + "21" + "000c" + "c0a80001c0a8000bdc0401bb", ProxyHeaderError.AddressBlockTooShort)]
    [InlineData(Sig + "21" + "31" + "000c" + "c0a80001c0a8000bdc0401bb", ProxyHeaderError.AddressBlockTooShort)]
    // TLVs that do not end where the declared length does: a lone type byte, a cut length, a value running past the end.
    [InlineData(Sig + "21" + "11" + "000d" + "c0a80001c0a8000bdc0401bb" + "04", ProxyHeaderError.MalformedTlv)]
    [InlineData(Sig + "21" + "11" + "000e" + "c0a80001c0a8000bdc0401bb" + "0400", ProxyHeaderError.MalformedTlv)]
    [InlineData(Sig + "21" + "11" + "0011" + "c0a80001c0a8000bdc0401bb" + "040005" + "0000", ProxyHeaderError.MalformedTlv)]
    // A length beyond the receiver's maximum (1024 by default): refused from the fixed part alone.
    [InlineData(Sig + "21" + "11" + "ffff", ProxyHeaderError.TooLong)]
    [InlineData(Sig + "21" + "11" + "03f1", ProxyHeaderError.TooLong)]
    public void Malformed_headers_are_refused_with_a_reason(string hex, ProxyHeaderError expected)
    {
        var status = ProxyProtocolV2.TryParse(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), ProxyProtocolV2.DefaultMaxHeaderLength, out var header, out var error);

        Assert.Equal(ProxyHeaderStatus.Invalid, status);
        Assert.Equal(expected, error);
        Assert.Null(header);
        Assert.Equal(expected, Assert.Throws<ProxyProtocolException>(() => ProxyProtocolV2.Parse(Convert.FromHexString(hex))).Error);
    }

    [Fact]
    public void The_longest_header_the_maximum_allows_is_read_and_one_byte_more_is_refused()
    {
        // 16 + 12 addresses + one NOOP TLV filling the rest, to exactly 1024 bytes.
        byte[] exactly = Header(totalLength: ProxyProtocolV2.DefaultMaxHeaderLength);
        byte[] oneMore = Header(totalLength: ProxyProtocolV2.DefaultMaxHeaderLength + 1);

        Assert.Equal(ProxyProtocolV2.DefaultMaxHeaderLength, ProxyProtocolV2.Parse(exactly).Length);
        Assert.Equal(ProxyHeaderError.TooLong, Assert.Throws<ProxyProtocolException>(() => ProxyProtocolV2.Parse(oneMore)).Error);
        Assert.Equal(oneMore.Length, ProxyProtocolV2.Parse(oneMore, maxHeaderLength: 2048).Length);

        static byte[] Header(int totalLength)
        {
            int valueLength = totalLength - 16 - 12 - 3;
            var data = new List<byte>(Convert.FromHexString(Sig + "2111"));
            data.Add((byte)((totalLength - 16) >> 8));
            data.Add((byte)(totalLength - 16));
            data.AddRange(Convert.FromHexString("7f0000017f000001d43120fb"));
            data.Add(0x04);
            data.Add((byte)(valueLength >> 8));
            data.Add((byte)valueLength);
            data.AddRange(new byte[valueLength]);
            return [.. data];
        }
    }

    [Fact]
    public void Every_prefix_of_a_valid_header_is_incomplete_and_decides_nothing()
    {
        byte[] whole = Convert.FromHexString(Sig + "21" + "11" + "0017" + "7f000001" + "7f000001" + "d431" + "20fb" + "04" + "0003" + "000000" + "05" + "0002" + "abcd");

        for (int length = 0; length < whole.Length; length++)
        {
            var status = ProxyProtocolV2.TryParse(new ReadOnlySequence<byte>(whole, 0, length), ProxyProtocolV2.DefaultMaxHeaderLength, out var header, out var error);
            Assert.True(status == ProxyHeaderStatus.Incomplete, $"{length} bytes: {status} {error}");
            Assert.Null(header);
        }

        Assert.Equal(ProxyHeaderError.Truncated, Assert.Throws<ProxyProtocolException>(() => ProxyProtocolV2.Parse(whole.AsSpan(0, 20))).Error);
    }

    [Fact]
    public void A_header_split_over_buffer_segments_reads_the_same_at_every_split()
    {
        byte[] whole = Convert.FromHexString(Sig + "21" + "21" + "0024" + "20010db8000000000000000000000001" + "20010db8000000000000000000000002" + "9c40" + "20fb" + "474554");
        var expected = ProxyProtocolV2.Parse(whole);

        for (int split = 1; split < whole.Length; split++)
        {
            var status = ProxyProtocolV2.TryParse(Segments.Of(whole[..split], whole[split..]), ProxyProtocolV2.DefaultMaxHeaderLength, out var header, out _);
            Assert.Equal(ProxyHeaderStatus.Complete, status);
            Assert.Equal(expected, header);
        }
    }

    [Fact]
    public void Maximum_lengths_outside_the_fields_range_are_argument_errors()
    {
        var empty = ReadOnlySequence<byte>.Empty;
        Assert.Throws<ArgumentOutOfRangeException>(() => ProxyProtocolV2.TryParse(empty, 15, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProxyProtocolV2.TryParse(empty, ProxyProtocolV2.MaxHeaderLength + 1, out _, out _));
    }
}
