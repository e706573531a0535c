using System.Runtime.InteropServices;

namespace NsmDashboard.Vsock;

// Mirrors include/uapi/linux/vm_sockets.h; names kept as in C so the code reads against the header.
internal static partial class Interop
{
    /// <summary><c>AF_VSOCK</c> (include/linux/socket.h): the address family of virtio/VMCI sockets.</summary>
    internal const ushort AF_VSOCK = 40;

    /// <summary>
    /// <c>struct sockaddr_vm</c>: 16 bytes, <c>svm_family</c> (u16) at 0, <c>svm_reserved1</c> (u16) at 2,
    /// <c>svm_port</c> (u32) at 4, <c>svm_cid</c> (u32) at 8, then <c>svm_flags</c> (u8) and three zero bytes
    /// (<c>svm_zero</c>) at 12. Port and CID are in host byte order (vsock(7)), unlike sockaddr_in.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_vm
    {
        /// <summary>Always <see cref="AF_VSOCK"/>.</summary>
        public ushort svm_family;

        /// <summary>Must be zero.</summary>
        public ushort svm_reserved1;

        /// <summary>The port; <c>VMADDR_PORT_ANY</c> (0xFFFFFFFF) lets bind choose one.</summary>
        public uint svm_port;

        /// <summary>The context id; <c>VMADDR_CID_ANY</c> (0xFFFFFFFF) binds to every local CID.</summary>
        public uint svm_cid;

        /// <summary><c>svm_flags</c> (Linux 5.11+, VMADDR_FLAG_TO_HOST) and <c>svm_zero[3]</c>: all zero here.</summary>
        public uint svm_flags_and_zero;
    }
}
