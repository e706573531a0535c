using System.Formats.Cbor;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// Real NitroTPM documents (EC2 instance attestation, published in lockboot/vaportpm) verify at their own time with
/// the same AWS root and ordered checks as enclave documents; tampered copies fail for the right reason.
/// </summary>
public sealed class NitroTpmDocumentTests
{
    private readonly AttestationVerifier _verifier = TestVerifiers.ColdAwsVerifier();

    public static TheoryData<string> Documents => new(AwsVectors.RealNitroTpmDocuments().Select(d => d.Name));

    private static (byte[] Document, DateTimeOffset At) Real(string name)
    {
        var (_, document, at) = AwsVectors.RealNitroTpmDocuments().Single(d => d.Name == name);
        return (document, at);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Real_nitrotpm_document_verifies_at_its_timestamp(string file)
    {
        var (document, at) = Real(file);
        var result = _verifier.Verify(document, at);

        Verdicts.AssertValid(result);
        Assert.True(result.IsRootedInAws);
        Assert.Equal("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", result.TrustRoot.Sha256);
        Assert.Equal(5, result.Certificates.Count);
        var decoded = result.Document!;
        Assert.Equal(AttestationDocumentKind.NitroTpm, decoded.Kind);
        Assert.EndsWith("-tpm0000000000000000", decoded.ModuleId, StringComparison.Ordinal);
        Assert.Null(decoded.Pcrs);
        Assert.Same(decoded.NitroTpmPcrs, decoded.KindPcrs);
        Assert.Equal(Enumerable.Range(0, 24), decoded.NitroTpmPcrs!.Keys);
        Assert.All(decoded.NitroTpmPcrs.Values, v => Assert.Equal(48, v.Length));
        Assert.All(Enumerable.Range(17, 6), i => Assert.False(decoded.NitroTpmPcrs[i].Span.ContainsAnyExcept((byte)0xff)));
        Assert.False(decoded.IsDebugMode);
        Assert.True(decoded.IsPayloadMapIndefinite);
        Assert.StartsWith("NitroTPM instance: the payload carries nitrotpm_pcrs and not pcrs, and module_id ends in -tpm", result.GetCheck(AttestationCheckId.DocumentKind).Evidence, StringComparison.Ordinal);
        Assert.Contains("nitrotpm_pcrs", result.GetCheck(AttestationCheckId.MandatoryFields).Evidence, StringComparison.Ordinal);
        Assert.StartsWith("nitrotpm_pcrs: the 24 PCRs 0–23", result.GetCheck(AttestationCheckId.Pcrs).Evidence, StringComparison.Ordinal);
        Assert.Empty(decoded.UnknownKeys);
    }

    [Fact]
    public void High_s_signature_of_a_real_nitrotpm_document_is_accepted_and_reported()
    {
        var result = _verifier.Verify(AwsVectors.TpmHighS, AwsVectors.TpmHighSTime);
        Verdicts.AssertValid(result);
        Assert.Contains("high-S", result.GetCheck(AttestationCheckId.CoseSignature).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Nitrotpm_window_is_inclusive_and_ends_one_second_later()
    {
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmLeafNotBefore));
        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmLeafNotAfter));
        Verdicts.AssertFails(_verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmLeafNotAfter.AddSeconds(1)), AttestationFailure.CertificateExpired, AttestationCheckId.Validity);
        Verdicts.AssertFails(_verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmLeafNotBefore.AddSeconds(-1)), AttestationFailure.CertificateNotYetValid, AttestationCheckId.Validity);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(23)]
    public void Changed_tpm_pcr_byte_breaks_the_signature(int pcr)
    {
        var document = AwsVectors.Tpm;
        var decoded = AttestationDocument.Decode(document);
        var offset = OffsetOfTpmPcr(document, pcr);
        Assert.True(document.AsSpan(offset, 48).SequenceEqual(decoded.NitroTpmPcrs![pcr].Span));
        var copy = document.ToArray();
        copy[offset + 20] ^= 0x01;

        var result = _verifier.Verify(copy, AwsVectors.TpmTime);
        Verdicts.AssertFails(result, AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.ChainSignatures).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(95)]
    public void Changed_signature_byte_fails_the_signature(int index)
    {
        var copy = AwsVectors.Tpm.ToArray();
        copy[copy.Length - 96 + index] ^= 0x80;
        Verdicts.AssertFails(_verifier.Verify(copy, AwsVectors.TpmTime), AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Fact]
    public void Reversed_cabundle_fails_the_chain_path()
    {
        var editor = new DocumentEditor(AwsVectors.Tpm);
        var bundle = editor.GetCaBundle();
        bundle.Reverse();
        var result = _verifier.Verify(editor.SetCaBundle(bundle).Encode(), AwsVectors.TpmTime);
        Assert.False(result.IsValid);
        Assert.Equal(AttestationCheckId.ChainPath, result.FirstFailure!.Id);
        Assert.Equal(AttestationFailure.ChainInvalid, result.Failure);
        Assert.Equal(AttestationFailure.UntrustedRoot, result.GetCheck(AttestationCheckId.RootPinned).Failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(4000)]
    public void Truncated_nitrotpm_document_is_malformed(int cut)
    {
        var result = _verifier.Verify(AwsVectors.Tpm.AsMemory(0, AwsVectors.Tpm.Length - cut), AwsVectors.TpmTime);
        Verdicts.AssertFails(result, AttestationFailure.Malformed, AttestationCheckId.CoseStructure);
    }

    [Fact]
    public void Nitrotpm_document_never_satisfies_an_enclave_policy()
    {
        // The document's own PCR4 and PCR7, but as an enclave set: same indices, different registers.
        var pcrs = AttestationDocument.Decode(AwsVectors.Tpm).NitroTpmPcrs!;
        var enclaveSet = new ExpectedPcrSet("enclave release", [new(4, pcrs[4]), new(7, pcrs[7])]);
        var result = _verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmTime, new AttestationPolicy { ExpectedPcrSets = [enclaveSet] });

        var check = Verdicts.AssertFails(result, AttestationFailure.PolicyKindMismatch, AttestationCheckId.ExpectedPcrs);
        Assert.Contains("'enclave release' is a Nitro Enclave set and never matches a NitroTPM instance document", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.CoseSignature).Status);

        var expectEnclave = _verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmTime, new AttestationPolicy { ExpectedKind = AttestationDocumentKind.NitroEnclave });
        Verdicts.AssertFails(expectEnclave, AttestationFailure.PolicyKindMismatch, AttestationCheckId.ExpectedKind);
    }

    [Fact]
    public void Enclave_document_never_satisfies_a_nitrotpm_policy()
    {
        var pcrs = AttestationDocument.Decode(AwsVectors.Nitrite).Pcrs!;
        var tpmSet = new ExpectedPcrSet("ami", AttestationDocumentKind.NitroTpm, [new(4, pcrs[4])]);
        var result = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime, new AttestationPolicy { ExpectedPcrSets = [tpmSet] });
        Verdicts.AssertFails(result, AttestationFailure.PolicyKindMismatch, AttestationCheckId.ExpectedPcrs);

        var expectTpm = _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime, new AttestationPolicy { ExpectedKind = AttestationDocumentKind.NitroTpm });
        var check = Verdicts.AssertFails(expectTpm, AttestationFailure.PolicyKindMismatch, AttestationCheckId.ExpectedKind);
        Assert.Contains("this is a Nitro Enclave document", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Nitrotpm_set_of_the_documents_own_pcrs_matches_and_says_which_map()
    {
        var pcrs = AttestationDocument.Decode(AwsVectors.Tpm).NitroTpmPcrs!;
        var policy = new AttestationPolicy
        {
            ExpectedKind = AttestationDocumentKind.NitroTpm,
            ExpectedPcrSets =
            [
                new ExpectedPcrSet("enclave", [new(4, pcrs[4])]),
                new ExpectedPcrSet("ami", AttestationDocumentKind.NitroTpm, [new(4, pcrs[4]), new(7, pcrs[7]), new(12, pcrs[12])]),
            ],
        };
        var result = _verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmTime, policy);
        Verdicts.AssertValid(result);
        Assert.Equal("The nitrotpm_pcrs of this NitroTPM instance document match the expected set 'ami' (PCR4, PCR7, PCR12).", result.GetCheck(AttestationCheckId.ExpectedPcrs).Evidence);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.ExpectedKind).Status);
    }

    [Fact]
    public void Changed_tpm_pcr_in_the_expected_set_is_a_pcr_mismatch()
    {
        var pcr4 = AttestationDocument.Decode(AwsVectors.Tpm).NitroTpmPcrs![4].ToArray();
        pcr4[0] ^= 1;
        var policy = new AttestationPolicy { ExpectedPcrSets = [new ExpectedPcrSet("ami", AttestationDocumentKind.NitroTpm, [new(4, pcr4)])] };
        var check = Verdicts.AssertFails(_verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmTime, policy), AttestationFailure.PcrMismatch, AttestationCheckId.ExpectedPcrs);
        Assert.Contains("'ami' differs at PCR4", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Nitro_tpm_pcr_compute_output_of_the_documents_pcrs_is_a_nitrotpm_set_that_matches()
    {
        var pcrs = AttestationDocument.Decode(AwsVectors.Tpm).NitroTpmPcrs!;
        string Hex(int i) => Convert.ToHexStringLower(pcrs[i].Span);
        var json = $$$"""
            {"Measurements": {"HashAlgorithm": "SHA384", "PCR4": "{{{Hex(4)}}}", "PCR7": "{{{Hex(7)}}}", "PCR12": "{{{Hex(12)}}}"}}
            """;
        var set = ExpectedPcrSet.FromMeasurements("ami", Nsm.ExpectedMeasurements.Parse(json));
        Assert.Equal(AttestationDocumentKind.NitroTpm, set.Kind);

        Verdicts.AssertValid(_verifier.Verify(AwsVectors.Tpm, AwsVectors.TpmTime, new AttestationPolicy { ExpectedPcrSets = [set] }));
        Verdicts.AssertFails(
            _verifier.Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime, new AttestationPolicy { ExpectedPcrSets = [set] }),
            AttestationFailure.PolicyKindMismatch,
            AttestationCheckId.ExpectedPcrs);
    }

    private static int OffsetOfTpmPcr(byte[] document, int pcr)
    {
        // "nitrotpm_pcrs" b8 18, then per entry: index (00–17, or 18 nn) and 58 30 <48 bytes>.
        var map = document.AsSpan().IndexOf("nitrotpm_pcrs"u8) + "nitrotpm_pcrs".Length + 2;
        var offset = map;
        for (var i = 0; i < pcr; i++)
        {
            offset += (i < 24 ? 1 : 2) + 2 + 48;
        }

        return offset + (pcr < 24 ? 1 : 2) + 2;
    }
}
