namespace NsmDashboard.Vsock;

/// <summary>What a relay did, returned when both connections are closed.</summary>
/// <param name="BytesFirstToSecond">Bytes read from the first connection and written to the second.</param>
/// <param name="BytesSecondToFirst">Bytes read from the second connection and written to the first.</param>
/// <param name="Duration">From the start of the relay to the close of both connections.</param>
/// <param name="CloseReason">Why it ended.</param>
/// <param name="Error">The I/O error behind <see cref="RelayCloseReason.FirstFailed"/> or <see cref="RelayCloseReason.SecondFailed"/>; otherwise null.</param>
public sealed record RelayResult(
    long BytesFirstToSecond,
    long BytesSecondToFirst,
    TimeSpan Duration,
    RelayCloseReason CloseReason,
    Exception? Error);
