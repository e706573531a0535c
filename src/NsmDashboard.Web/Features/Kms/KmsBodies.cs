namespace NsmDashboard.Web.Features.Kms;

/// <summary>
/// <c>POST /api/kms/generate</c>: where the PCRs come from — <c>live</c> (a fresh document from this NSM),
/// <c>document</c> (base64 or hex) or <c>measurements</c> (nitro-cli or nitro-tpm-pcr-compute JSON) — and what to pin.
/// </summary>
/// <param name="Source"><c>live</c>, <c>document</c> or <c>measurements</c>.</param>
/// <param name="Document">The document, for <c>document</c>.</param>
/// <param name="Measurements">The tool's JSON, for <c>measurements</c>.</param>
/// <param name="Pcrs">The PCRs to pin; default: enclave 0, 1, 2 (and 8 when signed), NitroTPM 4 and 12, or every measured PCR.</param>
/// <param name="Principal">The parent instance's role ARN for the statement.</param>
/// <param name="AllowDebugZeros">Pin all-zero PCR0/1/2 of a debug-mode enclave anyway.</param>
public sealed record KmsGenerateBody(
    string? Source = null,
    string? Document = null,
    string? Measurements = null,
    int[]? Pcrs = null,
    string? Principal = null,
    bool AllowDebugZeros = false);

/// <summary><c>POST /api/kms/check</c>: a key policy and the document to read it against (or the live module's).</summary>
/// <param name="Policy">The key policy (or IAM policy) JSON, as text.</param>
/// <param name="Document">The document (base64 or hex); omit it and set <paramref name="Live"/> for this NSM's.</param>
/// <param name="Live">Read the policy against a fresh document from this NSM.</param>
public sealed record KmsCheckBody(string? Policy = null, string? Document = null, bool Live = false);
