namespace NsmDashboard.Vsock;

/// <summary>A PROXY v2 header could not be read (<see cref="ProxyProtocolV2.Parse"/>); <see cref="Error"/> says why.</summary>
public sealed class ProxyProtocolException : Exception
{
    /// <summary>Creates the exception with the standard message for <paramref name="error"/>.</summary>
    public ProxyProtocolException(ProxyHeaderError error)
        : base(ProxyProtocolV2.Describe(error))
    {
        Error = error;
    }

    /// <summary>What was wrong with the header.</summary>
    public ProxyHeaderError Error { get; }
}
