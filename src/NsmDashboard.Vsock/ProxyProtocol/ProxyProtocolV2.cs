namespace NsmDashboard.Vsock;

/// <summary>
/// The binary PROXY protocol, version 2 (HAProxy, "The PROXY protocol", section 2.2,
/// https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt): the header a relay writes at the start of each
/// connection it opens to a server, before any byte of the client's, so that the server learns who the client is.
/// nsm-proxy writes it on the vsock connections it opens to the dashboard (the TCP client's address never crosses
/// vsock otherwise); the dashboard reads it on its vsock listener only (<see cref="ProxyProtocolMiddleware"/>).
/// <code>
/// offset  size  field
///      0    12  signature 0D 0A 0D 0A 00 0D 0A 51 55 49 54 0A
///     12     1  version (high nibble, always 2) | command (low nibble: 0 LOCAL, 1 PROXY)
///     13     1  address family (high nibble: 0 UNSPEC, 1 INET, 2 INET6, 3 UNIX) | protocol (low: 0 UNSPEC, 1 STREAM, 2 DGRAM)
///     14     2  length of what follows, big-endian
///     16   len  addresses: INET  src(4) dst(4) srcport(2) dstport(2)     = 12
///                          INET6 src(16) dst(16) srcport(2) dstport(2)   = 36
///                          UNIX  src(108) dst(108)                      = 216
///               then TLVs to the declared end: type(1) length(2, big-endian) value(length)
/// </code>
/// Version 1 (the text line) is not read: nothing here sends it, and a receiver that takes both must guess
/// which one it is looking at.
/// </summary>
public static partial class ProxyProtocolV2
{
    /// <summary>The length of the fixed part: signature, version/command, family/protocol, length.</summary>
    public const int FixedLength = 16;

    /// <summary>The length of the signature.</summary>
    public const int SignatureLength = 12;

    /// <summary>The address block of TCP/UDP over IPv4: two addresses of 4 bytes, two ports of 2.</summary>
    public const int InterNetworkAddressLength = (2 * 4) + (2 * 2);

    /// <summary>The address block of TCP/UDP over IPv6: two addresses of 16 bytes, two ports of 2.</summary>
    public const int InterNetworkV6AddressLength = (2 * 16) + (2 * 2);

    /// <summary>The address block of AF_UNIX: two 108-byte paths (sun_path).</summary>
    public const int UnixAddressLength = 2 * UnixPathLength;

    /// <summary>
    /// The default maximum a receiver reads: the fixed part, the largest address block (216) and room for TLVs
    /// (AWS's load balancers add a few dozen bytes). The 16-bit length field would allow 65 551.
    /// </summary>
    public const int DefaultMaxHeaderLength = 1024;

    /// <summary>The largest header the length field can describe.</summary>
    public const int MaxHeaderLength = FixedLength + ushort.MaxValue;

    /// <summary>The longest header <see cref="WriteHeader"/> writes (PROXY over IPv6).</summary>
    public const int MaxWrittenLength = FixedLength + InterNetworkV6AddressLength;

    private const int UnixPathLength = 108;
    private const byte Version2 = 0x20;
    private const int VersionCommandOffset = 12;
    private const int FamilyProtocolOffset = 13;
    private const int LengthOffset = 14;
    private const int TlvHeaderLength = 3;

    /// <summary>The 12-byte signature every v2 header starts with ("\r\n\r\n\0\r\nQUIT\n").</summary>
    public static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>What an error means, in a sentence for log lines and exception messages.</summary>
    public static string Describe(ProxyHeaderError error) => error switch
    {
        ProxyHeaderError.None => "no error",
        ProxyHeaderError.MissingHeader => "the connection does not start with a PROXY protocol v2 header",
        ProxyHeaderError.UnsupportedVersion => "the PROXY header's version is not 2",
        ProxyHeaderError.UnknownCommand => "the PROXY header's command is neither LOCAL nor PROXY",
        ProxyHeaderError.UnknownAddressFamily => "the PROXY header's address family is not UNSPEC, INET, INET6 or UNIX",
        ProxyHeaderError.UnknownTransportProtocol => "the PROXY header's transport protocol is not UNSPEC, STREAM or DGRAM",
        ProxyHeaderError.AddressBlockTooShort => "the PROXY header's declared length is shorter than the addresses of its family",
        ProxyHeaderError.MalformedTlv => "the PROXY header's TLVs do not end where its declared length does",
        ProxyHeaderError.TooLong => "the PROXY header is longer than this receiver accepts",
        ProxyHeaderError.Truncated => "the connection ended before the whole PROXY header arrived",
        ProxyHeaderError.Timeout => "the whole PROXY header did not arrive in time",
        ProxyHeaderError.NotVsock => "the PROXY header is accepted only on vsock listeners",
        _ => $"PROXY header error {error}",
    };
}
