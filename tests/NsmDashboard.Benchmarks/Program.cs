using BenchmarkDotNet.Running;
using NsmDashboard.Benchmarks.Fuzz;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/NsmDashboard.Benchmarks -- --filter '*'</c> runs every benchmark; see README.md
/// beside this file for the recorded numbers and the machine they came from.
/// <c>... -- fuzz attestation|nsm|api [--count N] [--seed S] ...</c> runs a long fuzz run instead (no BenchmarkDotNet).
/// </summary>
/// <remarks>A named class rather than top-level statements: the API fuzz run references the dashboard, whose own entry point is <c>Program</c>.</remarks>
internal static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        if (args is ["fuzz", .. var fuzzArgs])
        {
            return FuzzCommand.Run(fuzzArgs);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
