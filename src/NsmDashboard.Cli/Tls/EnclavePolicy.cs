using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Tls;

/// <summary>
/// Which enclave <c>verify-tls</c>, <c>connect</c>, <c>audit pull</c>, <c>audit verify</c> and <c>eventlog replay</c>
/// accept: one of several expected PCR sets (from nitro-cli measurement files and <c>--expect-pcr</c>), or, said
/// explicitly, any enclave; and whether a debug-mode enclave may pass. There is no default: an attestation proves only that <em>some</em> enclave holds the key, and the
/// parent instance can run an enclave of its own.
/// </summary>
internal sealed record EnclavePolicy(IReadOnlyList<ExpectedPcrSet> ExpectedPcrSets, bool AnyEnclave, bool AllowDebug)
{
    /// <summary>
    /// What every document must meet, nonce aside: these PCR sets of an enclave, and the debug rule. Stored checkpoints
    /// (in a trail file, or kept beside one) claim no freshness, but must come from the expected enclave all the same.
    /// </summary>
    public AttestationPolicy Stored => new()
    {
        // A dashboard runs in an enclave. The parent instance may be able to get a NitroTPM document of its own,
        // signed under the same AWS root and binding a certificate of its choosing: it must never pass.
        ExpectedKind = AttestationDocumentKind.NitroEnclave,
        ExpectedPcrSets = ExpectedPcrSets,
        AllowDebugMode = AllowDebug,
    };

    /// <summary>The verifier's policy for one exchange: <see cref="Stored"/>, and the nonce sent.</summary>
    public AttestationPolicy For(ReadOnlyMemory<byte> nonce) => Stored.WithNonce(nonce);

    /// <summary>Notes on the measurement files (e.g. a hand-written file without HashAlgorithm).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>One line: what is expected, e.g. <c>PCRs of release.json (PCR0, PCR1, PCR2); debug mode refused</c>.</summary>
    public string Description
    {
        get
        {
            var enclave = AnyEnclave
                ? "any enclave (--any-enclave: PCRs not checked)"
                : (ExpectedPcrSets.Count == 1 ? "the PCRs of " : "the PCRs of one of ")
                    + string.Join(" or ", ExpectedPcrSets.Select(set => $"{set.Name} ({string.Join(", ", set.Pcrs.Keys.Select(Pcr))})"));
            return $"{enclave}; debug mode {(AllowDebug ? "allowed (--allow-debug)" : "refused")}";
        }
    }

    private static string Pcr(int index) => "PCR" + index.ToString(CultureInfo.InvariantCulture);
}
