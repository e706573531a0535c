using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace NsmDashboard.Kms;

/// <summary>
/// The key pair of a KMS Recipient round trip: RSA-2048 made in this process, whose public half goes into an
/// attestation request as <c>public_key</c> (DER SubjectPublicKeyInfo) and whose private half opens the
/// <c>CiphertextForRecipient</c> KMS returns. The private key never leaves process memory: this type has no way to
/// export, print or serialise it, and disposing the pair destroys it.
/// </summary>
/// <remarks>
/// <para>KMS encrypts the response "under the public key from the attestation document" as a CMS EnvelopedData
/// (RFC 5652 §6) with RSAES-OAEP-SHA-256 key transport (RFC 8017 §7.1) — <c>RSAES_OAEP_SHA_256</c> is the only
/// KeyEncryptionAlgorithm (https://docs.aws.amazon.com/kms/latest/APIReference/API_RecipientInfo.html) — and
/// AES-256-CBC content encryption, which is what the Nitro Enclaves SDK expects when it opens one
/// (aws/aws-nitro-enclaves-sdk-c, source/cms.c). Opening uses the platform's CMS support
/// (<see cref="EnvelopedCms"/>), not hand-written parsing.</para>
/// <para>An EnvelopedData is not signed: anyone who has the public key (it is in the document) can make one. Opening
/// it proves it was made for this key, not that KMS made it; compare the digest with the value you expect.</para>
/// </remarks>
public sealed class RecipientKeyPair : IDisposable
{
    /// <summary>The RSA modulus size.</summary>
    public const int KeySizeBits = 2048;

    /// <summary>The largest <c>CiphertextForRecipient</c> read (KMS plaintexts are at most 4 KiB; the envelope adds little).</summary>
    public const int MaxCiphertextBytes = 64 * 1024;

    private const string RsaesOaepOid = "1.2.840.113549.1.1.7";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";

    private readonly RSA _rsa;
    private readonly Lock _gate = new();
    private readonly byte[] _subjectPublicKeyInfo;
    private bool _disposed;

    private RecipientKeyPair(RSA rsa)
    {
        _rsa = rsa;
        _subjectPublicKeyInfo = rsa.ExportSubjectPublicKeyInfo();
        PublicKeySha256 = Convert.ToHexStringLower(SHA256.HashData(_subjectPublicKeyInfo));
    }

    /// <summary>The public key as DER SubjectPublicKeyInfo: the attestation request's <c>public_key</c>.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo => _subjectPublicKeyInfo;

    /// <summary>SHA-256 of <see cref="SubjectPublicKeyInfo"/>, lower-case hex: a name for the key people can compare.</summary>
    public string PublicKeySha256 { get; }

    /// <summary>Makes a fresh RSA-2048 key pair in this process.</summary>
    public static RecipientKeyPair Create() => new(RSA.Create(KeySizeBits));

    /// <summary>Whether <paramref name="publicKey"/> (a document's <c>public_key</c>) is this pair's public key.</summary>
    public bool IsPublicKey(ReadOnlySpan<byte> publicKey) => publicKey.SequenceEqual(_subjectPublicKeyInfo);

    /// <summary>Opens a <c>CiphertextForRecipient</c> as the AWS CLI prints it (<c>--output text</c>: base64).</summary>
    /// <exception cref="RecipientException">Not base64, not an EnvelopedData, other algorithms, or not for this key.</exception>
    public RecipientDecryption Decrypt(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var compact = string.Concat(base64.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0)
        {
            throw new RecipientException(RecipientFailure.NotBase64, "The CiphertextForRecipient is empty.");
        }

        if (compact.Length > (MaxCiphertextBytes + 2) / 3 * 4)
        {
            throw new RecipientException(RecipientFailure.NotBase64, $"The CiphertextForRecipient is longer than {MaxCiphertextBytes / 1024} KiB; KMS responses are far smaller.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(compact);
        }
        catch (FormatException e)
        {
            throw new RecipientException(RecipientFailure.NotBase64,
                "The CiphertextForRecipient is not base64 (paste the value `aws kms decrypt … --query CiphertextForRecipient --output text` prints).", e);
        }

        return Decrypt(bytes);
    }

    /// <summary>Opens a <c>CiphertextForRecipient</c> given as bytes (BER or DER CMS).</summary>
    /// <exception cref="RecipientException">Not an EnvelopedData, other algorithms, or not for this key.</exception>
    public RecipientDecryption Decrypt(ReadOnlySpan<byte> envelope)
    {
        // One decryption at a time, and never against a key being disposed.
        lock (_gate)
        {
            if (_disposed)
            {
                throw new RecipientException(RecipientFailure.KeyPairDisposed, "The key pair is gone (its session ended); make a new one and request a new document.");
            }

            return Open(envelope);
        }
    }

    private RecipientDecryption Open(ReadOnlySpan<byte> envelope)
    {
        if (envelope.IsEmpty || envelope.Length > MaxCiphertextBytes)
        {
            throw new RecipientException(RecipientFailure.NotEnvelopedData, $"The envelope is {envelope.Length} bytes; expected 1 to {MaxCiphertextBytes}.");
        }

        var cms = new EnvelopedCms();
        try
        {
            cms.Decode(envelope);
        }
        catch (CryptographicException e)
        {
            throw new RecipientException(RecipientFailure.NotEnvelopedData, $"Not a CMS EnvelopedData (RFC 5652 §6): {e.Message}", e);
        }

        if (cms.ContentEncryptionAlgorithm.Oid.Value != Aes256CbcOid)
        {
            throw new RecipientException(RecipientFailure.UnexpectedAlgorithm,
                $"The content is encrypted with {Name(cms.ContentEncryptionAlgorithm.Oid)}; KMS uses AES-256-CBC ({Aes256CbcOid}).");
        }

        var recipients = cms.RecipientInfos.Cast<RecipientInfo>().ToList();
        var oaep = recipients.Where(r => r.Type == RecipientInfoType.KeyTransport && r.KeyEncryptionAlgorithm.Oid.Value == RsaesOaepOid).ToList();
        if (oaep.Count == 0)
        {
            throw new RecipientException(RecipientFailure.UnexpectedAlgorithm,
                $"No recipient uses RSAES-OAEP key transport (found {string.Join(", ", recipients.Select(r => Name(r.KeyEncryptionAlgorithm.Oid)))}); KMS uses RSAES_OAEP_SHA_256.");
        }

        var sha256 = oaep.Where(r => OaepHash(r.KeyEncryptionAlgorithm.Parameters) == Sha256Oid).ToList();
        if (sha256.Count == 0)
        {
            throw new RecipientException(RecipientFailure.UnexpectedAlgorithm,
                $"The RSAES-OAEP recipient uses hash {OaepHash(oaep[0].KeyEncryptionAlgorithm.Parameters) ?? "(unreadable)"}; KMS uses SHA-256 ({Sha256Oid}).");
        }

        foreach (var recipient in sha256)
        {
            try
            {
                cms.Decrypt(recipient, _rsa);
            }
            catch (CryptographicException)
            {
                continue;
            }

            var plaintext = cms.ContentInfo.Content;
            try
            {
                return new RecipientDecryption(
                    plaintext.Length,
                    Convert.ToHexStringLower(SHA256.HashData(plaintext)),
                    Convert.ToHexStringLower(SHA384.HashData(plaintext)),
                    "RSAES-OAEP with SHA-256",
                    "AES-256-CBC",
                    recipients.Count);
            }
            finally
            {
                // The secret is not kept: only its length and digests leave this method.
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        throw new RecipientException(RecipientFailure.NotForThisKey,
            $"The envelope does not open with this key pair (public key SHA-256 {PublicKeySha256}): it was made for another public key — "
            + "for a document requested with another key, or by another session — or it is damaged.");
    }

    /// <summary>Destroys the key pair.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _rsa.Dispose();
        }
    }

    /// <summary>Names the public key only.</summary>
    public override string ToString() => $"RSA-{KeySizeBits} recipient key pair (public key SHA-256 {PublicKeySha256})";

    // RSAES-OAEP-params (RFC 8017 A.2.1): SEQUENCE { [0] hashAlgorithm DEFAULT sha1, [1] maskGen…, [2] pSource… }.
    private static string? OaepHash(byte[] parameters)
    {
        if (parameters.Length == 0)
        {
            return "1.3.14.3.2.26";
        }

        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.BER);
            var sequence = reader.ReadSequence();
            if (!sequence.HasData || !sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                return "1.3.14.3.2.26"; // SHA-1, the default
            }

            var hash = sequence.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
            return hash.ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static string Name(Oid oid) => oid.FriendlyName is { Length: > 0 } name ? $"{name} ({oid.Value})" : oid.Value ?? "an unnamed algorithm";
}
