namespace NsmDashboard.Vsock;

/// <summary>Why a relay ended (<see cref="RelayResult.CloseReason"/>).</summary>
public enum RelayCloseReason
{
    /// <summary>Both sides finished sending (each read ended with FIN, which was passed on): a clean close.</summary>
    Completed,

    /// <summary>No byte moved in either direction for <see cref="RelayOptions.IdleTimeout"/>; both sides were closed.</summary>
    IdleTimeout,

    /// <summary>The caller's cancellation token fired (shutdown); both sides were closed.</summary>
    Canceled,

    /// <summary>Reading from or writing to the first connection failed (reset, broken pipe); both sides were closed.</summary>
    FirstFailed,

    /// <summary>Reading from or writing to the second connection failed; both sides were closed.</summary>
    SecondFailed,
}
