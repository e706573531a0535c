using System.Runtime.InteropServices;
using NsmDashboard.Proxy;

// SIGTERM (systemd, docker stop) and SIGINT (Ctrl+C) start a drain: stop accepting, let open connections
// finish for --drain-timeout, exit 0. A second signal is not intercepted and ends the process at once.
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (!stop.IsCancellationRequested)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
return await ProxyApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
