using System.Diagnostics;
using System.Globalization;
using NsmDashboard.Attestation;
using NsmDashboard.Attestation.Tests.Builders;
using NsmDashboard.Attestation.Tests.Fuzz;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// The long fuzz run — at least 100 000 mutations of real and built documents through decode and
/// verify, with the same harness the Attestation tests run a few thousand of in CI. Only a typed decode error or a
/// failed verdict may come out (a valid verdict only where the signed bytes are untouched, e.g. a framing change);
/// anything else stops the run with the seed, the mutation index and the mutated bytes for replay.
/// </summary>
internal static class AttestationFuzzRun
{
    private const int DefaultMutations = 100_000;
    private const int DefaultSeed = 20240611;

    // Mutations per harness call: progress is printed between chunks; chunk k uses seed + k.
    private const int Chunk = 10_000;

    private static readonly DateTimeOffset NitriteTime = DateTimeOffset.FromUnixTimeMilliseconds(1635440522077);

    /// <summary>Runs <c>fuzz [MUTATIONS] [SEED]</c>; returns 0 when every outcome was allowed, 1 otherwise, 2 on bad arguments.</summary>
    public static int Run(string[] args)
    {
        if (args.Length > 2
            || !TryParse(args, 0, DefaultMutations, out var mutations)
            || !TryParse(args, 1, DefaultSeed, out var seed)
            || mutations < 1)
        {
            Console.Error.WriteLine("usage: fuzz [MUTATIONS (default 100000)] [SEED (default 20240611)]");
            return 2;
        }

        using var ca = TestCertificateAuthority.Create();
        var targets = Targets(ca);
        Console.WriteLine($"Fuzzing {mutations.ToString("N0", CultureInfo.InvariantCulture)} mutations over {targets.Count} documents (seed {seed}):");
        foreach (var target in targets)
        {
            Console.WriteLine($"  {target.Name}: {target.Document.Length} bytes at {target.At:O}");
        }

        var totals = new Dictionary<AttestationFailure, int>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var done = 0; done < mutations; done += Chunk)
            {
                var count = Math.Min(Chunk, mutations - done);
                foreach (var (failure, n) in FuzzHarness.Run(targets, count, seed + (done / Chunk)))
                {
                    totals[failure] = totals.GetValueOrDefault(failure) + n;
                }

                Console.WriteLine($"  {done + count,9:N0} mutations, {clock.Elapsed.TotalSeconds,7:F1} s");
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"FAILED after {clock.Elapsed.TotalSeconds:F1} s: {e.Message}");
            return 1;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"OK: {totals.Values.Sum().ToString("N0", CultureInfo.InvariantCulture)} mutations in {seconds:F1} s ({totals.Values.Sum() / seconds:F0}/s); only typed decode errors and failed verdicts (valid only with the signed bytes intact):");
        foreach (var (failure, n) in totals.OrderByDescending(t => t.Value))
        {
            Console.WriteLine($"  {failure,-24} {n,9:N0}");
        }

        return 0;
    }

    /// <summary>Both real documents against the pinned AWS root, and built ones (indefinite map + high-S; tagged) against a test CA — each cold and cached.</summary>
    private static List<FuzzHarness.Target> Targets(TestCertificateAuthority ca)
    {
        var awsCold = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = null });
        var awsCached = new AttestationVerifier(new AttestationVerifierOptions { ChainCache = new AttestationChainCache() });
        var root = AttestationTrustRoot.FromCertificate(ca.Root, "fuzz test root");
        var testCold = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = root, ChainCache = null });
        var testCached = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = root, ChainCache = new AttestationChainCache() });

        using var key = ca.LeafKey;
        var indefinite = TestDocumentBuilder.For(ca);
        indefinite.IndefiniteMap = true;
        indefinite.Form = SignatureForm.HighS;
        indefinite.UserData = [];
        var tagged = TestDocumentBuilder.For(ca);
        tagged.Tagged = true;
        tagged.Nonce = [1, 2, 3, 4, 5, 6, 7, 8];
        tagged.PublicKey = new byte[97];

        return
        [
            new("nitrite (AWS, cached)", BenchmarkData.Nitrite, awsCached, NitriteTime),
            new("evervault (AWS, cold)", BenchmarkData.Evervault, awsCold, AttestationBenchmarks.EvervaultTime),
            new("built indefinite high-S (test CA, cached)", indefinite.Build(key), testCached, ca.ValidAt),
            new("built tagged (test CA, cold)", tagged.Build(key), testCold, ca.ValidAt),
        ];
    }

    private static bool TryParse(string[] args, int index, int fallback, out int value)
    {
        if (args.Length <= index)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
