using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>A named set of expected PCR values.</summary>
/// <param name="Name">The set's name.</param>
/// <param name="Source">nitro-cli build-enclave, nitro-cli describe-eif, nitro-tpm-pcr-compute, or entered by hand.</param>
/// <param name="Added">When it was added.</param>
/// <param name="Pcrs">The expected values by PCR index, hex.</param>
/// <param name="Kind"><c>NitroEnclave</c> or <c>NitroTpm</c>: the kind of document the values belong to; never compared with the other kind.</param>
/// <param name="Warnings">What a key policy of these values would leave open (a NitroTPM set without PCR7 or PCR12).</param>
public sealed record MeasurementSetResponse(
    string Name,
    string Source,
    DateTimeOffset Added,
    IReadOnlyDictionary<string, string> Pcrs,
    AttestationDocumentKind Kind,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The response for a stored set.</summary>
    public static MeasurementSetResponse From(ExpectedMeasurementSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new(set.Name, set.Source, set.Added, set.Set.Pcrs.ToDictionary(
            p => p.Key.ToString(CultureInfo.InvariantCulture), p => Convert.ToHexStringLower(p.Value.Span)), set.Kind, set.Warnings);
    }
}
