using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Kms;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Features.Kms;

/// <summary>
/// <c>/api/kms</c>: generate the condition block that pins chosen PCRs, and read a key policy against a document
/// offline (docs/kms-key-policies.md). A live document comes through <see cref="NsmOperations"/> like any other, over
/// a random nonce only (a Viewer may ask). The Recipient round trip is the page's: its private key lives in a circuit.
/// </summary>
public static class KmsEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapKmsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var kms = endpoints.MapGroup("/api/kms").WithTags("KMS");
        kms.MapPost("/generate", GenerateAsync)
            .WithName("GenerateKmsConditions")
            .RequireRateLimiting(RateLimitPolicies.Attestation)
            .WithSummary("The Condition block and statements pinning chosen PCRs of the live module, a document or measurements (enclave or NitroTPM keys as the kind requires).")
            .ProducesProblems(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests);
        kms.MapPost("/check", CheckAsync)
            .WithName("CheckKmsPolicy")
            .RequireRateLimiting(RateLimitPolicies.Attestation)
            .WithSummary("Reads a key policy against a document offline: conditions, known mistakes, the expected decision per operation. Only KMS decides.")
            .ProducesProblems(
                StatusCodes.Status400BadRequest,
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    internal static async Task<Results<Ok<KmsGenerateResponse>, ProblemHttpResult>> GenerateAsync(
        [FromBody] KmsGenerateBody? body, HttpContext context, KmsPolicyService kms, CancellationToken cancellationToken)
    {
        body ??= new KmsGenerateBody();
        try
        {
            var evidence = body.Source switch
            {
                "live" => await kms.LiveEvidenceAsync(ApiCaller.From(context), cancellationToken),
                "document" => KmsPolicyService.DocumentEvidence(body.Document),
                "measurements" => KmsPolicyService.MeasurementsEvidence(body.Measurements),
                _ => throw new KmsInputException("source", "'source' is \"live\", \"document\" or \"measurements\"."),
            };
            var options = new KmsPolicyGenerationOptions
            {
                Pcrs = body.Pcrs,
                Principal = string.IsNullOrWhiteSpace(body.Principal) ? KmsPolicyGenerationOptions.PrincipalPlaceholder : body.Principal.Trim(),
                AllowDebugModeZeros = body.AllowDebugZeros,
            };
            return TypedResults.Ok(KmsGenerateResponse.From(KmsPolicyService.Generate(evidence, options)));
        }
        catch (KmsInputException e)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument($"{e.Member}: {e.Message}"));
        }
    }

    internal static async Task<Results<Ok<KmsCheckResponse>, ProblemHttpResult>> CheckAsync(
        [FromBody] KmsCheckBody? body, HttpContext context, KmsPolicyService kms, CancellationToken cancellationToken)
    {
        body ??= new KmsCheckBody();
        try
        {
            if (body.Live == body.Document is not null)
            {
                throw new KmsInputException("document", "Send 'document' (base64 or hex) or \"live\": true, not both.");
            }

            // The policy is read first: a malformed policy is refused without asking the NSM for anything.
            var policy = KmsPolicyService.ParsePolicy(body.Policy);
            var evidence = body.Live ? await kms.LiveEvidenceAsync(ApiCaller.From(context), cancellationToken) : KmsPolicyService.DocumentEvidence(body.Document);
            return TypedResults.Ok(KmsCheckResponse.From(KeyPolicyChecker.Check(policy, evidence)));
        }
        catch (KmsInputException e)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument($"{e.Member}: {e.Message}"));
        }
    }
}
