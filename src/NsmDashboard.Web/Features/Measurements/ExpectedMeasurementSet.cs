using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>A named set of expected PCR values kept by the dashboard, with where it came from.</summary>
/// <param name="Set">The name and the expected values.</param>
/// <param name="Source">Where the values came from: <see cref="BuildEnclaveSource"/>, <see cref="DescribeEifSource"/> or <see cref="ManualSource"/>.</param>
/// <param name="Added">When the set was added.</param>
public sealed record ExpectedMeasurementSet(ExpectedPcrSet Set, string Source, DateTimeOffset Added)
{
    /// <summary>The output of <c>nitro-cli build-enclave</c> (only <c>Measurements</c>).</summary>
    public const string BuildEnclaveSource = "nitro-cli build-enclave";

    /// <summary>The output of <c>nitro-cli describe-eif</c> (<c>Measurements</c> inside a larger object).</summary>
    public const string DescribeEifSource = "nitro-cli describe-eif";

    /// <summary>Values entered by hand.</summary>
    public const string ManualSource = "entered by hand";

    /// <summary>The set's name.</summary>
    public string Name => Set.Name;
}
