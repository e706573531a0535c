using System.Globalization;

namespace NsmDashboard.Benchmarks.Fuzz;

/// <summary>
/// <c>fuzz attestation|nsm|api [--count N] [--seed S] [--timeout-seconds T] [--max-alloc-mb M] [--progress N] [--max-minutes M]</c>: the
/// long fuzz runs of tests/NsmDashboard.Benchmarks/README.md ("Fuzzing"), through the same harnesses the test projects
/// run a few thousand inputs of in CI. Exit 0 when every input gave a typed outcome, 1 on a finding, 2 on bad
/// arguments, 3 when an input hung.
/// </summary>
internal static class FuzzCommand
{
    private const string Usage =
        "usage: fuzz attestation|nsm|api [--count N (default 1000000)] [--seed S (default 20240611)] [--timeout-seconds T (default 30)] [--max-alloc-mb M (default 256)] [--progress N (default 50000)] [--max-minutes M (default: none)]";

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        long count = 1_000_000;
        var seed = 20240611;
        var timeout = 30;
        var maxAllocationMb = 256;
        long progress = 50_000;
        var maxMinutes = 0;
        for (var i = 1; i < args.Length; i += 2)
        {
            var ok = args[i] switch
            {
                "--count" => long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0,
                "--seed" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out seed),
                "--timeout-seconds" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out timeout) && timeout > 0,
                "--max-alloc-mb" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out maxAllocationMb) && maxAllocationMb > 0,
                "--progress" => long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out progress) && progress > 0,
                "--max-minutes" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out maxMinutes) && maxMinutes > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"bad option {args[i]} {args[i + 1]}\n{Usage}");
                return 2;
            }
        }

        using IFuzzTarget? target = args[0] switch
        {
            "attestation" => new AttestationFuzzTarget(seed),
            "nsm" => new NsmFuzzTarget(seed),
            "api" => ApiFuzzTarget.Create(seed, TimeSpan.FromSeconds(timeout)),
            _ => null,
        };
        if (target is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var output = Console.Out;
        output.WriteLine($"fuzz {args[0]}: {count:N0} inputs, seed {seed}, timeout {timeout} s per input, allocation limit {maxAllocationMb} MiB per input{(maxMinutes > 0 ? $", time budget {maxMinutes} min" : "")}, {DateTimeOffset.UtcNow:u}");
        foreach (var line in target.Describe())
        {
            output.WriteLine("  " + line);
        }

        return new FuzzLoop(target, count, seed, TimeSpan.FromSeconds(timeout), maxAllocationMb * 1024L * 1024L, progress,
            maxMinutes > 0 ? TimeSpan.FromMinutes(maxMinutes) : Timeout.InfiniteTimeSpan).Run(output);
    }
}
