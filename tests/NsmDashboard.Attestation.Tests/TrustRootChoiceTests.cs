using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// The trust root for a document given without one (AttestationTrustRootChoice): the trusted root its cabundle[0]
/// is, AWS when none; the choice only ever picks among roots trusted already.
/// </summary>
public sealed class TrustRootChoiceTests
{
    [Theory]
    [InlineData(AwsVectors.NitriteFile)]
    [InlineData(AwsVectors.EvervaultFile)]
    [InlineData(AwsVectors.TpmFile)]
    public void A_real_AWS_document_chooses_AWS_even_where_the_emulator_is_trusted_too(string file)
    {
        using var emulator = new NsmEmulator();
        var trusted = new[] { AttestationTrustRoot.Aws, AttestationTrustRoot.Emulator(emulator.CertificateAuthority.RootCertificate) };

        var choice = AttestationTrustRootChoice.For(AttestationDocument.Decode(AwsVectors.Read(file)), trusted);

        Assert.Same(AttestationTrustRoot.Aws, choice.Root);
        Assert.True(choice.MatchesDocument);
        Assert.Contains(AttestationTrustRoot.Aws.Sha256, choice.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emulator_document_chooses_the_emulator_root_when_it_is_trusted()
    {
        using var emulator = new NsmEmulator();
        var emulatorRoot = AttestationTrustRoot.Emulator(emulator.CertificateAuthority.RootCertificate);
        var document = AttestationDocument.Decode((await new NsmClient(emulator).GetAttestationDocumentAsync(new AttestationRequest(), TestContext.Current.CancellationToken)).Span);

        var trusted = AttestationTrustRootChoice.For(document, [AttestationTrustRoot.Aws, emulatorRoot]);
        var untrusted = AttestationTrustRootChoice.For(document, [AttestationTrustRoot.Aws]);

        Assert.Same(emulatorRoot, trusted.Root);
        Assert.True(trusted.MatchesDocument);
        Assert.Same(AttestationTrustRoot.Aws, untrusted.Root);
        Assert.False(untrusted.MatchesDocument);
        Assert.Contains("is not the AWS Nitro Enclaves Root G1", untrusted.Explanation, StringComparison.Ordinal);
        Assert.Equal(AttestationFailure.UntrustedRoot, new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = untrusted.Root }).Verify(document).Failure);
    }

    [Fact]
    public void Without_a_document_the_first_trusted_root_is_used_and_the_reason_given()
    {
        var choice = AttestationTrustRootChoice.For(null, [AttestationTrustRoot.Aws]);

        Assert.Same(AttestationTrustRoot.Aws, choice.Root);
        Assert.False(choice.MatchesDocument);
        Assert.Contains("no cabundle", choice.Explanation, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AttestationTrustRootChoice.For(null, []));
    }
}
