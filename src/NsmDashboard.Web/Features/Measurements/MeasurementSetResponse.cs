using System.Globalization;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>A named set of expected PCR values.</summary>
/// <param name="Name">The set's name.</param>
/// <param name="Source">nitro-cli build-enclave, nitro-cli describe-eif, or entered by hand.</param>
/// <param name="Added">When it was added.</param>
/// <param name="Pcrs">The expected values by PCR index, hex.</param>
public sealed record MeasurementSetResponse(string Name, string Source, DateTimeOffset Added, IReadOnlyDictionary<string, string> Pcrs)
{
    /// <summary>The response for a stored set.</summary>
    public static MeasurementSetResponse From(ExpectedMeasurementSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new(set.Name, set.Source, set.Added, set.Set.Pcrs.ToDictionary(
            p => p.Key.ToString(CultureInfo.InvariantCulture), p => Convert.ToHexStringLower(p.Value.Span)));
    }
}
