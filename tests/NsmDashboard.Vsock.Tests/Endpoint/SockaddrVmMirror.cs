using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock.Tests.Endpoint;

/// <summary>
/// <c>struct sockaddr_vm</c> written here from include/uapi/linux/vm_sockets.h, independently of the production
/// code: family u16 @0, reserved u16 @2, port u32 @4, cid u32 @8, flags u8 @12, zero[3] @13; 16 bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct SockaddrVmMirror
{
    [FieldOffset(0)] public ushort Family;
    [FieldOffset(2)] public ushort Reserved1;
    [FieldOffset(4)] public uint Port;
    [FieldOffset(8)] public uint Cid;
    [FieldOffset(12)] public byte Flags;
    [FieldOffset(13)] public byte Zero0;
    [FieldOffset(14)] public byte Zero1;
    [FieldOffset(15)] public byte Zero2;

    public static SockaddrVmMirror For(uint cid, uint port) => new() { Family = 40, Port = port, Cid = cid };

    public readonly byte[] ToBytes()
    {
        var copy = this;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<SockaddrVmMirror>(ref copy)).ToArray();
    }
}
