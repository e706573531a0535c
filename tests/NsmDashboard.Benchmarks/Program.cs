using BenchmarkDotNet.Running;
using NsmDashboard.Benchmarks.Fuzz;
using NsmDashboard.Benchmarks.Soak;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/NsmDashboard.Benchmarks -- --filter '*'</c> runs every benchmark; see README.md
/// beside this file for the recorded numbers and the machine they came from.
/// <c>... -- fuzz attestation|nsm|api [--count N] [--seed S] ...</c> runs a long fuzz run instead (no BenchmarkDotNet).
/// <c>... -- soak --url URL --pid PID ...</c> drives a running dashboard for a soak run (soak/soak.sh starts it; see README.md).
/// </summary>
/// <remarks>A named class rather than top-level statements: the API fuzz run references the dashboard, whose own entry point is <c>Program</c>.</remarks>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["fuzz", .. var fuzzArgs])
        {
            return FuzzCommand.Run(fuzzArgs);
        }

        if (args is ["soak", .. var soakArgs])
        {
            return await SoakRun.RunAsync(soakArgs).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
