using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>The body of <c>POST /api/attestation/decode</c>.</summary>
/// <param name="Document">The attestation document (COSE_Sign1) as base64 (standard or URL-safe) or hex; white space is ignored.</param>
/// <param name="Root">
/// A root to recognise in the cabundle beside AWS's: <c>emulator</c> (this dashboard's emulator) or a PEM
/// certificate; absent: AWS's only. Decoding proves nothing about authenticity; <c>/api/attestation/verify</c> does.
/// </param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DecodeBody(string? Document = null, string? Root = null);
