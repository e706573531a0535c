namespace NsmDashboard.Cli.Tls;

/// <summary>No TLS connection to the dashboard could be made (refused, unreachable, handshake failed).</summary>
internal sealed class DashboardConnectException(string message, Exception? innerException = null) : Exception(message, innerException);
