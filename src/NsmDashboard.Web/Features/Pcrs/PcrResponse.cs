using System.Text.Json.Serialization;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>One PCR.</summary>
/// <param name="Index">The PCR index.</param>
/// <param name="Locked">Whether the PCR is read-only for the rest of the enclave's life.</param>
/// <param name="Value">The value, lowercase hex (96 digits under SHA-384).</param>
public sealed record PcrResponse(int Index, bool Locked, string Value)
{
    /// <summary>How the value compares with the expected measurement sets; absent when no set names this PCR, and in answers other than <c>GET /api/pcrs</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PcrExpectationResponse? Expected { get; init; }

    /// <summary>The response for a PCR state.</summary>
    public static PcrResponse From(PcrState pcr)
    {
        ArgumentNullException.ThrowIfNull(pcr);
        return new PcrResponse(pcr.Index, pcr.Locked, pcr.Hex);
    }
}
