namespace NsmDashboard.Attestation.Tests;

/// <summary>The real AWS enclave documents verify inside their validity windows and fail just outside (docs/attestation-verification.md#validity).</summary>
public sealed class RealDocumentVerificationTests
{
    private readonly AttestationVerifier _verifier = TestVerifiers.ColdAwsVerifier();

    public static TheoryData<string> Documents => new(AwsVectors.RealDocuments().Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Documents))]
    public void Real_document_verifies_at_its_timestamp(string file)
    {
        var (_, document, at) = AwsVectors.RealDocuments().Single(d => d.Name == file);
        var result = _verifier.Verify(document, at);

        Verdicts.AssertValid(result);
        Assert.True(result.IsRootedInAws);
        Assert.Equal(AttestationTrustRootKind.Aws, result.TrustRoot.Kind);
        Assert.Equal("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", result.TrustRoot.Sha256);
        Assert.Equal(at, result.ValidationTime);
        Assert.Equal(AttestationDocumentKind.NitroEnclave, result.Document!.Kind);
        Assert.StartsWith("Nitro Enclave: the payload carries pcrs", result.GetCheck(AttestationCheckId.DocumentKind).Evidence, StringComparison.Ordinal);
        Assert.Equal(5, result.Certificates.Count);
        Assert.Equal(AttestationCertificateRole.Leaf, result.Certificates[0].Role);
        Assert.Equal(AttestationCertificateRole.Root, result.Certificates[^1].Role);
        Assert.All(result.Certificates, c => Assert.Equal("EC P-384", c.PublicKey));
        Assert.All(result.Certificates, c => Assert.Equal("ecdsa-with-SHA384", c.SignatureAlgorithm));
        Assert.Contains("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", result.GetCheck(AttestationCheckId.RootPinned).Evidence, StringComparison.Ordinal);
        Assert.Contains("X509Chain", result.GetCheck(AttestationCheckId.ChainSignatures).Evidence, StringComparison.Ordinal);
        Assert.False(result.ChainFromCache);
    }

    [Fact]
    public void Nitrite_window_is_inclusive_at_both_ends()
    {
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotBefore));
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotAfter));
    }

    [Fact]
    public void Nitrite_fails_one_second_after_the_leaf_expires()
    {
        var result = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotAfter.AddSeconds(1));
        var check = Verdicts.AssertFails(result, AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        Assert.Contains("expired at 2021-10-28T17:44:13Z", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(5, check.Details.Count);
        Assert.False(check.Details[0].Ok);
        Assert.All(check.Details.Skip(1), d => Assert.True(d.Ok));

        // Everything that does not depend on time still passes and says so.
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.ChainSignatures).Status);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.CoseSignature).Status);
    }

    [Fact]
    public void Nitrite_fails_one_second_before_the_leaf_starts()
    {
        var result = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteLeafNotBefore.AddSeconds(-1));
        var check = Verdicts.AssertFails(result, AttestationFailure.CertificateNotYetValid, AttestationCheckId.Validity);
        Assert.Contains("not valid before 2021-10-28T14:44:13Z", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evervault_fails_just_outside_its_window()
    {
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultLeafNotAfter));
        Verdicts.AssertFails(_verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultLeafNotAfter.AddSeconds(1)), AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        Verdicts.AssertFails(_verifier.Verify(AwsVectors.Evervault, AwsVectors.EvervaultLeafNotBefore.AddSeconds(-1)), AttestationFailure.CertificateNotYetValid, AttestationCheckId.Validity);
    }

    [Fact]
    public void Years_later_every_short_lived_certificate_has_expired()
    {
        var result = _verifier.Verify(AwsVectors.Evervault, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var check = Verdicts.AssertFails(result, AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        Assert.Contains("3 more certificate(s)", check.Evidence, StringComparison.Ordinal);
        Assert.True(check.Details[^1].Ok); // the root lives until 2049
    }

    [Fact]
    public void Default_validation_time_comes_from_the_time_provider()
    {
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { TimeProvider = new FixedTime(AwsVectors.EvervaultTime), ChainCache = null });
        var result = verifier.Verify(AwsVectors.Evervault);
        Verdicts.AssertValid(result);
        Assert.Equal(AwsVectors.EvervaultTime, result.ValidationTime);

        var now = new AttestationVerifier().Verify(AwsVectors.Evervault);
        Verdicts.AssertFails(now, AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
    }

    [Fact]
    public void Tagged_re_encoding_verifies()
    {
        var result = _verifier.Verify((byte[])[0xd2, .. AwsVectors.Nitrite], AwsVectors.NitriteTime);
        Verdicts.AssertValid(result);
        Assert.True(result.Document!.IsTagged);
        Assert.StartsWith("Tagged", result.GetCheck(AttestationCheckId.CoseStructure).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_signature_form_is_reported()
    {
        var result = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);
        var signature = result.GetCheck(AttestationCheckId.CoseSignature);
        Assert.Contains(signature.Details, d => d.Label == "method" && d.Value == "CoseSign1Message.VerifyEmbedded");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
