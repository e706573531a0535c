using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Kms.Tests;

/// <summary>
/// CiphertextForRecipient envelopes made the way KMS documents them: CMS EnvelopedData to the public key from the
/// attestation document, RSAES-OAEP-SHA-256 key transport to a subjectKeyIdentifier recipient (version 2, as
/// aws-nitro-enclaves-sdk-c's cms.c expects), AES-256-CBC content.
/// </summary>
internal static class KmsEnvelopes
{
    public const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";
    public const string Aes128Cbc = "2.16.840.1.101.3.4.1.2";

    public static byte[] Make(
        ReadOnlyMemory<byte> subjectPublicKeyInfo,
        byte[] plaintext,
        string contentAlgorithm = Aes256Cbc,
        RSAEncryptionPadding? padding = null,
        SubjectIdentifierType identifier = SubjectIdentifierType.SubjectKeyIdentifier)
    {
        // KMS has only the public key; CmsRecipient wants a certificate, so one carries the key here.
        using var certificate = CertificateFor(subjectPublicKeyInfo);
        var recipient = new CmsRecipient(identifier, certificate, padding ?? RSAEncryptionPadding.OaepSHA256);
        var cms = new EnvelopedCms(new ContentInfo(plaintext), new AlgorithmIdentifier(new Oid(contentAlgorithm)));
        cms.Encrypt(recipient);
        return cms.Encode();
    }

    /// <summary>
    /// The same envelope in the BER shape KMS sends, as aws-nitro-enclaves-sdk-c's cms.c reads it: indefinite lengths
    /// outside, the RecipientInfos SET definite (cms.c reads it as DER), and the encrypted content as a constructed,
    /// indefinite-length string of OCTET STRING chunks.
    /// </summary>
    public static byte[] Indefinite(byte[] der)
    {
        var output = new List<byte>();
        Rewrite(der, output);
        return [.. output];
    }

    private static void Rewrite(ReadOnlySpan<byte> der, List<byte> output)
    {
        while (!der.IsEmpty)
        {
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out var contentOffset, out var contentLength, out var consumed);
            var tag = Asn1Tag.Decode(der, out var tagLength);
            var content = der.Slice(contentOffset, contentLength);
            if (tag.HasSameClassAndValue(Asn1Tag.SetOf))
            {
                output.AddRange(der[..consumed]);
            }
            else if (tag.IsConstructed)
            {
                output.AddRange(der[..tagLength]);
                output.Add(0x80);
                Rewrite(content, output);
                output.AddRange([0x00, 0x00]);
            }
            else if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                // encryptedContent [0] IMPLICIT OCTET STRING, constructed: chunks of 16 bytes.
                output.AddRange([0xa0, 0x80]);
                for (var at = 0; at < content.Length; at += 16)
                {
                    var chunk = content.Slice(at, Math.Min(16, content.Length - at));
                    output.AddRange([0x04, (byte)chunk.Length]);
                    output.AddRange(chunk);
                }

                output.AddRange([0x00, 0x00]);
            }
            else
            {
                output.AddRange(der[..consumed]);
            }

            der = der[consumed..];
        }
    }

    private static X509Certificate2 CertificateFor(ReadOnlyMemory<byte> subjectPublicKeyInfo)
    {
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(subjectPublicKeyInfo.Span, out _);
        var request = new CertificateRequest(new X500DistinguishedName("CN=attested recipient"), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, critical: false));
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        return request.Create(new X500DistinguishedName("CN=test issuer"), X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddMinutes(-1), now.AddMinutes(10), [1, 2, 3]);
    }
}
