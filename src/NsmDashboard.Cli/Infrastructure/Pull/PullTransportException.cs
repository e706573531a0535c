namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// The dashboard could not be reached, or the connection broke: nothing was learned about the trail. A following pull
/// retries; a single pull ends with exit 2, as <c>verify-tls</c> does when there is no connection.
/// </summary>
internal sealed class PullTransportException : Exception
{
    public PullTransportException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public PullTransportException()
    {
    }

    public PullTransportException(string message)
        : base(message)
    {
    }
}
