namespace NsmDashboard.Vsock;

/// <summary>Why a connection's PROXY v2 header was refused (<see cref="ProxyProtocolV2.TryParse"/>, <see cref="ProxyProtocolMiddleware"/>).</summary>
public enum ProxyHeaderError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The connection does not start with the 12-byte v2 signature (no header, or a v1 text header).</summary>
    MissingHeader,

    /// <summary>The version nibble is not 2, the only version a receiver may accept.</summary>
    UnsupportedVersion,

    /// <summary>The command nibble is neither LOCAL (0) nor PROXY (1); receivers must drop such connections.</summary>
    UnknownCommand,

    /// <summary>The address family nibble is above 3 (AF_UNIX), which receivers must reject.</summary>
    UnknownAddressFamily,

    /// <summary>The transport protocol nibble is above 2 (DGRAM), which receivers must reject.</summary>
    UnknownTransportProtocol,

    /// <summary>The declared length is shorter than the address block its family and protocol need (12, 36 or 216 bytes).</summary>
    AddressBlockTooShort,

    /// <summary>The bytes after the addresses are not whole TLVs (type, 2-byte length, value) within the declared length.</summary>
    MalformedTlv,

    /// <summary>The declared length makes the header longer than the receiver's maximum.</summary>
    TooLong,

    /// <summary>The connection ended before the whole header arrived.</summary>
    Truncated,

    /// <summary>The whole header did not arrive within the receiver's timeout.</summary>
    Timeout,

    /// <summary>The header was offered on a listener that is not vsock, where any client could forge its address.</summary>
    NotVsock,
}
