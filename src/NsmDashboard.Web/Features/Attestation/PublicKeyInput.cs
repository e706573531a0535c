using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// Turns what an operator gives as a public key — PEM text or an uploaded PEM/DER file — into the DER
/// SubjectPublicKeyInfo bytes that go into the attestation request's <c>public_key</c> (what AWS KMS expects
/// for <c>Recipient</c>). A certificate gives its key. Private keys are refused, never read.
/// </summary>
public static class PublicKeyInput
{
    /// <summary>Parses PEM text: <c>PUBLIC KEY</c>, <c>RSA PUBLIC KEY</c> (PKCS#1) or <c>CERTIFICATE</c>.</summary>
    /// <param name="pem">The text.</param>
    /// <param name="subjectPublicKeyInfo">The DER SubjectPublicKeyInfo, or empty on failure.</param>
    /// <param name="error">Why the text cannot be used; <see langword="null"/> on success.</param>
    public static bool TryParsePem(string pem, out byte[] subjectPublicKeyInfo, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pem);
        subjectPublicKeyInfo = [];
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = "No PEM block found: expected -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----.";
            return false;
        }

        var label = pem.AsSpan()[fields.Label].ToString();
        if (label.Contains("PRIVATE", StringComparison.Ordinal))
        {
            error = $"This is a private key ({label}). Never paste a private key here: give its public key (openssl pkey -pubout).";
            return false;
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written))
        {
            error = $"The {label} block is not valid base64.";
            return false;
        }

        return FromDer(label, der.AsSpan(0, written), out subjectPublicKeyInfo, out error);
    }

    /// <summary>Parses an uploaded file: PEM text, or DER (SubjectPublicKeyInfo or a certificate).</summary>
    public static bool TryParseFile(ReadOnlySpan<byte> content, out byte[] subjectPublicKeyInfo, out string? error)
    {
        subjectPublicKeyInfo = [];
        if (content.IsEmpty)
        {
            error = "The file is empty.";
            return false;
        }

        // DER starts with a SEQUENCE; anything else is taken for PEM text.
        if (content[0] == 0x30)
        {
            if (IsSubjectPublicKeyInfo(content))
            {
                subjectPublicKeyInfo = content.ToArray();
                error = null;
                return true;
            }

            return FromDer("CERTIFICATE", content, out subjectPublicKeyInfo, out error)
                || Fail("The file is DER but neither a SubjectPublicKeyInfo nor an X.509 certificate.", out error);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Fail("The file is neither PEM text nor DER.", out error);
        }

        return TryParsePem(text, out subjectPublicKeyInfo, out error);
    }

    private static bool FromDer(string label, ReadOnlySpan<byte> der, out byte[] subjectPublicKeyInfo, out string? error)
    {
        subjectPublicKeyInfo = [];
        try
        {
            switch (label)
            {
                case "PUBLIC KEY" when IsSubjectPublicKeyInfo(der):
                    subjectPublicKeyInfo = der.ToArray();
                    break;
                case "PUBLIC KEY":
                    return Fail("The PUBLIC KEY block is not a DER SubjectPublicKeyInfo.", out error);
                case "RSA PUBLIC KEY":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPublicKey(der, out _);
                        subjectPublicKeyInfo = rsa.ExportSubjectPublicKeyInfo();
                    }

                    break;
                case "CERTIFICATE":
                    using (var certificate = X509CertificateLoader.LoadCertificate(der))
                    {
                        subjectPublicKeyInfo = certificate.PublicKey.ExportSubjectPublicKeyInfo();
                    }

                    break;
                default:
                    return Fail($"A {label} block is not a public key; expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE.", out error);
            }
        }
        catch (CryptographicException e)
        {
            return Fail($"The {label} block cannot be read: {e.Message}", out error);
        }

        error = null;
        return true;
    }

    /// <summary>SEQUENCE { SEQUENCE { OID, … }, BIT STRING } and nothing after it (RFC 5280 §4.1.2.7).</summary>
    private static bool IsSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        try
        {
            var outer = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var spki = outer.ReadSequence();
            if (outer.HasData)
            {
                return false;
            }

            var algorithm = spki.ReadSequence();
            algorithm.ReadObjectIdentifier();
            spki.ReadBitString(out _);
            return !spki.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
