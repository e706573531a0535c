using System.Formats.Cbor;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>
/// The raw structure view: the bytes as received, item by item, for operators whose other parser rejects a
/// document that verifies here. Every offset is checked against the document's own bytes.
/// </summary>
public sealed class StructureTests
{
    private static AttestationStructure Read(byte[] document) => AttestationStructure.Read(AttestationDocument.Decode(document));

    public static TheoryData<string> AllRealDocuments =>
        new(AwsVectors.RealDocuments().Concat(AwsVectors.RealNitroTpmDocuments()).Select(d => d.Name));

    [Theory]
    [MemberData(nameof(AllRealDocuments))]
    public void Every_item_sits_where_its_offset_says(string file)
    {
        var document = AwsVectors.Read(file);
        var structure = Read(document);

        Assert.Equal(document.Length, structure.Length);
        Assert.False(structure.PayloadOffsetsAreJoined);
        foreach (var item in Items(structure))
        {
            Assert.Equal(item.InitialByte, document[item.Offset]);
            Assert.True(item.Offset + item.EncodedLength <= document.Length);
        }

        Assert.Equal(document.Length, structure.Envelope.EncodedLength);
        Assert.Equal(structure.Payload.Offset + structure.Payload.HeadLength, structure.PayloadMap.Offset);
        Assert.Equal(structure.Payload.Argument, (ulong)structure.PayloadMap.EncodedLength);
        Assert.Equal(AttestationDocument.Decode(document).PayloadKeys, structure.Fields.Select(f => f.Key));
        Assert.Equal(0, structure.RootIndex);
        Assert.Equal("AWS Nitro Enclaves Root G1", structure.CaBundle[0].TrustedRoot);
        Assert.True(structure.CaBundle[0].SelfIssued);
        Assert.All(structure.CaBundle.Skip(1), e => Assert.Null(e.TrustedRoot));
        Assert.Equal(96, structure.Signature.Length);
        Assert.Equal(document.Length - 96, structure.Signature.Item.Offset + structure.Signature.Item.HeadLength);
    }

    [Fact]
    public void Nitrite_2021_is_untagged_definite_with_the_nsm_key_order_and_an_8_byte_timestamp()
    {
        var structure = Read(AwsVectors.Nitrite);

        Assert.False(structure.Tagged);
        Assert.Null(structure.Tag);
        Assert.Equal(0x84, structure.Envelope.InitialByte);
        Assert.Equal(4UL, structure.Envelope.Argument);
        Assert.Equal(CborMajorType.ByteString, structure.ProtectedHeader.MajorType);
        Assert.Equal((ulong)4, structure.ProtectedHeader.Argument);
        var alg = Assert.Single(structure.ProtectedHeaderEntries);
        Assert.Equal(("1", "-35 (ES384)"), (alg.Label, alg.Value));
        Assert.Equal(0xa0, structure.UnprotectedHeader.InitialByte);
        Assert.Empty(structure.UnprotectedHeaderEntries);

        Assert.Equal(0xa9, structure.PayloadMap.InitialByte);
        Assert.False(structure.PayloadMap.Indefinite);
        Assert.Equal(["module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"], structure.Fields.Select(f => f.Key));
        Assert.All(structure.Fields, f => Assert.True(f.Known));
        Assert.False(structure.KeysInDeterministicOrder);

        var timestamp = structure.Fields.Single(f => f.Key == "timestamp").Value;
        Assert.Equal(("uint", 9, true), (timestamp.TypeName, timestamp.HeadLength, timestamp.ShortestHead));
        Assert.Empty(structure.NonShortestHeads);

        var pcrs = structure.Fields.Single(f => f.Key == "pcrs");
        Assert.Equal(("map", 16UL), (pcrs.Value.TypeName, pcrs.Value.Argument!.Value));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), pcrs.Elements.Select(e => e.Label));
        Assert.All(pcrs.Elements, e => Assert.Equal(("bstr", 48UL), (e.Item.TypeName, e.Item.Argument!.Value)));

        var publicKey = structure.Fields.Single(f => f.Key == "public_key").Value;
        Assert.Equal(("bstr", 0UL), (publicKey.TypeName, publicKey.Argument!.Value));
        Assert.Equal(4, structure.Fields.Single(f => f.Key == "cabundle").Elements.Count);
        Assert.False(structure.Signature.HighS);
    }

    [Fact]
    public void Indefinite_payload_map_and_high_s_of_2025_are_shown()
    {
        var structure = Read(AwsVectors.Read(AwsVectors.FastcryptoFile));

        Assert.Equal(0xbf, structure.PayloadMap.InitialByte);
        Assert.True(structure.PayloadMap.Indefinite);
        Assert.Null(structure.PayloadMap.Argument);
        Assert.True(structure.Signature.HighS);
        Assert.Equal(96, structure.Signature.R!.Length);
        Assert.Equal(96, structure.Signature.S!.Length);
        Assert.Equal(17, structure.Fields.Single(f => f.Key == "pcrs").Elements.Count);
        var userData = structure.Fields.Single(f => f.Key == "user_data").Value;
        Assert.Equal(0x40, userData.InitialByte);
        Assert.Equal("null", structure.Fields.Single(f => f.Key == "nonce").Value.TypeName);
    }

    [Fact]
    public void Nitrotpm_pcrs_are_a_known_field_of_24_sha384_values()
    {
        var structure = Read(AwsVectors.Tpm);
        var field = structure.Fields.Single(f => f.Key == "nitrotpm_pcrs");
        Assert.True(field.Known);
        Assert.Equal(0xb8, field.Value.InitialByte);
        Assert.Equal(24, field.Elements.Count);
        Assert.All(field.Elements, e => Assert.Equal(48UL, e.Item.Argument));
        Assert.DoesNotContain(structure.Fields, f => f.Key == "pcrs");
    }

    [Fact]
    public void Tag_18_is_shown_before_the_envelope()
    {
        var structure = Read([0xd2, .. AwsVectors.Nitrite]);
        Assert.True(structure.Tagged);
        Assert.Equal((0, 18UL, CborMajorType.Tag), (structure.Tag!.Offset, structure.Tag.Argument!.Value, structure.Tag.MajorType));
        Assert.Equal(1, structure.Envelope.Offset);
    }

    [Fact]
    public void Unknown_keys_keep_their_place_and_type()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        editor.Entries.Insert(2, ("vendor_extension", [0x82, 0x01, 0x02]));
        var structure = Read(editor.Encode());
        var field = structure.Fields[2];
        Assert.Equal(("vendor_extension", false, "array", 2UL), (field.Key, field.Known, field.Value.TypeName, field.Value.Argument!.Value));
        Assert.Equal(["[0]", "[1]"], field.Elements.Select(e => e.Label));
    }

    [Fact]
    public void Root_is_found_wherever_the_bundle_puts_it()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var bundle = editor.GetCaBundle();
        bundle.Reverse();
        var structure = Read(editor.SetCaBundle(bundle).Encode());
        Assert.Equal(3, structure.RootIndex);
        Assert.Equal("AWS Nitro Enclaves Root G1", structure.CaBundle[3].TrustedRoot);

        using var ca = TestCertificateAuthority.Create();
        var other = AttestationStructure.Read(AttestationDocument.Decode(AwsVectors.Nitrite), [AttestationTrustRoot.FromCertificate(ca.Root, "test root")]);
        Assert.Null(other.RootIndex);
        Assert.True(other.CaBundle[0].SelfIssued);
    }

    [Fact]
    public void Chunked_payload_offsets_count_in_the_joined_payload()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        var payload = editor.EncodePayload();
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartArray(4);
        writer.WriteByteString(editor.ProtectedHeader);
        writer.WriteEncodedValue(editor.Unprotected);
        writer.WriteStartIndefiniteLengthByteString();
        writer.WriteByteString(payload.AsSpan(0, 100));
        writer.WriteByteString(payload.AsSpan(100));
        writer.WriteEndIndefiniteLengthByteString();
        writer.WriteByteString(editor.Signature);
        writer.WriteEndArray();

        var structure = Read(writer.Encode());
        Assert.True(structure.PayloadOffsetsAreJoined);
        Assert.True(structure.Payload.Indefinite);
        Assert.Equal(0, structure.PayloadMap.Offset);
        Assert.All(structure.Fields, f => Assert.Equal(f.KeyItem.InitialByte, payload[f.KeyItem.Offset]));
    }

    [Fact]
    public void Non_shortest_heads_are_listed_by_path()
    {
        // A 3-byte nonce with a 1-byte length argument (58 03): valid CBOR, not the preferred serialization.
        var editor = new DocumentEditor(AwsVectors.Nitrite).Set("nonce", [0x58, 0x03, 0x01, 0x02, 0x03]);
        var structure = Read(editor.Encode());
        Assert.Equal(["payload.nonce"], structure.NonShortestHeads);
        var nonce = structure.Fields.Single(f => f.Key == "nonce").Value;
        Assert.Equal((2, 3UL, false), (nonce.HeadLength, nonce.Argument!.Value, nonce.ShortestHead));
    }

    private static IEnumerable<CborItemInfo> Items(AttestationStructure s)
    {
        yield return s.Envelope;
        yield return s.ProtectedHeader;
        yield return s.UnprotectedHeader;
        yield return s.Payload;
        yield return s.PayloadMap;
        yield return s.Signature.Item;
        foreach (var field in s.Fields)
        {
            yield return field.KeyItem;
            yield return field.Value;
            foreach (var element in field.Elements)
            {
                yield return element.Item;
            }
        }
    }
}
