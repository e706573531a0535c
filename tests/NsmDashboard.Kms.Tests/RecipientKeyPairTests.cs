using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace NsmDashboard.Kms.Tests;

public sealed class RecipientKeyPairTests
{
    private static readonly byte[] Secret = "a data key KMS would return, 32 bytes"u8.ToArray();

    [Fact]
    public void A_kms_style_envelope_opens_and_shows_only_length_and_digests()
    {
        using var pair = RecipientKeyPair.Create();
        var base64 = Convert.ToBase64String(KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret), Base64FormattingOptions.InsertLineBreaks);

        var result = pair.Decrypt(base64);

        Assert.Equal(Secret.Length, result.PlaintextLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Secret)), result.PlaintextSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(Secret)), result.PlaintextSha384);
        Assert.Equal("RSAES-OAEP with SHA-256", result.KeyEncryptionAlgorithm);
        Assert.Equal("AES-256-CBC", result.ContentEncryptionAlgorithm);
        Assert.Equal(1, result.RecipientCount);
        Assert.DoesNotContain(Convert.ToHexString(Secret), result.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_indefinite_length_ber_envelope_opens_too()
    {
        using var pair = RecipientKeyPair.Create();
        var ber = KmsEnvelopes.Indefinite(KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret));
        Assert.Equal(0x80, ber[1]); // the outer SEQUENCE has an indefinite length

        Assert.Equal(Secret.Length, pair.Decrypt(ber).PlaintextLength);
    }

    [Fact]
    public void An_issuer_and_serial_recipient_opens_as_well()
    {
        using var pair = RecipientKeyPair.Create();

        var result = pair.Decrypt(KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret, identifier: SubjectIdentifierType.IssuerAndSerialNumber));

        Assert.Equal(Secret.Length, result.PlaintextLength);
    }

    [Fact]
    public void An_envelope_made_for_another_key_is_refused()
    {
        using var pair = RecipientKeyPair.Create();
        using var other = RecipientKeyPair.Create();

        var error = Assert.Throws<RecipientException>(() => pair.Decrypt(KmsEnvelopes.Make(other.SubjectPublicKeyInfo, Secret)));

        Assert.Equal(RecipientFailure.NotForThisKey, error.Failure);
        Assert.Contains(pair.PublicKeySha256, error.Message, StringComparison.Ordinal);
        Assert.Contains("made for another public key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", RecipientFailure.NotBase64)]
    [InlineData("   \n", RecipientFailure.NotBase64)]
    [InlineData("not base64!", RecipientFailure.NotBase64)]
    [InlineData("aGVsbG8gd29ybGQ=", RecipientFailure.NotEnvelopedData)]
    [InlineData("MAA=", RecipientFailure.NotEnvelopedData)]
    public void Garbage_is_a_typed_error(string input, RecipientFailure failure)
    {
        using var pair = RecipientKeyPair.Create();

        Assert.Equal(failure, Assert.Throws<RecipientException>(() => pair.Decrypt(input)).Failure);
    }

    [Fact]
    public void Oversized_input_is_refused_before_decoding()
    {
        using var pair = RecipientKeyPair.Create();

        var error = Assert.Throws<RecipientException>(() => pair.Decrypt(new string('A', RecipientKeyPair.MaxCiphertextBytes * 2)));

        Assert.Equal(RecipientFailure.NotBase64, error.Failure);
    }

    [Fact]
    public void Truncated_envelopes_are_typed_errors_at_every_length()
    {
        using var pair = RecipientKeyPair.Create();
        var envelope = KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret);

        for (var length = 1; length < envelope.Length; length += 7)
        {
            var error = Assert.Throws<RecipientException>(() => pair.Decrypt(envelope.AsSpan(0, length)));
            Assert.Equal(RecipientFailure.NotEnvelopedData, error.Failure);
        }
    }

    [Fact]
    public void A_flipped_ciphertext_byte_is_refused_or_changes_the_digest()
    {
        using var pair = RecipientKeyPair.Create();
        var envelope = KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret);
        envelope[^1] ^= 0x01; // the last byte of the AES-CBC content (CMS is not authenticated)

        try
        {
            var result = pair.Decrypt(envelope);
            Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Secret)), result.PlaintextSha256);
        }
        catch (RecipientException e)
        {
            Assert.Equal(RecipientFailure.NotForThisKey, e.Failure);
        }
    }

    [Fact]
    public void Other_content_ciphers_are_refused()
    {
        using var pair = RecipientKeyPair.Create();

        var error = Assert.Throws<RecipientException>(() => pair.Decrypt(KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret, KmsEnvelopes.Aes128Cbc)));

        Assert.Equal(RecipientFailure.UnexpectedAlgorithm, error.Failure);
        Assert.Contains("AES-256-CBC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oaep_with_sha1_is_refused()
    {
        using var pair = RecipientKeyPair.Create();

        var error = Assert.Throws<RecipientException>(() => pair.Decrypt(KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret, padding: RSAEncryptionPadding.OaepSHA1)));

        Assert.Equal(RecipientFailure.UnexpectedAlgorithm, error.Failure);
        Assert.Contains("1.3.14.3.2.26", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pkcs1_key_transport_is_refused()
    {
        using var pair = RecipientKeyPair.Create();

        var error = Assert.Throws<RecipientException>(() => pair.Decrypt(KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret, padding: RSAEncryptionPadding.Pkcs1)));

        Assert.Equal(RecipientFailure.UnexpectedAlgorithm, error.Failure);
    }

    [Fact]
    public void A_disposed_pair_refuses_with_a_typed_error()
    {
        var pair = RecipientKeyPair.Create();
        var envelope = KmsEnvelopes.Make(pair.SubjectPublicKeyInfo, Secret);
        pair.Dispose();

        Assert.Equal(RecipientFailure.KeyPairDisposed, Assert.Throws<RecipientException>(() => pair.Decrypt(envelope)).Failure);
    }

    [Fact]
    public void The_public_key_is_rsa_2048_spki_and_nothing_exposes_the_private_key()
    {
        using var pair = RecipientKeyPair.Create();
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(pair.SubjectPublicKeyInfo.Span, out var read);

        Assert.Equal(pair.SubjectPublicKeyInfo.Length, read);
        Assert.Equal(2048, rsa.KeySize);
        Assert.True(pair.IsPublicKey(pair.SubjectPublicKeyInfo.Span));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pair.SubjectPublicKeyInfo.Span)), pair.PublicKeySha256);
        Assert.Contains(pair.PublicKeySha256, pair.ToString(), StringComparison.Ordinal);

        // No public member hands out key material other than the public key.
        var members = typeof(RecipientKeyPair).GetProperties().Select(p => p.PropertyType)
            .Concat(typeof(RecipientKeyPair).GetMethods().Select(m => m.ReturnType));
        Assert.DoesNotContain(members, t => typeof(AsymmetricAlgorithm).IsAssignableFrom(t) || t == typeof(byte[]) || t == typeof(RSAParameters));
    }
}
