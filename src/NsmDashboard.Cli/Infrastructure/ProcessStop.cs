using System.Runtime.InteropServices;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>Turns Ctrl+C and SIGTERM into a cancellation, once a command asks to be told (<see cref="CliConsole.ListenForStop"/>).</summary>
internal static class ProcessStop
{
    private static readonly Lock Gate = new();
    private static CancellationTokenSource? _stop;
    private static PosixSignalRegistration? _interrupt;
    private static PosixSignalRegistration? _terminate;

    public static CancellationToken Listen()
    {
        lock (Gate)
        {
            if (_stop is null)
            {
                _stop = new CancellationTokenSource();
                // Cancel instead of dying: the command finishes the line it is writing and exits.
                _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            }

            return _stop.Token;
        }
    }

    private static void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop?.Cancel();
    }
}
