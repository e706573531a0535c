using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Nsm;

/// <summary>The transport <see cref="NsmTransportFactory"/> chose, and why.</summary>
/// <param name="Transport">The opened transport; the caller owns and disposes it.</param>
/// <param name="Reason">
/// One line for logs and the UI saying which module is in use and why; it shouts EMULATOR when the
/// emulator was chosen, because its attestation documents do not chain to AWS.
/// </param>
public sealed record NsmTransportSelection(INsmTransport Transport, string Reason);
