using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// <c>/api/attestation</c>: request a document from the NSM (through <see cref="AttestationService"/>, which goes
/// through <see cref="NsmOperations"/>' gate and audit), and verify a document from anywhere (docs/attestation-verification.md).
/// </summary>
public static class AttestationEndpoints
{
    /// <summary>Maps the attestation routes.</summary>
    public static IEndpointRouteBuilder MapAttestationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var attestation = endpoints.MapGroup("/api/attestation").WithTags("Attestation");

        attestation.MapPost(string.Empty, RequestAsync)
            .WithName("RequestAttestation")
            .WithMetadata(new NsmOperationMetadata(NsmOperationKind.Attestation))
            .RequireRateLimiting(RateLimitPolicies.Attestation)
            .WithSummary("Requests an attestation document over optional nonce, userData and publicKey (hex); returns it (base64), decoded and verified.")
            .ProducesProblems(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status429TooManyRequests,
                StatusCodes.Status415UnsupportedMediaType);

        attestation.MapPost("/decode", Decode)
            .WithName("DecodeAttestation")
            .WithSummary("Decodes a document (base64 or hex), a Nitro Enclave's or a NitroTPM instance's, without verifying it: its kind, every field and its raw structure (tag, framing, key order, each item's type, length and offset, r‖s and its S form, the cabundle order and its root).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        attestation.MapPost("/verify", Verify)
            .WithName("VerifyAttestation")
            .WithSummary("Decodes and verifies a document (base64 or hex) at a chosen time against a chosen root, optionally against expected PCRs.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        return endpoints;
    }

    internal static async Task<Results<Ok<AttestationDocumentResponse>, ProblemHttpResult>> RequestAsync(
        [FromBody] AttestationBody? body, HttpContext context, AttestationService attestation, CancellationToken cancellationToken)
    {
        body ??= new AttestationBody();
        if (!ApiInput.TryParseOptionalHex("nonce", body.Nonce, out var nonce, out var problem)
            || !ApiInput.TryParseOptionalHex("userData", body.UserData, out var userData, out problem)
            || !ApiInput.TryParseOptionalHex("publicKey", body.PublicKey, out var publicKey, out problem))
        {
            return TypedResults.Problem(problem);
        }

        // A null byte[] would convert to an empty memory, which the NSM encodes as an empty byte string, not null.
        var request = new AttestationRequest(
            UserData: userData is null ? (ReadOnlyMemory<byte>?)null : userData,
            Nonce: nonce is null ? (ReadOnlyMemory<byte>?)null : nonce,
            PublicKey: publicKey is null ? (ReadOnlyMemory<byte>?)null : publicKey);
        var outcome = await attestation.RequestAsync(request, ApiCaller.From(context), cancellationToken);
        return TypedResults.Ok(new AttestationDocumentResponse(
            outcome.Base64,
            outcome.Decoded is { } decoded ? DecodedDocumentResponse.From(decoded, outcome.TrustRoot) : null,
            VerificationResponse.From(outcome)));
    }

    internal static Results<Ok<DecodedDocumentResponse>, ProblemHttpResult> Decode([FromBody] DecodeBody? body, AttestationService attestation)
    {
        body ??= new DecodeBody();
        if (!VerifyInput.TryParse(new VerifyBody(body.Document, Root: body.Root), attestation, out var bytes, out var options, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        if (!NsmDashboard.Attestation.AttestationDocument.TryDecode(bytes.Span, out var document, out var error))
        {
            return TypedResults.Problem(ApiProblems.Create(
                StatusCodes.Status400BadRequest,
                "Malformed",
                "Not a well-formed attestation document",
                $"{AttestationProblemText.DecodeTitle(error)}: {error.Problem}"));
        }

        return TypedResults.Ok(DecodedDocumentResponse.From(document, options.TrustRoot));
    }

    internal static Results<Ok<VerificationResponse>, ProblemHttpResult> Verify([FromBody] VerifyBody? body, AttestationService attestation)
    {
        if (!VerifyInput.TryParse(body ?? new VerifyBody(), attestation, out var document, out var options, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(VerificationResponse.From(attestation.Inspect(document, options)));
    }
}
