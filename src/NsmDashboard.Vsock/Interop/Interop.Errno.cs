namespace NsmDashboard.Vsock;

internal static partial class Interop
{
    /// <summary>
    /// The errno values the vsock path can meet (asm-generic/errno-base.h and errno.h; the same numbers on
    /// x86-64 and arm64). They become <see cref="VsockException"/>s in one place, <see cref="VsockErrors"/>.
    /// </summary>
    internal static class Errno
    {
        internal const int EPERM = 1;
        internal const int EINTR = 4;
        internal const int EBADF = 9;
        internal const int EAGAIN = 11;
        internal const int ENOMEM = 12;
        internal const int EACCES = 13;
        internal const int EFAULT = 14;
        internal const int ENODEV = 19;
        internal const int EINVAL = 22;
        internal const int ENFILE = 23;
        internal const int EMFILE = 24;
        internal const int EPROTO = 71;
        internal const int ENOTSOCK = 88;
        internal const int EPROTONOSUPPORT = 93;
        internal const int ESOCKTNOSUPPORT = 94;
        internal const int EOPNOTSUPP = 95;
        internal const int EAFNOSUPPORT = 97;
        internal const int EADDRINUSE = 98;
        internal const int EADDRNOTAVAIL = 99;
        internal const int ENETUNREACH = 101;
        internal const int ECONNABORTED = 103;
        internal const int ECONNRESET = 104;
        internal const int ENOBUFS = 105;
        internal const int EISCONN = 106;
        internal const int ENOTCONN = 107;
        internal const int ETIMEDOUT = 110;
        internal const int ECONNREFUSED = 111;
        internal const int EHOSTUNREACH = 113;
        internal const int EALREADY = 114;
        internal const int EINPROGRESS = 115;

        /// <summary>The symbolic name of an errno value; <c>errno N</c> for one this table lacks.</summary>
        internal static string Name(int errno) => errno switch
        {
            0 => "none",
            EPERM => nameof(EPERM),
            EINTR => nameof(EINTR),
            EBADF => nameof(EBADF),
            EAGAIN => nameof(EAGAIN),
            ENOMEM => nameof(ENOMEM),
            EACCES => nameof(EACCES),
            EFAULT => nameof(EFAULT),
            ENODEV => nameof(ENODEV),
            EINVAL => nameof(EINVAL),
            ENFILE => nameof(ENFILE),
            EMFILE => nameof(EMFILE),
            EPROTO => nameof(EPROTO),
            ENOTSOCK => nameof(ENOTSOCK),
            EPROTONOSUPPORT => nameof(EPROTONOSUPPORT),
            ESOCKTNOSUPPORT => nameof(ESOCKTNOSUPPORT),
            EOPNOTSUPP => nameof(EOPNOTSUPP),
            EAFNOSUPPORT => nameof(EAFNOSUPPORT),
            EADDRINUSE => nameof(EADDRINUSE),
            EADDRNOTAVAIL => nameof(EADDRNOTAVAIL),
            ENETUNREACH => nameof(ENETUNREACH),
            ECONNABORTED => nameof(ECONNABORTED),
            ECONNRESET => nameof(ECONNRESET),
            ENOBUFS => nameof(ENOBUFS),
            EISCONN => nameof(EISCONN),
            ENOTCONN => nameof(ENOTCONN),
            ETIMEDOUT => nameof(ETIMEDOUT),
            ECONNREFUSED => nameof(ECONNREFUSED),
            EHOSTUNREACH => nameof(EHOSTUNREACH),
            EALREADY => nameof(EALREADY),
            EINPROGRESS => nameof(EINPROGRESS),
            _ => $"errno {errno}",
        };
    }
}
