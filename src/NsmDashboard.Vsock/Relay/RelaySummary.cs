namespace NsmDashboard.Vsock;

/// <summary>What a <see cref="RelayServer"/> did over its run, returned by <see cref="RelayServer.RunAsync"/>.</summary>
/// <param name="Accepted">Client connections accepted (including refused ones).</param>
/// <param name="Refused">Clients closed at once because <see cref="RelayServerOptions.MaxConnections"/> were open.</param>
/// <param name="DialFailures">Clients closed because the upstream could not be reached (or took no PROXY header).</param>
/// <param name="ClosedAfterDrain">Connections still open when the drain timeout ran out, and closed.</param>
/// <param name="RefusedPerSource">Clients closed at once because <see cref="RelayServerOptions.MaxConnectionsPerSource"/> from their address were open.</param>
public sealed record RelaySummary(long Accepted, long Refused, long DialFailures, long ClosedAfterDrain, long RefusedPerSource);
