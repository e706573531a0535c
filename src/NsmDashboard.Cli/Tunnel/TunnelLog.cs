using System.Globalization;

namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// The tunnel's log: one timestamped line per browser connection, dashboard connection and (re)attestation, on
/// standard error. Thread-safe; lines never interleave.
/// </summary>
internal sealed class TunnelLog(TextWriter output, TimeProvider? time = null)
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public void Write(string message)
    {
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            output.WriteLine($"{stamp}  {message}");
            output.Flush();
        }
    }
}
