using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/NsmDashboard.Benchmarks -- --filter '*'` runs everything;
// see README.md beside this file for the recorded numbers and the machine they came from.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
