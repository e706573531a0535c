using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// The body of <c>POST /api/attestation</c>; every member optional (an empty body, or none, asks for a document
/// without them). Each is hex, at most 1024 bytes (docs/attestation-document.md#field-sizes).
/// </summary>
/// <param name="Nonce">A nonce the document must echo (the response's "Expected nonce" check then proves it is this request's document).</param>
/// <param name="UserData">Application data to bind into the document.</param>
/// <param name="PublicKey">A public key (DER, as hex) to bind into the document; KMS encrypts its answers to it.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AttestationBody(string? Nonce = null, string? UserData = null, string? PublicKey = null);
