using NsmDashboard.Attestation;
using NsmDashboard.Attestation.Tests.Builders;
using NsmDashboard.Attestation.Tests.Fuzz;

namespace NsmDashboard.Benchmarks.Fuzz;

/// <summary><c>fuzz attestation</c>: the Attestation tests' harness and targets (decode, structure view, verify).</summary>
internal sealed class AttestationFuzzTarget : IFuzzTarget
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly FuzzHarness _harness;
    private byte[] _current = [];

    public AttestationFuzzTarget(int seed)
    {
        _harness = new FuzzHarness(FuzzTargets.Create(_ca, AttestationTrustRoot.FromCertificate(_ca.Root, "fuzz test root")), seed);
    }

    public ReadOnlyMemory<byte> Current => _current;

    public bool SingleThreaded => true;

    public IEnumerable<string> Describe() =>
        _harness.Targets.Select(t => $"{t.Name}: {t.Document.Length} bytes at {t.At:O}, {(t.Verifier.ChainCache is null ? "no cache" : "cached")}, root {t.Verifier.TrustRoot.Name}");

    public (string Outcome, string Mutation) Run(long index)
    {
        var input = _harness.Next(index);
        _current = input.Bytes;
        return (_harness.Check(index, input), input.Mutation);
    }

    public void Dispose() => _ca.Dispose();
}
