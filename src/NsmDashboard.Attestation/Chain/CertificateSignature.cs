using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// Verifies one certificate's signature with its issuer's key, without building a chain: the cached path checks
/// the leaf against an already validated instance certificate this way (RFC 5280 §4.1.1.3: the signature covers
/// the DER of tbsCertificate).
/// </summary>
internal static class CertificateSignature
{
    public static bool Verify(X509Certificate2 certificate, X509Certificate2 issuer, out string problem)
    {
        try
        {
            var reader = new AsnReader(certificate.RawDataMemory, AsnEncodingRules.DER);
            var outer = reader.ReadSequence();
            var tbs = outer.ReadEncodedValue();
            var algorithm = outer.ReadEncodedValue();
            var signature = outer.ReadBitString(out _);

            // RFC 5280 §4.1.1.2: the signature field inside tbsCertificate must equal the outer signatureAlgorithm.
            var tbsReader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (tbsReader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbsReader.ReadEncodedValue(); // version
            }

            tbsReader.ReadEncodedValue(); // serialNumber
            if (!tbsReader.ReadEncodedValue().Span.SequenceEqual(algorithm.Span))
            {
                problem = "the inner and outer signature algorithms differ";
                return false;
            }

            var oid = new AsnReader(algorithm, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
            HashAlgorithmName? hash = oid switch
            {
                "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
                "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
                "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
                _ => null,
            };
            if (hash is null)
            {
                problem = $"signature algorithm {ChainCertificate.DescribeSignature(oid)} is not ECDSA";
                return false;
            }

            using var key = issuer.GetECDsaPublicKey();
            if (key is null)
            {
                problem = "the issuer's key is not an EC key";
                return false;
            }

            if (!key.VerifyData(tbs.Span, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence))
            {
                problem = "the signature does not verify with the issuer's key";
                return false;
            }

            problem = string.Empty;
            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            problem = $"the certificate cannot be checked: {e.Message}";
            return false;
        }
    }
}
