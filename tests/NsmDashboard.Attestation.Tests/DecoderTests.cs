using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>Field-by-field decoding of the real documents and of hand-built framings (docs/attestation-document.md).</summary>
public sealed class DecoderTests
{
    [Fact]
    public void Nitrite_document_decodes_every_field()
    {
        var document = AttestationDocument.Decode(AwsVectors.Nitrite);

        Assert.False(document.IsTagged);
        Assert.False(document.IsEnvelopeIndefinite);
        Assert.False(document.IsPayloadMapIndefinite);
        Assert.Equal(-35, document.Algorithm);
        Assert.Equal("a1013822", Convert.ToHexStringLower(document.RawProtectedHeader.Span));
        Assert.Equal("a0", Convert.ToHexStringLower(document.RawUnprotectedHeader.Span));
        Assert.Equal(96, document.Signature.Length);
        Assert.Equal(AwsVectors.Nitrite.Length, document.Encoded.Length);
        Assert.Equal(
            ["module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"],
            document.PayloadKeys);
        Assert.Empty(document.UnknownKeys);

        Assert.Equal("i-0809849710bf1b61b-enc017cc45400406a27", document.ModuleId);
        Assert.Equal("SHA384", document.Digest);
        Assert.Equal(1635440522077UL, document.TimestampMilliseconds);
        Assert.Equal(new DateTimeOffset(2021, 10, 28, 17, 2, 2, 77, TimeSpan.Zero), document.Timestamp);
        Assert.Equal(TimeSpan.Zero, document.Timestamp!.Value.Offset);

        var pcrs = document.Pcrs!;
        Assert.Equal(Enumerable.Range(0, 16), pcrs.Keys);
        Assert.All(pcrs.Values, v => Assert.Equal(48, v.Length));
        foreach (var index in new[] { 0, 1, 2 })
        {
            Assert.True(pcrs[index].Span.IndexOfAnyExcept((byte)0) < 0, $"PCR{index} should be zero in debug mode");
        }

        Assert.True(pcrs[4].Span.IndexOfAnyExcept((byte)0) >= 0);
        Assert.True(document.IsDebugMode);

        Assert.Equal(4, document.CaBundle!.Count);
        Assert.Equal(AwsVectors.AwsRootDer, document.CaBundle[0].ToArray());
        Assert.Equal(0x30, document.Certificate!.Value.Span[0]);

        Assert.Equal(OptionalBytesKind.Empty, document.PublicKey.Kind);
        Assert.True(document.PublicKey.HasBytes);
        Assert.Equal(0, document.PublicKey.Length);
        Assert.Equal("empty", document.PublicKey.ToString());
        Assert.Equal(OptionalBytesKind.Bytes, document.UserData.Kind);
        Assert.Equal(64, document.UserData.Length);
        Assert.Equal(OptionalBytesKind.Bytes, document.Nonce.Kind);
        Assert.Equal(20, document.Nonce.Length);
        Assert.Equal(AttestationFieldPresence.Present, document.GetPresence("public_key"));
    }

    [Fact]
    public void Evervault_document_decodes_every_field()
    {
        var document = AttestationDocument.Decode(AwsVectors.Evervault);

        Assert.Equal("SHA384", document.Digest);
        Assert.Equal(1665651482136UL, document.TimestampMilliseconds);
        Assert.Equal(new DateTimeOffset(2022, 10, 13, 8, 58, 2, 136, TimeSpan.Zero), document.Timestamp);
        Assert.StartsWith("i-020b6af9246d90e92-enc", document.ModuleId);
        Assert.False(document.IsDebugMode);
        foreach (var index in new[] { 0, 1, 2, 3, 4, 8 })
        {
            Assert.True(document.Pcrs![index].Span.IndexOfAnyExcept((byte)0) >= 0, $"PCR{index} should be set");
        }

        Assert.Equal(OptionalBytesKind.Null, document.PublicKey.Kind);
        Assert.Equal(OptionalBytesKind.Null, document.UserData.Kind);
        Assert.False(document.UserData.HasBytes);
        Assert.Equal(AttestationFieldPresence.Null, document.GetPresence("public_key"));
        Assert.Equal(OptionalBytesKind.Bytes, document.Nonce.Kind);
        Assert.Equal(256, document.Nonce.Length);
        Assert.Equal(4, document.CaBundle!.Count);
    }

    [Fact]
    public void Certificates_parse_lazily_into_X509Certificate2()
    {
        var document = AttestationDocument.Decode(AwsVectors.Nitrite);
        using var leaf = document.GetCertificate();
        using var root = document.GetCaBundleCertificate(0);

        Assert.Contains("i-0809849710bf1b61b-enc017cc45400406a27", leaf.Subject, StringComparison.Ordinal);
        Assert.Equal("CN=aws.nitro-enclaves, OU=AWS, O=Amazon, C=US", root.Subject);
        Assert.Throws<ArgumentOutOfRangeException>(() => document.GetCaBundleCertificate(4));
    }

    [Fact]
    public void Sig_structure_is_built_from_the_received_bytes()
    {
        var document = AttestationDocument.Decode(AwsVectors.Nitrite);
        var sig = document.GetSigStructure();

        // 84 6a "Signature1" 44 a1013822 40 59 LLLL <payload> (docs/attestation-document.md#sig-structure)
        Assert.Equal("846a5369676e61747572653144a101382240", Convert.ToHexStringLower(sig.AsSpan(0, 18)));
        Assert.Equal(0x59, sig[18]);
        Assert.Equal(document.RawPayload.ToArray(), sig[21..]);
    }

    [Fact]
    public void Tagged_envelope_is_accepted_and_reported()
    {
        var document = AttestationDocument.Decode([0xd2, .. AwsVectors.Evervault]);
        Assert.True(document.IsTagged);
        Assert.Equal(-35, document.Algorithm);
    }

    [Fact]
    public void Indefinite_payload_map_and_indefinite_envelope_are_accepted()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite) { IndefiniteMap = true };
        var payload = editor.EncodePayload();
        Assert.Equal(0xbf, payload[0]);
        Assert.Equal(0xff, payload[^1]);

        var document = AttestationDocument.Decode(editor.Encode());
        Assert.True(document.IsPayloadMapIndefinite);
        Assert.Equal(20, document.Nonce.Length);

        // Envelope as 9f … ff (RFC 8949 allows it; the spec asks decoders to tolerate it).
        byte[] indefinite = [0x9f, .. AwsVectors.Nitrite.AsSpan(1), 0xff];
        Assert.True(AttestationDocument.Decode(indefinite).IsEnvelopeIndefinite);
    }

    [Fact]
    public void Unmodified_editor_round_trip_is_byte_identical()
    {
        Assert.Equal(AwsVectors.Nitrite, new DocumentEditor(AwsVectors.Nitrite).Encode());
        Assert.Equal(AwsVectors.Evervault, new DocumentEditor(AwsVectors.Evervault).Encode());
    }

    [Fact]
    public void Absent_null_empty_and_bytes_are_told_apart()
    {
        using var ca = TestCertificateAuthority.Create();
        var builder = TestDocumentBuilder.For(ca);
        builder.PublicKey = TestDocumentBuilder.Absent;
        builder.UserData = [];
        builder.Nonce = [1, 2, 3];
        using var key = ca.LeafKey;
        var document = AttestationDocument.Decode(builder.Build(key));

        Assert.Equal(OptionalBytes.Absent, document.PublicKey);
        Assert.Equal(AttestationFieldPresence.Absent, document.GetPresence("public_key"));
        Assert.Equal(OptionalBytesKind.Empty, document.UserData.Kind);
        Assert.Equal(OptionalBytes.FromBytes(new byte[] { 1, 2, 3 }), document.Nonce);
        Assert.Equal("3 bytes", document.Nonce.ToString());
    }

    [Fact]
    public void Missing_and_null_mandatory_fields_decode_and_are_left_to_the_verifier()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite).Remove("module_id").Set("digest", [0xf6]);
        var document = AttestationDocument.Decode(editor.Encode());

        Assert.Null(document.ModuleId);
        Assert.Null(document.Digest);
        Assert.Equal(AttestationFieldPresence.Absent, document.GetPresence("module_id"));
        Assert.Equal(AttestationFieldPresence.Null, document.GetPresence("digest"));
    }

    [Fact]
    public void Unknown_payload_keys_are_kept()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite).Set("extra", [0x01]);
        var document = AttestationDocument.Decode(editor.Encode());
        Assert.Equal(["extra"], document.UnknownKeys);
        Assert.Equal("extra", document.PayloadKeys[^1]);
    }

    [Fact]
    public void Chunked_byte_strings_are_joined()
    {
        // Nonce as 5f 42 0102 41 03 ff (two chunks).
        var editor = new DocumentEditor(AwsVectors.Nitrite).Set("nonce", [0x5f, 0x42, 0x01, 0x02, 0x41, 0x03, 0xff]);
        var document = AttestationDocument.Decode(editor.Encode());
        Assert.Equal(new byte[] { 1, 2, 3 }, document.Nonce.Value.ToArray());
    }

    [Fact]
    public void Decode_copies_its_input()
    {
        var bytes = AwsVectors.Nitrite;
        var document = AttestationDocument.Decode(bytes);
        var moduleIdBefore = document.ModuleId;
        Array.Clear(bytes);
        Assert.Equal(moduleIdBefore, document.ModuleId);
        Assert.Equal(0x84, document.Encoded.Span[0]);
    }
}
