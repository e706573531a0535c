using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// <c>GET /api/attestation/tls?nonce=HEX</c> (docs/tls-binding.md#binding): an attestation document binding the certificate this
/// dashboard serves HTTPS with — <c>public_key</c> is its SubjectPublicKeyInfo, <c>user_data</c> the SHA-384 of its
/// DER — over the caller's nonce. A client that fetches it over a TLS connection and finds the binding matching the
/// certificate of that connection knows that its peer is the enclave, whatever relays the bytes
/// (<c>nsm verify-tls</c>).
/// </summary>
public static class TlsAttestationEndpoints
{
    /// <summary>The endpoint's name, for policies (rate limits) that attach to it.</summary>
    public const string EndpointName = "RequestTlsAttestation";

    /// <summary>The route.</summary>
    public const string Route = "/api/attestation/tls";

    /// <summary>The fewest nonce bytes accepted: a document without a nonce could be a replay.</summary>
    public const int MinNonceBytes = 1;

    /// <summary>The most nonce bytes accepted (the NSM would take 1024; a nonce needs far fewer).</summary>
    public const int MaxNonceBytes = 512;

    /// <summary>The problem code when the dashboard serves plain HTTP and there is no certificate to bind.</summary>
    public const string TlsDisabledCode = "TlsDisabled";

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapTlsAttestationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, RequestAsync)
            .WithTags("Attestation")
            .WithName(EndpointName)
            .WithSummary("Requests an attestation document binding this dashboard's TLS certificate (public_key = its SubjectPublicKeyInfo, user_data = SHA-384 of its DER) over a nonce (hex, 1–512 bytes).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            // Anonymous on purpose: a client must be able to check this binding before it trusts the server with a
            // password or a token. The document reveals nothing a TLS handshake does not (the certificate) beyond the
            // PCRs every attestation carries, and it binds only this server's own key, never a caller's.
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.TlsAttestation);
        return endpoints;
    }

    internal static async Task<Results<Ok<AttestationDocumentResponse>, ProblemHttpResult>> RequestAsync(
        [FromQuery] string? nonce, HttpContext context, DashboardTls tls, AttestationService attestation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nonce))
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(
                "Give a fresh random nonce: ?nonce=<hex>, 1 to 512 bytes. The document must echo it, or it could be a replay."));
        }

        if (!ApiInput.TryParseHex("nonce", nonce, out var nonceBytes, out var problem))
        {
            return TypedResults.Problem(problem);
        }

        if (nonceBytes.Length is < MinNonceBytes or > MaxNonceBytes)
        {
            return TypedResults.Problem(ApiProblems.InvalidArgument(
                $"\"nonce\" has {nonceBytes.Length} bytes; give 1 to {MaxNonceBytes} (32 random bytes are plenty)."));
        }

        if (tls.Identity is not { } identity)
        {
            return TypedResults.Problem(ApiProblems.Create(
                StatusCodes.Status404NotFound,
                TlsDisabledCode,
                "TLS is off",
                $"This dashboard serves plain HTTP, so there is no certificate to bind. {tls.Explanation}"));
        }

        var request = new AttestationRequest(
            UserData: identity.CertificateSha384,
            Nonce: nonceBytes,
            PublicKey: identity.SubjectPublicKeyInfo);
        // The dashboard asks on its own account (the key is its own, and anyone may ask), audited with who asked.
        var caller = NsmCaller.Server("tls-binding") with { Address = ApiCaller.From(context).Id };
        var outcome = await attestation.RequestAsync(request, caller, cancellationToken);
        return TypedResults.Ok(new AttestationDocumentResponse(
            outcome.Base64,
            outcome.Decoded is { } decoded ? DecodedDocumentResponse.From(decoded) : null,
            VerificationResponse.From(outcome)));
    }
}
