using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Nsm.Protocol;
using static NsmDashboard.Nsm.Tests.Emulator.EmulatorTestKit;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>Emulator documents have the exact framing of real ones and verify with plain .NET (docs/attestation-document.md).</summary>
public class NsmEmulatorAttestationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    [Fact]
    public void Response_starts_like_a_real_attestation_response()
    {
        using var emulator = Create();

        var response = Hex.Of(Exchange(emulator, NsmCbor.EncodeRequest(new AttestationRequest())));

        // docs/nsm-messages.md#hex-vectors "Attestation response (head)": a1 "Attestation" a1 "document" 59 xxxx 8444a1013822a0…
        Assert.StartsWith("a16b4174746573746174696f6ea168646f63756d656e7459", response, StringComparison.Ordinal);
        Assert.Equal("8444a1013822a059", response.Substring(52, 16));
    }

    [Fact]
    public void Document_first_eight_bytes_are_those_of_every_real_document()
    {
        using var emulator = Create();

        var document = Attest(emulator);

        Assert.Equal("8444a1013822a059", Hex.Of(document.AsSpan(0, 8)));
        Assert.Equal("5860", Hex.Of(document.AsSpan(document.Length - 98, 2)));
    }

    [Fact]
    public void Payload_keys_are_in_the_real_order_in_a_definite_map()
    {
        using var emulator = Create();

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal(
            ["module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce"],
            document.Keys);
        Assert.False(document.IndefiniteMap);
        Assert.Equal(0xa9, document.Payload[0]);
        Assert.Equal(ModuleId, document.ModuleId);
        Assert.Equal("SHA384", document.Digest);
    }

    [Fact]
    public void Indefinite_payload_option_writes_bf_to_ff_and_still_verifies()
    {
        using var emulator = Create(o => o.IndefiniteLengthPayload = true);

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.True(document.IndefiniteMap);
        Assert.Equal(0xbf, document.Payload[0]);
        Assert.Equal(0xff, document.Payload[^1]);
        Assert.Equal(9, document.Keys.Count);
        Assert.True(document.SignatureVerifies());
    }

    [Fact]
    public void Timestamp_is_the_clock_in_milliseconds_always_in_the_8_byte_form()
    {
        var clock = new ManualTimeProvider(Start);
        using var emulator = Create(o => o.TimeProvider = clock);

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal((ulong)Start.ToUnixTimeMilliseconds(), document.Timestamp);
        Assert.Equal("1b" + Start.ToUnixTimeMilliseconds().ToString("x16", System.Globalization.CultureInfo.InvariantCulture), Hex.Of(document.RawValues["timestamp"]));
    }

    [Fact]
    public void Timestamp_keeps_the_8_byte_form_even_where_a_shorter_one_exists()
    {
        // One day after the epoch is 86 400 000 ms, which CBOR could write in 5 bytes (1a 05265c00).
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        using var emulator = Create(o => o.TimeProvider = clock);

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal("1b0000000005265c00", Hex.Of(document.RawValues["timestamp"]));
        Assert.True(document.SignatureVerifies());
    }

    [Fact]
    public void Pcrs_hold_only_the_locked_pcrs_ascending_with_their_current_values()
    {
        using var emulator = Create();
        Send(emulator, new ExtendPcrRequest(20, new byte[] { 7 }));
        Send(emulator, new ExtendPcrRequest(16, new byte[] { 9 }));
        Send(emulator, new LockPcrRequest(20));

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal([.. Enumerable.Range(0, 16), 20], document.Pcrs.Select(p => p.Key));
        foreach (var (index, value) in document.Pcrs)
        {
            Assert.Equal(48, value.Length);
            Assert.Equal(Pcr(emulator, (ushort)index).Data.ToArray(), value);
        }

        // Keys are shortest-form uints (00 … 0f, 14) as in real documents.
        Assert.Equal("b1005830", Hex.Of(document.RawValues["pcrs"].AsSpan(0, 4)));
    }

    [Fact]
    public void Absent_optionals_are_null_and_given_ones_are_byte_strings()
    {
        using var emulator = Create();

        var empty = AttestationDocumentReader.Read(Attest(emulator));
        var filled = AttestationDocumentReader.Read(Attest(emulator, new AttestationRequest(
            UserData: new byte[] { 1, 2, 3, 4 },
            Nonce: new byte[] { 0xaa, 0xbb },
            PublicKey: ReadOnlyMemory<byte>.Empty)));

        Assert.Equal("f6", Hex.Of(empty.RawValues["public_key"]));
        Assert.Equal("f6", Hex.Of(empty.RawValues["user_data"]));
        Assert.Equal("f6", Hex.Of(empty.RawValues["nonce"]));
        Assert.Equal("4401020304", Hex.Of(filled.RawValues["user_data"]));
        Assert.Equal("42aabb", Hex.Of(filled.RawValues["nonce"]));
        Assert.Equal("40", Hex.Of(filled.RawValues["public_key"]));
    }

    [Fact]
    public void Signature_is_raw_ES384_over_the_Sig_structure_and_verifies_with_the_leaf_key()
    {
        using var emulator = Create();

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.Equal("a1013822", Hex.Of(document.ProtectedHeader));
        Assert.Equal(96, document.Signature.Length);
        Assert.StartsWith("846a5369676e61747572653144a101382240", Hex.Of(document.SigStructure()), StringComparison.Ordinal);
        Assert.True(document.SignatureVerifies());
    }

    [Fact]
    public void A_changed_payload_byte_breaks_the_signature()
    {
        using var emulator = Create();
        var bytes = Attest(emulator);

        // Flip a byte inside the module id text (the payload starts at offset 10, after 84 44 a1013822 a0 59 LLLL;
        // the module id text at payload offset 13, after a9 69 "module_id" 78 27).
        bytes[10 + 20] ^= 0x01;

        Assert.False(AttestationDocumentReader.Read(bytes).SignatureVerifies());
    }

    [Fact]
    public void Chain_builds_to_the_pinned_emulator_root_at_the_document_time()
    {
        using var emulator = Create();

        var document = AttestationDocumentReader.Read(Attest(emulator));
        var (built, status, length) = document.BuildChain(emulator.CertificateAuthority.RootCertificate);

        Assert.True(built, status.ToString());
        Assert.Equal(5, length);
        Assert.Equal(4, document.CaBundle.Count);
        Assert.Equal(emulator.CertificateAuthority.RootCertificate.RawData, document.CaBundle[0]);
    }

    [Fact]
    public void Chain_does_not_build_against_another_root()
    {
        using var emulator = Create();
        using var other = Create();

        var document = AttestationDocumentReader.Read(Attest(emulator));

        Assert.False(document.BuildChain(other.CertificateAuthority.RootCertificate).Built);
    }

    [Fact]
    public void CoseSign1Message_decodes_and_verifies_the_document()
    {
        using var emulator = Create(o => o.IndefiniteLengthPayload = false);
        var bytes = Attest(emulator, new AttestationRequest(Nonce: RandomNumberGenerator.GetBytes(32)));
        var document = AttestationDocumentReader.Read(bytes);
        using var leaf = X509CertificateLoader.LoadCertificate(document.Certificate);
        using var key = leaf.GetECDsaPublicKey()!;

        var message = CoseMessage.DecodeSign1(bytes);

        Assert.Equal(document.Payload, message.Content!.Value.ToArray());
        Assert.True(message.VerifyEmbedded(key));
    }
}
