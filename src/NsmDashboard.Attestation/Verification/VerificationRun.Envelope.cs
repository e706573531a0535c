namespace NsmDashboard.Attestation;

internal sealed partial class VerificationRun
{
    /// <summary>COSE algorithm -35: ECDSA with SHA-384 (RFC 9053 §2.1), the only one the NSM uses.</summary>
    private const int Es384 = -35;

    private void CheckStructure(AttestationDocument document)
    {
        var details = new List<AttestationCheckDetail>
        {
            new("envelope", $"{(document.IsTagged ? "tag 18, " : "untagged, ")}{(document.IsEnvelopeIndefinite ? "indefinite" : "definite")}-length array of 4"),
            new("protected header", $"{document.RawProtectedHeader.Length} bytes: {Hex(document.RawProtectedHeader.Span)}"),
            new("unprotected header", $"{Count(document.UnprotectedHeaderCount, "entry", "entries")}: {Hex(document.RawUnprotectedHeader.Span)}"),
            new("payload", $"{document.RawPayload.Length} bytes, {(document.IsPayloadMapIndefinite ? "indefinite-length map (bf … ff)" : "definite-length map")} of {Count(document.PayloadKeys.Count, "key")}"),
            new("signature", $"{document.Signature.Length} bytes"),
        };
        if (document.UnknownKeys.Count > 0)
        {
            details.Add(new("unknown payload keys", string.Join(", ", document.UnknownKeys)));
        }

        Pass(
            AttestationCheckId.CoseStructure,
            $"{(document.IsTagged ? "Tagged" : "Untagged")} COSE_Sign1 of {document.Encoded.Length} bytes: protected header, "
                + $"unprotected header, payload ({document.RawPayload.Length} bytes, {(document.IsPayloadMapIndefinite ? "indefinite" : "definite")} map), "
                + $"signature ({document.Signature.Length} bytes).",
            details);
    }

    private void CheckAlgorithm(AttestationDocument document)
    {
        if (document.Algorithm == Es384)
        {
            Pass(AttestationCheckId.Algorithm, "The protected header says alg -35 (ES384: ECDSA P-384 with SHA-384).");
            return;
        }

        var seen = document.Algorithm is { } alg
            ? $"alg {alg}{AlgorithmName(alg)}"
            : document.ProtectedHeaderCount == 0 ? "an empty protected header" : "no integer alg (label 1)";
        Fail(
            AttestationCheckId.Algorithm,
            AttestationFailure.UnsupportedAlgorithm,
            $"The protected header has {seen}; attestation documents are signed with ES384 (-35), which must be a protected header.");
    }

    private static string AlgorithmName(int alg) => alg switch
    {
        -7 => " (ES256)",
        -35 => " (ES384)",
        -36 => " (ES512)",
        -8 => " (EdDSA)",
        -37 => " (PS256)",
        -38 => " (PS384)",
        -39 => " (PS512)",
        -257 => " (RS256)",
        _ => string.Empty,
    };
}
