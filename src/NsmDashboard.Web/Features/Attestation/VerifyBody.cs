using System.Text.Json;
using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The body of <c>POST /api/attestation/verify</c>.</summary>
/// <param name="Document">The attestation document (COSE_Sign1) as base64 (standard or URL-safe) or hex; white space is ignored.</param>
/// <param name="At">
/// The validation time: absent or <c>now</c> (the default, as for <c>nsm verify</c>), <c>document</c> (the document's
/// own timestamp: whether it was authentic when issued), or an ISO 8601 time (<c>2021-10-28T17:02:02Z</c>).
/// </param>
/// <param name="Root">
/// The root to pin: <c>aws</c> (AWS Nitro Enclaves Root G1), <c>emulator</c> (this dashboard's emulator), or a PEM
/// certificate; absent: among the roots this dashboard trusts (AWS, and the emulator's when emulated), the one the
/// document's <c>cabundle[0]</c> is (the response's <c>rootChoice</c> says which), AWS when none.
/// </param>
/// <param name="ExpectedPcrs">
/// Expected PCR values: <c>{"0": "&lt;hex&gt;", "1": "&lt;hex&gt;"}</c> is one set; named sets are objects,
/// <c>{"release-42": {"0": "…"}, "release-41": {"0": "…"}}</c>; both forms may be mixed. The document passes when it
/// matches at least one set.
/// </param>
/// <param name="ExpectedNonce">The nonce the document must carry, as hex.</param>
/// <param name="Kind">
/// The kind the document must be: <c>enclave</c> or <c>nitrotpm</c>; a document of the other kind fails
/// (<c>PolicyKindMismatch</c>). The indices of <c>expectedPcrs</c> are PCRs of this kind, or — when absent — of the
/// document's own kind (the NitroTPM's PCRs of a NitroTPM document).
/// </param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerifyBody(
    string? Document = null,
    string? At = null,
    string? Root = null,
    Dictionary<string, JsonElement>? ExpectedPcrs = null,
    string? ExpectedNonce = null,
    string? Kind = null);
