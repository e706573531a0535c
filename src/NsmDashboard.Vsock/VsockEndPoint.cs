using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NsmDashboard.Vsock;

/// <summary>
/// A vsock address: a context id (<see cref="Cid"/>) and a 32-bit <see cref="Port"/>, the <c>sockaddr_vm</c> of
/// vsock(7). Immutable, with value equality. Written and parsed as <c>vsock://CID:PORT</c>, where CID is a
/// decimal number or <c>any</c> (<see cref="VsockCid.Any"/>). Kestrel accepts it in
/// <c>options.Listen(new VsockEndPoint(VsockCid.Any, 5000))</c> once a <see cref="VsockConnectionListenerFactory"/>
/// is registered. Pure data: it parses and serializes on any OS; only the sockets need Linux.
/// </summary>
public sealed partial class VsockEndPoint : EndPoint, IEquatable<VsockEndPoint>
{
    /// <summary>The address family number of AF_VSOCK on Linux (include/linux/socket.h); .NET has no name for it.</summary>
    public const AddressFamily VsockAddressFamily = (AddressFamily)Interop.AF_VSOCK;

    /// <summary><c>VMADDR_PORT_ANY</c> (0xFFFFFFFF): when binding, let the kernel choose a free port.</summary>
    public const uint AnyPort = uint.MaxValue;

    /// <summary>The size of <c>struct sockaddr_vm</c> in bytes.</summary>
    public const int SerializedSize = 16;

    // Field offsets in struct sockaddr_vm (vm_sockets.h): family u16, reserved u16, port u32, cid u32, flags+zero.
    private const int FamilyOffset = 0;
    private const int ReservedOffset = 2;
    private const int PortOffset = 4;
    private const int CidOffset = 8;
    private const int TailOffset = 12;

    /// <summary>Creates an endpoint.</summary>
    /// <param name="cid">The context id; see <see cref="VsockCid"/> for the well-known ones.</param>
    /// <param name="port">The port (any 32-bit value; <see cref="AnyPort"/> lets bind choose).</param>
    public VsockEndPoint(uint cid, uint port)
    {
        Cid = cid;
        Port = port;
    }

    /// <summary>The context id: which machine (enclave, VM, host, this one).</summary>
    public uint Cid { get; }

    /// <summary>The port on that machine.</summary>
    public uint Port { get; }

    /// <inheritdoc/>
    /// <remarks><see cref="VsockAddressFamily"/> (40).</remarks>
    public override AddressFamily AddressFamily => VsockAddressFamily;

    /// <summary>
    /// The 16-byte <c>sockaddr_vm</c>. The <see cref="SocketAddress"/> is created as
    /// <see cref="AddressFamily.Unspecified"/> and the family bytes written by hand, because on Linux .NET
    /// refuses to construct a <see cref="SocketAddress"/> for a family it does not know (measured: .NET 10
    /// throws PlatformNotSupportedException for family 40); the bytes are what the kernel reads either way.
    /// </summary>
    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(AddressFamily.Unspecified, SerializedSize);
        Span<byte> bytes = stackalloc byte[SerializedSize];
        WriteTo(bytes);
        for (int i = 0; i < SerializedSize; i++)
        {
            address[i] = bytes[i];
        }

        return address;
    }

    /// <summary>Reads a <c>sockaddr_vm</c> back into an endpoint.</summary>
    /// <exception cref="ArgumentException">Not 16 or more bytes, or the family is not AF_VSOCK.</exception>
    public override EndPoint Create(SocketAddress socketAddress)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        if (socketAddress.Size < SerializedSize)
        {
            throw new ArgumentException($"A sockaddr_vm is {SerializedSize} bytes; this address has {socketAddress.Size}.", nameof(socketAddress));
        }

        Span<byte> bytes = stackalloc byte[SerializedSize];
        for (int i = 0; i < SerializedSize; i++)
        {
            bytes[i] = socketAddress[i];
        }

        return Read(bytes);
    }

    /// <summary>Writes the 16-byte <c>sockaddr_vm</c> (host byte order, as vsock(7) specifies).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="SerializedSize"/>.</exception>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < SerializedSize)
        {
            throw new ArgumentException($"A sockaddr_vm needs {SerializedSize} bytes.", nameof(destination));
        }

        WriteHostOrder(destination[FamilyOffset..], Interop.AF_VSOCK);
        WriteHostOrder(destination[ReservedOffset..], (ushort)0);
        WriteHostOrder(destination[PortOffset..], Port);
        WriteHostOrder(destination[CidOffset..], Cid);
        destination[TailOffset..SerializedSize].Clear();
    }

    /// <summary>Reads a <c>sockaddr_vm</c>.</summary>
    /// <exception cref="ArgumentException">Fewer than 16 bytes, or the family is not AF_VSOCK.</exception>
    public static VsockEndPoint Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < SerializedSize)
        {
            throw new ArgumentException($"A sockaddr_vm is {SerializedSize} bytes; got {source.Length}.", nameof(source));
        }

        ushort family = BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt16LittleEndian(source[FamilyOffset..])
            : BinaryPrimitives.ReadUInt16BigEndian(source[FamilyOffset..]);
        if (family != Interop.AF_VSOCK)
        {
            throw new ArgumentException($"The address family is {family}, not AF_VSOCK ({Interop.AF_VSOCK}).", nameof(source));
        }

        return new VsockEndPoint(ReadHostOrder(source[CidOffset..]), ReadHostOrder(source[PortOffset..]));
    }

    /// <inheritdoc/>
    public bool Equals(VsockEndPoint? other) =>
        other is not null && other.Cid == Cid && other.Port == Port;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VsockEndPoint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Cid, Port);

    /// <summary>Value equality.</summary>
    public static bool operator ==(VsockEndPoint? left, VsockEndPoint? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(VsockEndPoint? left, VsockEndPoint? right) => !(left == right);

    /// <summary>The endpoint as a <see cref="Interop.sockaddr_vm"/> for the system calls.</summary>
    internal Interop.sockaddr_vm ToNative() => new()
    {
        svm_family = Interop.AF_VSOCK,
        svm_port = Port,
        svm_cid = Cid,
    };

    /// <summary>The endpoint a <see cref="Interop.sockaddr_vm"/> filled in by the kernel describes.</summary>
    internal static VsockEndPoint FromNative(in Interop.sockaddr_vm address) => new(address.svm_cid, address.svm_port);

    // sockaddr_vm holds every field in host byte order (vsock(7)); both Nitro architectures are little-endian.
    private static void WriteHostOrder(Span<byte> destination, ushort value)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        }
    }

    private static void WriteHostOrder(Span<byte> destination, uint value)
    {
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        }
    }

    private static uint ReadHostOrder(ReadOnlySpan<byte> source) => BitConverter.IsLittleEndian
        ? BinaryPrimitives.ReadUInt32LittleEndian(source)
        : BinaryPrimitives.ReadUInt32BigEndian(source);
}
