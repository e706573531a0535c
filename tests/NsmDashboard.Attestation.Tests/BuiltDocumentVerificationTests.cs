using System.Security.Cryptography;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// Framings and signature forms the two real documents do not show (indefinite maps, high-S, tags, chunked strings,
/// null/empty fields), signed by a test CA shaped like AWS's and verified against that CA's root.
/// </summary>
public sealed class BuiltDocumentVerificationTests(TestChainFixture chain) : IClassFixture<TestChainFixture>
{
    private AttestationVerificationResult Verify(byte[] document, AttestationVerifier? verifier = null) =>
        (verifier ?? chain.ColdVerifier).Verify(document, chain.Ca.ValidAt);

    [Theory]
    [InlineData(false, SignatureForm.LowS, false)]
    [InlineData(false, SignatureForm.HighS, false)]
    [InlineData(true, SignatureForm.LowS, false)]
    [InlineData(true, SignatureForm.HighS, false)]
    [InlineData(true, SignatureForm.HighS, true)]
    public void Framing_and_signature_forms_verify(bool indefiniteMap, SignatureForm form, bool tagged)
    {
        var document = chain.Build(b =>
        {
            b.IndefiniteMap = indefiniteMap;
            b.Form = form;
            b.Tagged = tagged;
        });
        var result = Verify(document);

        Verdicts.AssertValid(result);
        Assert.Equal(AttestationTrustRootKind.Custom, result.TrustRoot.Kind);
        Assert.False(result.IsRootedInAws);
        Assert.Equal(indefiniteMap, result.Document!.IsPayloadMapIndefinite);
        Assert.Equal(tagged, result.Document.IsTagged);
        var signature = result.GetCheck(AttestationCheckId.CoseSignature);
        Assert.Contains(form == SignatureForm.HighS ? "high-S" : "low-S", signature.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void High_s_really_is_above_half_the_order_and_its_low_twin_also_verifies()
    {
        var high = chain.Build(b => b.Form = SignatureForm.HighS);
        var s = new System.Numerics.BigInteger(high.AsSpan(high.Length - 48), isUnsigned: true, isBigEndian: true);
        Assert.True(s > TestDocumentBuilder.P384Order / 2);

        var low = high.ToArray();
        TestDocumentBuilder.Reform(high[^96..], SignatureForm.LowS).CopyTo(low, low.Length - 96);
        Assert.NotEqual(high, low);
        Verdicts.AssertValid(Verify(high));
        Verdicts.AssertValid(Verify(low));
    }

    [Fact]
    public void Indefinite_map_is_reported_in_the_structure_check()
    {
        var result = Verify(chain.Build(b => b.IndefiniteMap = true));
        Assert.Contains("indefinite map", result.GetCheck(AttestationCheckId.CoseStructure).Evidence, StringComparison.Ordinal);
        Assert.Equal(0xbf, result.Document!.RawPayload.Span[0]);
    }

    [Fact]
    public void Chunked_payload_verifies_through_the_direct_ecdsa_path()
    {
        // CoseMessage.DecodeSign1 rejects a chunked payload byte string; RFC 8949 allows it, so the verifier checks
        // the Sig_structure itself.
        var builder = TestDocumentBuilder.For(chain.Ca);
        var payload = builder.EncodePayload();
        using var key = chain.Ca.LeafKey;
        var signature = key.SignData(TestDocumentBuilder.SigStructure(builder.ProtectedHeader, payload), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var writer = new System.Formats.Cbor.CborWriter(System.Formats.Cbor.CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartArray(4);
        writer.WriteByteString(builder.ProtectedHeader);
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteStartIndefiniteLengthByteString();
        writer.WriteByteString(payload.AsSpan(0, 1000));
        writer.WriteByteString(payload.AsSpan(1000));
        writer.WriteEndIndefiniteLengthByteString();
        writer.WriteByteString(signature);
        writer.WriteEndArray();

        var result = Verify(writer.Encode());
        Verdicts.AssertValid(result);
        Assert.Contains(result.GetCheck(AttestationCheckId.CoseSignature).Details, d => d.Label == "method" && d.Value.StartsWith("ECDsa.VerifyData", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a13affffffff80")] // label -2^32, the fuzz run's input
    [InlineData("a11a8000000000")] // label 2^31
    [InlineData("a13bffffffffffffffff00")] // label -2^64
    public void Unprotected_header_label_beyond_int32_is_checked_through_the_direct_ecdsa_path(string unprotectedHex)
    {
        // Found by the fuzz run: CoseMessage.DecodeSign1 let an OverflowException out for such a label (RFC 9052
        // allows any integer label). The unprotected header is not signed, so the document still verifies.
        var nitrite = AttestationDocument.Decode(AwsVectors.Nitrite);
        var document = TestDocumentBuilder.Envelope(
            nitrite.RawProtectedHeader.ToArray(), nitrite.RawPayload.ToArray(), nitrite.Signature.ToArray(), unprotected: Convert.FromHexString(unprotectedHex));

        var result = AwsVectors.ColdAwsVerifier().Verify(document, AwsVectors.NitriteTime);

        Verdicts.AssertValid(result);
        Assert.Contains(result.GetCheck(AttestationCheckId.CoseSignature).Details, d => d.Label == "method" && d.Value.StartsWith("ECDsa.VerifyData", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_empty_and_absent_optional_fields_verify()
    {
        var result = Verify(chain.Build(b =>
        {
            b.PublicKey = TestDocumentBuilder.Absent;
            b.UserData = [];
            b.Nonce = new byte[1024];
        }));
        Verdicts.AssertValid(result);
        Assert.Equal("public_key absent, user_data empty, nonce 1024 bytes (each at most 1024 bytes).", result.GetCheck(AttestationCheckId.OptionalFields).Evidence);
    }

    [Fact]
    public void Unknown_payload_key_is_shown_and_ignored()
    {
        var result = Verify(chain.Build(b => b.ExtraEntries.Add(("vendor_note", [0x61, 0x78]))));
        Verdicts.AssertValid(result);
        Assert.Contains(result.GetCheck(AttestationCheckId.CoseStructure).Details, d => d.Label == "unknown payload keys" && d.Value == "vendor_note");
    }

    [Fact]
    public void Test_ca_document_is_untrusted_against_the_aws_root()
    {
        var result = Verify(chain.Build(), TestVerifiers.ColdAwsVerifier());
        var check = Verdicts.AssertFails(result, AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);
        Assert.Contains("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", check.Evidence, StringComparison.Ordinal);
        Assert.Contains("test.nitro-enclaves", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(AttestationCheckStatus.Skipped, result.GetCheck(AttestationCheckId.ChainSignatures).Status);
        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.CoseSignature).Status);
    }

    [Fact]
    public void Look_alike_root_with_the_aws_name_is_never_trusted()
    {
        using var forged = TestCertificateAuthority.Create(rootName: "CN=aws.nitro-enclaves, OU=AWS, O=Amazon, C=US");
        var builder = TestDocumentBuilder.For(forged);
        using var key = forged.LeafKey;
        var result = TestVerifiers.ColdAwsVerifier().Verify(builder.Build(key), forged.ValidAt);

        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.ChainPath).Status);
        Verdicts.AssertFails(result, AttestationFailure.UntrustedRoot, AttestationCheckId.RootPinned);
    }

    [Fact]
    public void Real_aws_root_above_forged_intermediates_fails_the_chain_signatures()
    {
        // The bundle carries AWS's real root (so pinning passes) but the intermediates were signed by another key
        // under AWS's name, without key identifiers: only the signature check can catch it.
        using var forged = TestCertificateAuthority.Create(rootName: "CN=aws.nitro-enclaves, OU=AWS, O=Amazon, C=US", rootKeyIdentifiers: false);
        var builder = TestDocumentBuilder.For(forged);
        builder.CaBundle = [AwsVectors.AwsRootDer, .. forged.CaBundle.Skip(1)];
        using var key = forged.LeafKey;
        var result = TestVerifiers.ColdAwsVerifier().Verify(builder.Build(key), forged.ValidAt);

        Assert.Equal(AttestationCheckStatus.Passed, result.GetCheck(AttestationCheckId.RootPinned).Status);
        var check = Verdicts.AssertFails(result, AttestationFailure.ChainInvalid, AttestationCheckId.ChainSignatures);
        Assert.Contains("cabundle[1]", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaf_that_is_a_ca_breaks_the_constraints()
    {
        using var ca = TestCertificateAuthority.Create(leafIsCa: true);
        var builder = TestDocumentBuilder.For(ca);
        using var key = ca.LeafKey;
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = AttestationTrustRoot.FromCertificate(ca.Root), ChainCache = null });
        var check = Verdicts.AssertFails(verifier.Verify(builder.Build(key), ca.ValidAt), AttestationFailure.ConstraintsInvalid, AttestationCheckId.Constraints);
        Assert.Contains("leaf the signing certificate must not be a CA", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_length_too_short_breaks_the_constraints()
    {
        using var ca = TestCertificateAuthority.Create(regionalPathLength: 1);
        var builder = TestDocumentBuilder.For(ca);
        using var key = ca.LeafKey;
        var verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = AttestationTrustRoot.FromCertificate(ca.Root), ChainCache = null });
        var check = Verdicts.AssertFails(verifier.Verify(builder.Build(key), ca.ValidAt), AttestationFailure.ConstraintsInvalid, AttestationCheckId.Constraints);
        Assert.Contains("cabundle[1] pathLen 1 but 2 CA certificate(s) follow it", check.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_signed_by_another_key_fails_the_signature()
    {
        var builder = TestDocumentBuilder.For(chain.Ca);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Verdicts.AssertFails(Verify(builder.Build(other)), AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
    }

    [Fact]
    public void Short_signature_fails_with_its_length()
    {
        var document = chain.Build();
        var editor = new DocumentEditor(document);
        editor.Signature = editor.Signature[..95];
        var check = Verdicts.AssertFails(Verify(editor.Encode()), AttestationFailure.SignatureInvalid, AttestationCheckId.CoseSignature);
        Assert.Contains("95 bytes", check.Evidence, StringComparison.Ordinal);
    }
}
