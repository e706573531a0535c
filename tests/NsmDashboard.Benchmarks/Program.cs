using BenchmarkDotNet.Running;
using NsmDashboard.Benchmarks;

// `dotnet run -c Release --project tests/NsmDashboard.Benchmarks -- --filter '*'` runs everything;
// see README.md beside this file for the recorded numbers and the machine they came from.
// `... -- fuzz [MUTATIONS] [SEED]` runs the long attestation fuzz run instead (no BenchmarkDotNet).
if (args is ["fuzz", .. var fuzzArgs])
{
    return AttestationFuzzRun.Run(fuzzArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
