namespace NsmDashboard.Vsock;

/// <summary>
/// Native declarations for AF_VSOCK, one system call per file (Interop.socket.cs, Interop.bind.cs, …) in the
/// layout dotnet/runtime and dotnet/iot use. .NET's <see cref="System.Net.Sockets.Socket"/> refuses to create
/// AF_VSOCK sockets (docs/vsock.md#dotnet-sockets), so creating, binding, listening, accepting and
/// connecting happen here; a connected descriptor is then handed to a <see cref="System.Net.Sockets.Socket"/>,
/// which sends and receives on it normally.
/// </summary>
internal static partial class Interop
{
    /// <summary>The shared libraries the declarations bind to.</summary>
    internal static class Libraries
    {
        /// <summary>The C library; the runtime resolves "libc" to the process's libc.so.6 (also in the rig's minimal guest).</summary>
        internal const string Libc = "libc";
    }
}
