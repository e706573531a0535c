namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The answer of <c>POST /api/attestation</c>: the document, its fields and its verification.</summary>
/// <param name="Document">The document (COSE_Sign1) exactly as the NSM returned it, standard base64.</param>
/// <param name="Decoded">Its fields; null when the NSM's bytes did not decode (then <c>verification.decodeError</c> says why).</param>
/// <param name="Verification">The verification against this dashboard's root at the current time, with the nonce expected when one was sent.</param>
public sealed record AttestationDocumentResponse(string Document, DecodedDocumentResponse? Decoded, VerificationResponse Verification);
