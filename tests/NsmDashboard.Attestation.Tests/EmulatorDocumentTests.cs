using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Attestation.Tests;

/// <summary>Documents from the in-process emulator verify against the emulator's root only, never as AWS.</summary>
public sealed class EmulatorDocumentTests
{
    private static async Task<(byte[] Document, NsmEmulator Emulator)> AttestAsync(NsmEmulatorOptions? options = null, AttestationRequest? request = null)
    {
        var emulator = new NsmEmulator(options);
        var client = new NsmClient(emulator);
        var document = await client.GetAttestationDocumentAsync(request ?? new AttestationRequest(), TestContext.Current.CancellationToken);
        return (document.ToArray(), emulator);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Emulator_document_verifies_against_the_emulator_root(bool indefinite)
    {
        var (document, emulator) = await AttestAsync(new NsmEmulatorOptions { IndefiniteLengthPayload = indefinite });
        using (emulator)
        {
            var verifier = new AttestationVerifier(new AttestationVerifierOptions
            {
                TrustRoot = AttestationTrustRoot.Emulator(emulator.CertificateAuthority.RootCertificate),
            });
            var result = verifier.Verify(document);

            Verdicts.AssertValid(result);
            Assert.Equal(AttestationTrustRootKind.Emulator, result.TrustRoot.Kind);
            Assert.False(result.IsRootedInAws);
            Assert.Equal(indefinite, result.Document!.IsPayloadMapIndefinite);
            Assert.Equal(emulator.ModuleId, result.Document.ModuleId);
        }
    }

    [Fact]
    public async Task Emulator_document_is_untrusted_against_aws()
    {
        var (document, emulator) = await AttestAsync();
        using (emulator)
        {
            var result = new AttestationVerifier().Verify(document);
            var check = Verdicts.AssertFails(result, AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);
            Assert.Contains(EmulatorCertificateAuthority.RootCommonName, check.Evidence, StringComparison.Ordinal);
            Assert.Equal(AttestationTrustRootKind.Aws, result.TrustRoot.Kind);
        }
    }

    [Fact]
    public async Task Emulator_root_from_its_directory_verifies_and_request_fields_round_trip()
    {
        var directory = Directory.CreateTempSubdirectory("nsm-attest-emu-").FullName;
        try
        {
            var request = new AttestationRequest(UserData: new byte[] { 1, 2, 3 }, Nonce: new byte[] { 9 }, PublicKey: null);
            var (document, emulator) = await AttestAsync(new NsmEmulatorOptions { CertificateAuthorityDirectory = directory }, request);
            using (emulator)
            {
                var verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = AttestationTrustRoot.FromEmulatorDirectory(directory) });
                var policy = new AttestationPolicy { ExpectedNonce = new byte[] { 9 }, MaxAge = TimeSpan.FromMinutes(1) };
                var result = verifier.Verify(document, policy: policy);

                Verdicts.AssertValid(result);
                Assert.Equal(new byte[] { 1, 2, 3 }, result.Document!.UserData.Value.ToArray());
                Assert.Equal(OptionalBytesKind.Null, result.Document.PublicKey.Kind);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Another_emulators_root_does_not_verify_this_emulators_documents()
    {
        var (document, emulator) = await AttestAsync();
        using var other = new NsmEmulator();
        using (emulator)
        {
            var verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = AttestationTrustRoot.Emulator(other.CertificateAuthority.RootCertificate) });
            Verdicts.AssertFails(verifier.Verify(document), AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);
        }
    }
}
