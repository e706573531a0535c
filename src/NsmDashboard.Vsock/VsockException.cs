using System.Net;

namespace NsmDashboard.Vsock;

/// <summary>
/// A vsock system call failed. Keeps the errno (<see cref="Errno"/>, <see cref="ErrnoName"/>), the call
/// (<see cref="Operation"/>) and the address it was about; the message says what it means and what to do.
/// An <see cref="IOException"/>, like the errors of .NET's own sockets, so hosts that report failed binds
/// (Kestrel, the dashboard's startup) report these too.
/// </summary>
public sealed class VsockException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errno">The errno the call set.</param>
    /// <param name="errnoName">Its symbolic name (<c>ECONNRESET</c>, …).</param>
    /// <param name="operation">The system call: <c>socket</c>, <c>bind</c>, <c>listen</c>, <c>accept4</c>, <c>connect</c>, …</param>
    /// <param name="endPoint">The vsock address involved, when there is one.</param>
    /// <param name="message">The full message.</param>
    public VsockException(int errno, string errnoName, string operation, EndPoint? endPoint, string message)
        : base(message)
    {
        Errno = errno;
        ErrnoName = errnoName;
        Operation = operation;
        EndPoint = endPoint;
    }

    /// <summary>The errno the system call set.</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name (<c>EADDRNOTAVAIL</c>, <c>ECONNRESET</c>, …).</summary>
    public string ErrnoName { get; }

    /// <summary>The system call that failed.</summary>
    public string Operation { get; }

    /// <summary>The vsock address the call was about, when there is one.</summary>
    public EndPoint? EndPoint { get; }
}
