using BenchmarkDotNet.Running;
using NsmDashboard.Benchmarks;

// `dotnet run -c Release --project tests/NsmDashboard.Benchmarks -- --filter '*'` runs everything;
// see README.md beside this file for the recorded numbers and the machine they came from.
// `... -- fuzz [MUTATIONS] [SEED]` runs the long attestation fuzz run instead (no BenchmarkDotNet).
// `... -- soak --url URL --pid PID ...` drives a running dashboard for a soak run (soak/soak.sh starts it; see README.md).
if (args is ["fuzz", .. var fuzzArgs])
{
    return AttestationFuzzRun.Run(fuzzArgs);
}

if (args is ["soak", .. var soakArgs])
{
    return await NsmDashboard.Benchmarks.Soak.SoakRun.RunAsync(soakArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
