using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NsmDashboard.Vsock;

/// <summary>What <see cref="ProxyProtocolV2.TryParse"/> found at the start of a connection.</summary>
public enum ProxyHeaderStatus
{
    /// <summary>A whole, valid header; the connection's own data starts after <see cref="ProxyHeader.Length"/> bytes.</summary>
    Complete,

    /// <summary>So far a valid beginning; read more and try again.</summary>
    Incomplete,

    /// <summary>Not a valid header; the error says why.</summary>
    Invalid,
}

public static partial class ProxyProtocolV2
{
    /// <summary>
    /// Reads a header from the start of <paramref name="input"/>, which may hold only part of it. Every check is made
    /// as soon as its bytes are there, so a connection that is not PROXY v2 (a TLS ClientHello starts with 0x16) is
    /// refused on its first byte, and an oversized length before the rest is read.
    /// </summary>
    /// <param name="input">The first bytes received; may be shorter or longer than the header.</param>
    /// <param name="maxHeaderLength">The longest header accepted, 16 to <see cref="MaxHeaderLength"/>.</param>
    /// <param name="header">The header when <see cref="ProxyHeaderStatus.Complete"/>.</param>
    /// <param name="error">Why when <see cref="ProxyHeaderStatus.Invalid"/>.</param>
    public static ProxyHeaderStatus TryParse(ReadOnlySequence<byte> input, int maxHeaderLength, out ProxyHeader? header, out ProxyHeaderError error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderLength, FixedLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHeaderLength, MaxHeaderLength);
        header = null;
        Span<byte> fixedPart = stackalloc byte[FixedLength];
        int available = (int)Math.Min(input.Length, FixedLength);
        input.Slice(0, available).CopyTo(fixedPart);
        error = CheckFixedPart(fixedPart[..available]);
        if (error != ProxyHeaderError.None)
        {
            return ProxyHeaderStatus.Invalid;
        }

        if (available < FixedLength)
        {
            return ProxyHeaderStatus.Incomplete;
        }

        int length = FixedLength + BinaryPrimitives.ReadUInt16BigEndian(fixedPart[LengthOffset..]);
        if (length > maxHeaderLength)
        {
            error = ProxyHeaderError.TooLong;
            return ProxyHeaderStatus.Invalid;
        }

        if (input.Length < length)
        {
            return ProxyHeaderStatus.Incomplete;
        }

        ReadOnlySequence<byte> block = input.Slice(FixedLength, length - FixedLength);
        if (block.IsSingleSegment)
        {
            return ParseBlock(fixedPart, block.FirstSpan, length, out header, out error);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent((int)block.Length);
        try
        {
            block.CopyTo(rented);
            return ParseBlock(fixedPart, rented.AsSpan(0, (int)block.Length), length, out header, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads a whole header from the start of <paramref name="data"/> (which may go on after it).</summary>
    /// <exception cref="ProxyProtocolException">Not a valid header, or only the beginning of one (<see cref="ProxyHeaderError.Truncated"/>).</exception>
    public static ProxyHeader Parse(ReadOnlySpan<byte> data, int maxHeaderLength = DefaultMaxHeaderLength) =>
        TryParse(new ReadOnlySequence<byte>(data.ToArray()), maxHeaderLength, out var header, out var error) switch
        {
            ProxyHeaderStatus.Complete => header!,
            ProxyHeaderStatus.Incomplete => throw new ProxyProtocolException(ProxyHeaderError.Truncated),
            _ => throw new ProxyProtocolException(error),
        };

    // The checks the first 16 bytes allow, on as many of them as have arrived.
    private static ProxyHeaderError CheckFixedPart(ReadOnlySpan<byte> head)
    {
        int signature = Math.Min(head.Length, SignatureLength);
        if (!head[..signature].SequenceEqual(Signature[..signature]))
        {
            return ProxyHeaderError.MissingHeader;
        }

        if (head.Length > VersionCommandOffset)
        {
            if ((head[VersionCommandOffset] & 0xF0) != Version2)
            {
                return ProxyHeaderError.UnsupportedVersion;
            }

            if ((head[VersionCommandOffset] & 0x0F) > (byte)ProxyCommand.Proxy)
            {
                return ProxyHeaderError.UnknownCommand;
            }
        }

        // LOCAL: "discard the protocol block including the family, which is ignored" (section 2.2).
        if (head.Length > FamilyProtocolOffset && (ProxyCommand)(head[VersionCommandOffset] & 0x0F) == ProxyCommand.Proxy)
        {
            if (head[FamilyProtocolOffset] >> 4 > (byte)ProxyAddressFamily.Unix)
            {
                return ProxyHeaderError.UnknownAddressFamily;
            }

            if ((head[FamilyProtocolOffset] & 0x0F) > (byte)ProxyTransportProtocol.Datagram)
            {
                return ProxyHeaderError.UnknownTransportProtocol;
            }
        }

        return ProxyHeaderError.None;
    }

    private static ProxyHeaderStatus ParseBlock(ReadOnlySpan<byte> fixedPart, ReadOnlySpan<byte> block, int length, out ProxyHeader? header, out ProxyHeaderError error)
    {
        header = null;
        var command = (ProxyCommand)(fixedPart[VersionCommandOffset] & 0x0F);
        var family = (ProxyAddressFamily)(fixedPart[FamilyProtocolOffset] >> 4);
        var transport = (ProxyTransportProtocol)(fixedPart[FamilyProtocolOffset] & 0x0F);
        EndPoint? source = null;
        EndPoint? destination = null;

        // LOCAL, or PROXY for a family or protocol it does not name: the block is skipped whole, addresses and all,
        // and the connection's own endpoints stand. Only a known family says where the addresses end and TLVs begin.
        if (command == ProxyCommand.Proxy && family != ProxyAddressFamily.Unspecified && transport != ProxyTransportProtocol.Unspecified)
        {
            int addressLength = family switch
            {
                ProxyAddressFamily.InterNetwork => InterNetworkAddressLength,
                ProxyAddressFamily.InterNetworkV6 => InterNetworkV6AddressLength,
                _ => UnixAddressLength,
            };
            if (block.Length < addressLength)
            {
                error = ProxyHeaderError.AddressBlockTooShort;
                return ProxyHeaderStatus.Invalid;
            }

            (source, destination) = ReadAddresses(family, block[..addressLength]);
            if (!TlvsAreWhole(block[addressLength..]))
            {
                error = ProxyHeaderError.MalformedTlv;
                return ProxyHeaderStatus.Invalid;
            }
        }

        error = ProxyHeaderError.None;
        header = new ProxyHeader(command, family, transport, source, destination, length);
        return ProxyHeaderStatus.Complete;
    }

    private static (EndPoint? Source, EndPoint? Destination) ReadAddresses(ProxyAddressFamily family, ReadOnlySpan<byte> block)
    {
        switch (family)
        {
            case ProxyAddressFamily.InterNetwork:
            case ProxyAddressFamily.InterNetworkV6:
                int size = family == ProxyAddressFamily.InterNetwork ? 4 : 16;
                var sourceAddress = new IPAddress(block[..size]);
                var destinationAddress = new IPAddress(block[size..(2 * size)]);
                int sourcePort = BinaryPrimitives.ReadUInt16BigEndian(block[(2 * size)..]);
                int destinationPort = BinaryPrimitives.ReadUInt16BigEndian(block[((2 * size) + 2)..]);
                return (new IPEndPoint(sourceAddress, sourcePort), new IPEndPoint(destinationAddress, destinationPort));
            default:
                return (UnixPath(block[..UnixPathLength]), UnixPath(block[UnixPathLength..]));
        }
    }

    // sun_path: a path up to the first NUL. Empty (an unnamed socket, or the abstract namespace's leading NUL) is no address.
    private static UnixDomainSocketEndPoint? UnixPath(ReadOnlySpan<byte> path)
    {
        int end = path.IndexOf((byte)0);
        ReadOnlySpan<byte> name = end < 0 ? path : path[..end];
        return name.IsEmpty ? null : new UnixDomainSocketEndPoint(Encoding.UTF8.GetString(name));
    }

    // TLVs are skipped, not interpreted; but they must fill the declared length exactly (section 2.2), or the header
    // is not what its sender meant, and its addresses are not to be believed either.
    private static bool TlvsAreWhole(ReadOnlySpan<byte> tlvs)
    {
        while (!tlvs.IsEmpty)
        {
            if (tlvs.Length < TlvHeaderLength)
            {
                return false;
            }

            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(tlvs[1..]);
            if (tlvs.Length - TlvHeaderLength < valueLength)
            {
                return false;
            }

            tlvs = tlvs[(TlvHeaderLength + valueLength)..];
        }

        return true;
    }
}
