using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock;

public static partial class ProxyProtocolV2
{
    /// <summary>A LOCAL header: the relay's own connection (a health check); the receiver keeps the real endpoints.</summary>
    public static ReadOnlySpan<byte> LocalHeader =>
        [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00];

    /// <summary>
    /// Writes the PROXY header for a connection relayed from <paramref name="source"/> (the client) to
    /// <paramref name="destination"/> (the address it connected to, on the relay). Two IPv4 addresses give TCP over
    /// IPv4 (28 bytes); an IPv4 client on a dual-mode socket (::ffff:a.b.c.d) counts as IPv4; when one side is IPv6
    /// both are written as IPv6 (52 bytes), since the header has one family for both. Anything else (a Unix or vsock
    /// client, an unknown address) is written as PROXY with family and protocol UNSPEC and no addresses (16 bytes),
    /// which tells the receiver to keep the connection's own endpoints.
    /// </summary>
    /// <param name="buffer">At least <see cref="MaxWrittenLength"/> bytes.</param>
    /// <param name="source">The client's address.</param>
    /// <param name="destination">The relay's address the client connected to.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is shorter than <see cref="MaxWrittenLength"/>.</exception>
    public static int WriteHeader(Span<byte> buffer, EndPoint? source, EndPoint? destination)
    {
        if (buffer.Length < MaxWrittenLength)
        {
            throw new ArgumentException($"A PROXY v2 header needs up to {MaxWrittenLength} bytes.", nameof(buffer));
        }

        Signature.CopyTo(buffer);
        buffer[VersionCommandOffset] = Version2 | (byte)ProxyCommand.Proxy;
        if (source is not IPEndPoint from || destination is not IPEndPoint to)
        {
            buffer[FamilyProtocolOffset] = 0x00;
            BinaryPrimitives.WriteUInt16BigEndian(buffer[LengthOffset..], 0);
            return FixedLength;
        }

        IPAddress fromAddress = Unmapped(from.Address);
        IPAddress toAddress = Unmapped(to.Address);
        bool v4 = fromAddress.AddressFamily == AddressFamily.InterNetwork && toAddress.AddressFamily == AddressFamily.InterNetwork;
        if (!v4)
        {
            fromAddress = fromAddress.MapToIPv6();
            toAddress = toAddress.MapToIPv6();
        }

        var family = v4 ? ProxyAddressFamily.InterNetwork : ProxyAddressFamily.InterNetworkV6;
        int addressLength = v4 ? InterNetworkAddressLength : InterNetworkV6AddressLength;
        int size = v4 ? 4 : 16;
        buffer[FamilyProtocolOffset] = (byte)(((byte)family << 4) | (byte)ProxyTransportProtocol.Stream);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[LengthOffset..], (ushort)addressLength);
        Span<byte> block = buffer[FixedLength..];
        fromAddress.TryWriteBytes(block, out _);
        toAddress.TryWriteBytes(block[size..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(block[(2 * size)..], (ushort)from.Port);
        BinaryPrimitives.WriteUInt16BigEndian(block[((2 * size) + 2)..], (ushort)to.Port);
        return FixedLength + addressLength;
    }

    /// <summary>The PROXY header for a connection from <paramref name="source"/> to <paramref name="destination"/> (see <see cref="WriteHeader"/>).</summary>
    public static byte[] CreateHeader(EndPoint? source, EndPoint? destination)
    {
        Span<byte> buffer = stackalloc byte[MaxWrittenLength];
        return buffer[..WriteHeader(buffer, source, destination)].ToArray();
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
