using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

public sealed partial class AttestationDocument
{
    /// <summary>The COSE context string of a COSE_Sign1 signature (RFC 9052 §4.4).</summary>
    internal const string Signature1Context = "Signature1";

    /// <summary>
    /// Parses <see cref="Certificate"/> (the signing leaf). Each call returns a new instance; the caller disposes it.
    /// </summary>
    /// <exception cref="AttestationDecodeException">The field is absent, null, or not one exact DER X.509 certificate.</exception>
    public X509Certificate2 GetCertificate() =>
        Certificate is { } der
            ? LoadCertificate(der, "payload." + AttestationPayloadKeys.Certificate)
            : throw new AttestationDecodeException("the field is absent or null", 0, "payload." + AttestationPayloadKeys.Certificate);

    /// <summary>
    /// Parses <c>cabundle[index]</c> (0 is the root). Each call returns a new instance; the caller disposes it.
    /// </summary>
    /// <exception cref="AttestationDecodeException">The bundle is absent or null, or the entry is not one exact DER X.509 certificate.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the bundle.</exception>
    public X509Certificate2 GetCaBundleCertificate(int index)
    {
        var path = $"payload.{AttestationPayloadKeys.CaBundle}[{index}]";
        if (CaBundle is not { } bundle)
        {
            throw new AttestationDecodeException("the cabundle is absent or null", 0, path);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, bundle.Count);
        return LoadCertificate(bundle[index], path);
    }

    /// <summary>
    /// The bytes the signature covers: the CBOR <c>Sig_structure</c>
    /// <c>["Signature1", protected, h'', payload]</c> (RFC 9052 §4.4), built from the protected header and
    /// payload exactly as received — never re-encoded (docs/attestation-document.md#sig-structure).
    /// </summary>
    public byte[] GetSigStructure()
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false);
        writer.WriteStartArray(4);
        writer.WriteTextString(Signature1Context);
        writer.WriteByteString(RawProtectedHeader.Span);
        writer.WriteByteString([]);
        writer.WriteByteString(RawPayload.Span);
        writer.WriteEndArray();
        return writer.Encode();
    }

    internal static X509Certificate2 LoadCertificate(ReadOnlyMemory<byte> der, string path)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der.Span);
        }
        catch (CryptographicException e)
        {
            throw new AttestationDecodeException($"not an X.509 certificate ({e.Message})", 0, path, e);
        }

        // The loader also takes PEM and ignores some trailing data; the document must carry exact DER.
        if (!certificate.RawDataMemory.Span.SequenceEqual(der.Span))
        {
            certificate.Dispose();
            throw new AttestationDecodeException("not exactly one DER-encoded certificate", 0, path);
        }

        return certificate;
    }
}
