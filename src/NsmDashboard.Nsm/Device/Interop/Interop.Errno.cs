namespace NsmDashboard.Nsm.Device;

internal static partial class Interop
{
    /// <summary>
    /// The errno values the NSM path can meet (asm-generic/errno-base.h and errno.h; the numbers are
    /// the same on x86-64 and arm64). They are turned into exceptions in one place,
    /// <see cref="NsmDeviceErrors"/>.
    /// </summary>
    internal static class Errno
    {
        internal const int EPERM = 1;
        internal const int ENOENT = 2;
        internal const int EINTR = 4;
        internal const int EIO = 5;
        internal const int ENXIO = 6;
        internal const int EBADF = 9;
        internal const int ENOMEM = 12;
        internal const int EACCES = 13;
        internal const int EFAULT = 14;
        internal const int EBUSY = 16;
        internal const int ENODEV = 19;
        internal const int EISDIR = 21;
        internal const int EINVAL = 22;
        internal const int EMFILE = 24;
        internal const int ENOTTY = 25;
        internal const int ENOSPC = 28;
        internal const int ENODATA = 61;
        internal const int EMSGSIZE = 90;
        internal const int ETIMEDOUT = 110;

        /// <summary>
        /// The symbolic name of an errno value; <c>none</c> for 0 (no system call failed), and
        /// <c>errno N</c> for a value this table lacks.
        /// </summary>
        internal static string Name(int errno) => errno switch
        {
            0 => "none",
            EPERM => nameof(EPERM),
            ENOENT => nameof(ENOENT),
            EINTR => nameof(EINTR),
            EIO => nameof(EIO),
            ENXIO => nameof(ENXIO),
            EBADF => nameof(EBADF),
            ENOMEM => nameof(ENOMEM),
            EACCES => nameof(EACCES),
            EFAULT => nameof(EFAULT),
            EBUSY => nameof(EBUSY),
            ENODEV => nameof(ENODEV),
            EISDIR => nameof(EISDIR),
            EINVAL => nameof(EINVAL),
            EMFILE => nameof(EMFILE),
            ENOTTY => nameof(ENOTTY),
            ENOSPC => nameof(ENOSPC),
            ENODATA => nameof(ENODATA),
            EMSGSIZE => nameof(EMSGSIZE),
            ETIMEDOUT => nameof(ETIMEDOUT),
            _ => $"errno {errno}",
        };
    }
}
