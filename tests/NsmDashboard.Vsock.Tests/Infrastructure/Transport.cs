namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>The socket kinds the relay tests run over (the relay core does not care which).</summary>
public enum Transport
{
    Tcp,
    Unix,
}
