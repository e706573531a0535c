using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock.Tests.Endpoint;

/// <summary>The 16-byte sockaddr_vm, against the mirror struct and the production interop struct.</summary>
public sealed class VsockEndPointBytesTests
{
    public static TheoryData<uint, uint> Addresses => new()
    {
        { VsockCid.Any, 5000 },
        { VsockCid.Local, 1 },
        { VsockCid.Host, 8000 },
        { VsockCid.Parent, 443 },
        { 16, 5000 },
        { 0x12345678, 0x9ABCDEF0 },
        { 0, 0 },
        { 1, VsockEndPoint.AnyPort },
    };

    [Fact]
    public void Interop_struct_has_the_uapi_layout()
    {
        Assert.Equal(16, Unsafe.SizeOf<Interop.sockaddr_vm>());
        Assert.Equal(16, Marshal.SizeOf<Interop.sockaddr_vm>());
        Assert.Equal(16, Unsafe.SizeOf<SockaddrVmMirror>());
        Assert.Equal(0, (int)Marshal.OffsetOf<Interop.sockaddr_vm>(nameof(Interop.sockaddr_vm.svm_family)));
        Assert.Equal(2, (int)Marshal.OffsetOf<Interop.sockaddr_vm>(nameof(Interop.sockaddr_vm.svm_reserved1)));
        Assert.Equal(4, (int)Marshal.OffsetOf<Interop.sockaddr_vm>(nameof(Interop.sockaddr_vm.svm_port)));
        Assert.Equal(8, (int)Marshal.OffsetOf<Interop.sockaddr_vm>(nameof(Interop.sockaddr_vm.svm_cid)));
        Assert.Equal(12, (int)Marshal.OffsetOf<Interop.sockaddr_vm>(nameof(Interop.sockaddr_vm.svm_flags_and_zero)));
        Assert.Equal(VsockEndPoint.SerializedSize, Unsafe.SizeOf<Interop.sockaddr_vm>());
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void WriteTo_matches_the_mirror(uint cid, uint port)
    {
        var bytes = new byte[16];
        new VsockEndPoint(cid, port).WriteTo(bytes);

        Assert.Equal(SockaddrVmMirror.For(cid, port).ToBytes(), bytes);
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Native_struct_matches_the_mirror(uint cid, uint port)
    {
        var native = new VsockEndPoint(cid, port).ToNative();
        byte[] bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<Interop.sockaddr_vm>(ref native)).ToArray();

        Assert.Equal(SockaddrVmMirror.For(cid, port).ToBytes(), bytes);
        Assert.Equal(new VsockEndPoint(cid, port), VsockEndPoint.FromNative(native));
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Serialize_gives_the_mirror_bytes_and_Create_reads_them_back(uint cid, uint port)
    {
        var endPoint = new VsockEndPoint(cid, port);
        SocketAddress address = endPoint.Serialize();

        Assert.Equal(16, address.Size);
        Assert.Equal(SockaddrVmMirror.For(cid, port).ToBytes(), address.Buffer[..16].ToArray());
        Assert.Equal(endPoint, endPoint.Create(address));
    }

    [Fact]
    public void Known_bytes_for_cid_16_port_5000()
    {
        // 0x0028 family, 0x0000 reserved, 5000 = 0x1388, 16 = 0x10, little-endian, then four zeros.
        byte[] expected = Convert.FromHexString("28000000881300001000000000000000");
        var bytes = new byte[16];
        new VsockEndPoint(16, 5000).WriteTo(bytes);

        Assert.Equal(expected, bytes);
        Assert.Equal(new VsockEndPoint(16, 5000), VsockEndPoint.Read(expected));
    }

    [Fact]
    public void Read_rejects_another_family_and_short_input()
    {
        byte[] inet = SockaddrVmMirror.For(16, 5000).ToBytes();
        inet[0] = (byte)AddressFamily.InterNetwork;

        Assert.Throws<ArgumentException>(() => VsockEndPoint.Read(inet));
        Assert.Throws<ArgumentException>(() => VsockEndPoint.Read(new byte[15]));
        Assert.Throws<ArgumentException>(() => new VsockEndPoint(1, 2).WriteTo(new byte[15]));
        Assert.Throws<ArgumentException>(() => new VsockEndPoint(1, 2).Create(new SocketAddress(AddressFamily.Unix, 8)));
    }

    [Fact]
    public void Address_family_is_40()
    {
        Assert.Equal((AddressFamily)40, new VsockEndPoint(1, 2).AddressFamily);
        Assert.Equal((AddressFamily)40, VsockEndPoint.VsockAddressFamily);
    }
}
