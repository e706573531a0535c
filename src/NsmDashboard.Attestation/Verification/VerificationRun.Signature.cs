using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>The COSE signature (RFC 9052 §4.4, docs/attestation-verification.md#cose-signature).</summary>
internal sealed partial class VerificationRun
{
    /// <summary>ES384 signatures are r‖s, 48 bytes each (RFC 9053 §2.1), not DER.</summary>
    private const int Es384SignatureLength = 96;

    /// <summary>Half the order n of P-384 (FIPS 186-4 D.1.2.4): an s above it is high-S, told in evidence.</summary>
    private static readonly BigInteger P384HalfOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture) >> 1;

    private void CheckCoseSignature(AttestationDocument document)
    {
        if (!Passed(AttestationCheckId.Algorithm))
        {
            Skip(AttestationCheckId.CoseSignature, "the algorithm is not ES384");
            return;
        }

        if (_leaf is not { } leaf)
        {
            Skip(AttestationCheckId.CoseSignature, "the leaf certificate could not be read");
            return;
        }

        var signature = document.Signature.Span;
        if (signature.Length != Es384SignatureLength)
        {
            Fail(AttestationCheckId.CoseSignature, AttestationFailure.SignatureInvalid, $"The signature is {signature.Length} bytes; ES384 signatures are 96 (r‖s).");
            return;
        }

        bool verified;
        string method;
        try
        {
            using var key = leaf.Certificate.GetECDsaPublicKey();
            if (key is null)
            {
                Fail(AttestationCheckId.CoseSignature, AttestationFailure.SignatureInvalid, $"The leaf key is {leaf.Info.PublicKey}, not an EC key; ES384 needs one.");
                return;
            }

            (verified, method) = Verify(document, key);
        }
        catch (CryptographicException e)
        {
            Fail(AttestationCheckId.CoseSignature, AttestationFailure.SignatureInvalid, $"The signature cannot be checked: {e.Message}.");
            return;
        }

        var s = new BigInteger(signature[48..], isUnsigned: true, isBigEndian: true);
        var form = s > P384HalfOrder ? "high-S (s > n/2; accepted: the NSM does not normalise)" : "low-S";
        var details = new AttestationCheckDetail[]
        {
            new("signed bytes", $"Sig_structure [\"Signature1\", protected ({document.RawProtectedHeader.Length} bytes), h'', payload ({document.RawPayload.Length} bytes)] as received"),
            new("key", $"{leaf.Info.PublicKey} of '{leaf.Info.Subject}'"),
            new("signature", $"r‖s, {form}"),
            new("method", method),
        };
        if (verified)
        {
            Pass(AttestationCheckId.CoseSignature, $"The ES384 signature ({form}) verifies over the Sig_structure with the leaf's {leaf.Info.PublicKey} key.", details);
        }
        else
        {
            Fail(AttestationCheckId.CoseSignature, AttestationFailure.SignatureInvalid, $"The ES384 signature does not verify over the Sig_structure with the leaf's {leaf.Info.PublicKey} key: the payload, the protected header or the signature was changed, or another key signed it.", details);
        }
    }

    private static (bool Verified, string Method) Verify(AttestationDocument document, ECDsa key)
    {
        try
        {
            // The platform COSE implementation builds the Sig_structure from the protected header and payload
            // bytes as received; it accepts everything real NSMs send (tagged or not, definite or indefinite maps, high-S).
            var message = CoseMessage.DecodeSign1(document.Encoded.Span);
            return (message.VerifyEmbedded(key), "CoseSign1Message.VerifyEmbedded");
        }
        catch (CryptographicException)
        {
            // CoseMessage.DecodeSign1 rejects framings that RFC 8949 allows and our decoder accepts — chunked
            // (indefinite-length) byte strings for the payload or headers, which docs/attestation-document.md#map-framing asks us to tolerate.
            // The signature is then checked directly: ECDSA P-384/SHA-384 over the Sig_structure built from the bytes
            // as received, with the raw r‖s form (IEEE P1363), high-S accepted like any other s.
            var verified = key.VerifyData(
                document.GetSigStructure(),
                document.Signature.Span,
                HashAlgorithmName.SHA384,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return (verified, "ECDsa.VerifyData over the Sig_structure (the COSE decoder rejects this framing)");
        }
    }
}
