using BenchmarkDotNet.Running;
using NsmDashboard.Benchmarks;
using NsmDashboard.Benchmarks.Fuzz;

// `dotnet run -c Release --project tests/NsmDashboard.Benchmarks -- --filter '*'` runs everything;
// see README.md beside this file for the recorded numbers and the machine they came from.
// `... -- fuzz attestation|nsm|api [--count N] [--seed S] ...` runs a long fuzz run instead (no BenchmarkDotNet).
if (args is ["fuzz", .. var fuzzArgs])
{
    return FuzzCommand.Run(fuzzArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
