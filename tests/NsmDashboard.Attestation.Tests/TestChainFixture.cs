using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>One test CA per test class (P-384 key generation is not free).</summary>
public sealed class TestChainFixture : IDisposable
{
    internal TestCertificateAuthority Ca { get; } = TestCertificateAuthority.Create();

    internal AttestationTrustRoot Root => field ??= AttestationTrustRoot.FromCertificate(Ca.Root, "test root");

    internal AttestationVerifier ColdVerifier => field ??= new(new AttestationVerifierOptions { TrustRoot = Root, ChainCache = null });

    internal byte[] Build(Action<TestDocumentBuilder>? configure = null)
    {
        var builder = TestDocumentBuilder.For(Ca);
        configure?.Invoke(builder);
        using var key = Ca.LeafKey;
        return builder.Build(key);
    }

    public void Dispose() => Ca.Dispose();
}
