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
        /// The C library. "libc" resolves to glibc's libc.so.6 (and to musl's libc) through the
        /// runtime's probing, so the same binary works in Debian, Amazon Linux and Alpine enclaves.
        /// </summary>
        internal const string Libc = "libc";
    }
}
