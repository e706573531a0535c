using System.Formats.Cbor;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>Tampered copies of the real documents fail, each with the right reason and at the right check.</summary>
public sealed class TamperTests
{
    private readonly AttestationVerifier _verifier = TestVerifiers.ColdAwsVerifier();

    private AttestationVerificationResult VerifyNitrite(byte[] document) => _verifier.Verify(document, AwsVectors.NitriteTime);

    private static byte[] Flip(byte[] document, int offset)
    {
        var copy = document.ToArray();
        copy[offset] ^= 0x01;
        return copy;
    }

    [Theory]
    [InlineData(4, 0)] // PCR4, the only non-zero PCR of the debug document
    [InlineData(4, 47)]
    [InlineData(0, 10)]
    public void Changed_pcr_byte_breaks_the_signature(int pcr, int index)
    {
        var document = AwsVectors.Nitrite;
        var value = AttestationDocument.Decode(document).Pcrs![pcr].ToArray();
        var offset = pcr == 0 ? IndexOfPcr0(document) : document.AsSpan().IndexOf(value);
        var result = VerifyNitrite(Flip(document, offset + index));

        var check = Verdicts.AssertFails(result, AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
        Assert.Contains("does not verify", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.ChainSignatures).Status);
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("user_data")]
    [InlineData("module_id")]
    public void Changed_payload_field_breaks_the_signature(string field)
    {
        var document = AwsVectors.Nitrite;
        var decoded = AttestationDocument.Decode(document);
        var value = field switch
        {
            "nonce" => decoded.Nonce.Value.ToArray(),
            "user_data" => decoded.UserData.Value.ToArray(),
            _ => System.Text.Encoding.ASCII.GetBytes(decoded.ModuleId!),
        };
        var offset = document.AsSpan().IndexOf(value);
        Verdicts.AssertFails(VerifyNitrite(Flip(document, offset + 1)), AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(47)]
    [InlineData(48)]
    [InlineData(95)]
    public void Changed_signature_byte_fails_the_signature(int index)
    {
        var document = AwsVectors.Nitrite;
        var result = VerifyNitrite(Flip(document, document.Length - 96 + index));
        Verdicts.AssertFails(result, AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Fact]
    public void Other_algorithm_in_the_protected_header_is_unsupported()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite) { ProtectedHeader = [0xa1, 0x01, 0x38, 0x23] }; // ES512
        var result = VerifyNitrite(editor.Encode());
        var check = Verdicts.AssertFails(result, AttestationFailure.UnsupportedAlgorithm, AttestationCheckId.Algorithm);
        Assert.Contains("alg -36 (ES512)", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(AttestationCheckStatus.Skipped, result.GetCheck(AttestationCheckId.CoseSignature).Status);
    }

    [Fact]
    public void Extra_protected_header_entry_breaks_the_signature()
    {
        // {1: -35, 4: h'01'}: still ES384, but the protected header is part of the signed Sig_structure.
        var editor = new DocumentEditor(AwsVectors.Nitrite) { ProtectedHeader = [0xa2, 0x01, 0x38, 0x22, 0x04, 0x41, 0x01] };
        Verdicts.AssertFails(VerifyNitrite(editor.Encode()), AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Fact]
    public void Alg_in_the_unprotected_header_only_is_unsupported()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite) { ProtectedHeader = [], Unprotected = [0xa1, 0x01, 0x38, 0x22] };
        var check = Verdicts.AssertFails(VerifyNitrite(editor.Encode()), AttestationFailure.UnsupportedAlgorithm, AttestationCheckId.Algorithm);
        Assert.Contains("empty protected header", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotected_header_is_not_signed_and_is_shown()
    {
        // RFC 9052 §4.4: the unprotected bucket is outside the Sig_structure, so a kid there changes nothing signed.
        var editor = new DocumentEditor(AwsVectors.Nitrite) { Unprotected = [0xa1, 0x04, 0x41, 0x01] };
        var result = VerifyNitrite(editor.Encode());
        Verdicts.AssertValid(result);
        Assert.Contains(result.GetCheck(AttestationCheckId.CoseStructure).Details, d => d.Value.StartsWith("1 entry: a1044101", StringComparison.Ordinal));
    }

    [Fact]
    public void Swapped_cabundle_order_breaks_the_path()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var bundle = editor.GetCaBundle();
        (bundle[1], bundle[2]) = (bundle[2], bundle[1]);
        var result = VerifyNitrite(editor.SetCaBundle(bundle).Encode());
        var check = Verdicts.AssertFails(result, AttestationFailure.ChainInvalid, AttestationCheckId.ChainPath);
        Assert.Contains("does not chain", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(AttestationCheckStatus.Skipped, result.GetCheck(AttestationCheckId.ChainSignatures).Status);
    }

    [Fact]
    public void Reversed_cabundle_breaks_the_path()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var bundle = editor.GetCaBundle();
        bundle.Reverse();
        Verdicts.AssertFails(VerifyNitrite(editor.SetCaBundle(bundle).Encode()), AttestationFailure.ChainInvalid, AttestationCheckId.ChainPath);
    }

    [Fact]
    public void Bundle_without_its_root_breaks_the_path()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var bundle = editor.GetCaBundle();
        var result = VerifyNitrite(editor.SetCaBundle(bundle.Skip(1)).Encode());
        Verdicts.AssertFails(result, AttestationFailure.ChainInvalid, AttestationCheckId.ChainPath);
        Assert.Equal(AttestationFailure.UntrustedRoot, result.GetCheck(AttestationCheckId.RootPinned).Failure);
    }

    [Fact]
    public void Leaf_swapped_for_another_enclaves_leaf_breaks_the_path()
    {
        var other = AttestationDocument.Decode(AwsVectors.Evervault).Certificate!.Value.ToArray();
        var editor = new DocumentEditor(AwsVectors.Nitrite).SetBytes("certificate", other);
        var check = Verdicts.AssertFails(VerifyNitrite(editor.Encode()), AttestationFailure.ChainInvalid, AttestationCheckId.ChainPath);
        Assert.Contains("leaf names issuer", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Intermediate_swapped_for_another_regions_breaks_the_path()
    {
        var otherBundle = new DocumentEditor(AwsVectors.Evervault).GetCaBundle();
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var bundle = editor.GetCaBundle();
        bundle[2] = otherBundle[2];
        Verdicts.AssertFails(VerifyNitrite(editor.SetCaBundle(bundle).Encode()), AttestationFailure.ChainInvalid, AttestationCheckId.ChainPath);
    }

    [Fact]
    public void Leaf_with_a_changed_signature_fails_the_chain_signatures()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var leaf = AttestationDocument.Decode(AwsVectors.Nitrite).Certificate!.Value.ToArray();
        leaf[^5] ^= 0x01; // inside the DER signature value: still parses, no longer verifies
        var result = VerifyNitrite(editor.SetBytes("certificate", leaf).Encode());
        var check = Verdicts.AssertFails(result, AttestationFailure.ChainInvalid, AttestationCheckId.ChainSignatures);
        Assert.Contains("NotSignatureValid", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_document_is_malformed()
    {
        var document = AwsVectors.Nitrite;
        var result = VerifyNitrite(document[..^1]);
        var check = Verdicts.AssertFails(result, AttestationFailure.Malformed, AttestationCheckId.CoseStructure);
        Assert.Contains("signature", check.Evidence, StringComparison.Ordinal);
        Assert.NotNull(result.DecodeError);
        Assert.Null(result.Document);
        Assert.All(result.Checks.Skip(1), c => Assert.True(c.Status is AttestationCheckStatus.Skipped or AttestationCheckStatus.NotApplicable, c.ToString()));
    }

    [Fact]
    public void Trailing_bytes_are_malformed()
    {
        var check = Verdicts.AssertFails(VerifyNitrite([.. AwsVectors.Nitrite, 0x00]), AttestationFailure.Malformed, AttestationCheckId.CoseStructure);
        Assert.Contains("trailing", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Re_encoding_the_payload_breaks_the_signature()
    {
        // The same map written indefinite-length is different signed bytes: a verifier must never re-encode.
        var editor = new DocumentEditor(AwsVectors.Nitrite) { IndefiniteMap = true };
        Verdicts.AssertFails(VerifyNitrite(editor.Encode()), AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Theory]
    [InlineData("module_id", null, AttestationCheckId.MandatoryFields)]
    [InlineData("digest", "66534841323536", AttestationCheckId.Digest)]
    [InlineData("module_id", "60", AttestationCheckId.ModuleId)]
    [InlineData("timestamp", "00", AttestationCheckId.Timestamp)]
    [InlineData("timestamp", "f6", AttestationCheckId.MandatoryFields)]
    [InlineData("pcrs", "a0", AttestationCheckId.Pcrs)]
    [InlineData("pcrs", "a1182040", AttestationCheckId.Pcrs)]
    [InlineData("cabundle", "80", AttestationCheckId.CertificateFields)]
    public void Broken_syntax_rules_fail_their_check(string key, string? valueHex, AttestationCheckId check)
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        if (valueHex is null)
        {
            editor.Remove(key);
        }
        else
        {
            editor.Set(key, Convert.FromHexString(valueHex));
        }

        var result = VerifyNitrite(editor.Encode());
        Verdicts.AssertFails(result, AttestationFailure.SyntaxInvalid, check);
    }

    [Theory]
    [InlineData(47)]
    [InlineData(49)]
    public void Pcr_of_a_wrong_length_fails_the_pcr_rule(int length)
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var writer = new CborWriter();
        writer.WriteStartMap(1);
        writer.WriteInt32(0);
        writer.WriteByteString(new byte[length]);
        writer.WriteEndMap();
        var check = Verdicts.AssertFails(VerifyNitrite(editor.Set("pcrs", writer.Encode()).Encode()), AttestationFailure.SyntaxInvalid, AttestationCheckId.Pcrs);
        Assert.Contains($"PCR0 is {length} bytes", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_nonce_fails_the_optional_field_rule()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite).SetBytes("nonce", new byte[1025]);
        var check = Verdicts.AssertFails(VerifyNitrite(editor.Encode()), AttestationFailure.SyntaxInvalid, AttestationCheckId.OptionalFields);
        Assert.Contains("nonce is 1025 bytes", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Qemu_style_unsigned_document_is_rejected()
    {
        // QEMU's virtio-nsm (docs/attestation-document.md#qemu-documents): alg -1, 64 zero bytes for certificate, cabundle and signature.
        var editor = new DocumentEditor(AwsVectors.Nitrite)
        {
            ProtectedHeader = [0xa1, 0x01, 0x20],
            Signature = new byte[64],
        };
        editor.SetBytes("certificate", new byte[64]).SetCaBundle([new byte[64]]);
        var result = VerifyNitrite(editor.Encode());
        Verdicts.AssertFails(result, AttestationFailure.UnsupportedAlgorithm, AttestationCheckId.Algorithm);
        Assert.Equal(AttestationFailure.CertificateMalformed, result.GetCheck(AttestationCheckId.Certificates).Failure);
        Assert.Equal(AttestationFailure.UntrustedRoot, result.GetCheck(AttestationCheckId.RootPinned).Failure);
    }

    private static int IndexOfPcr0(byte[] document)
    {
        // "pcrs" map: 64 70637273 b0 00 58 30 <48 bytes>; PCR0's value follows "00 58 30".
        var pcrs = document.AsSpan().IndexOf("\u0064pcrs"u8);
        return pcrs + 5 + 1 + 3;
    }
}
