namespace NsmDashboard.Nsm.Device;

/// <summary>
/// Native declarations for the real-device path, one system call per file (Interop.open.cs,
/// Interop.ioctl.cs, …) in the layout dotnet/runtime and dotnet/iot use. Only the Linux device
/// transport calls into this class.
/// </summary>
internal static partial class Interop
{
    /// <summary>The shared libraries the declarations bind to.</summary>
    internal static class Libraries
    {
        /// <summary>
        /// The C library. The runtime resolves the name "libc" to the process's C library (libc.so.6
        /// on glibc; checked in the rig's minimal guest, which has no libc.so development link).
        /// </summary>
        internal const string Libc = "libc";
    }
}
