using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>A named set of expected PCR values kept by the dashboard, with where it came from.</summary>
/// <param name="Set">The name and the expected values.</param>
/// <param name="Source">
/// Where the values came from: <see cref="BuildEnclaveSource"/>, <see cref="DescribeEifSource"/>,
/// <see cref="NitroTpmPcrComputeSource"/> or <see cref="ManualSource"/>.
/// </param>
/// <param name="Added">When the set was added.</param>
public sealed record ExpectedMeasurementSet(ExpectedPcrSet Set, string Source, DateTimeOffset Added)
{
    /// <summary>The output of <c>nitro-cli build-enclave</c> (only <c>Measurements</c>).</summary>
    public const string BuildEnclaveSource = "nitro-cli build-enclave";

    /// <summary>The output of <c>nitro-cli describe-eif</c> (<c>Measurements</c> inside a larger object).</summary>
    public const string DescribeEifSource = "nitro-cli describe-eif";

    /// <summary>The output of <c>nitro-tpm-pcr-compute</c> (aws/NitroTPM-Tools): NitroTPM PCR4/7/12 of a UKI.</summary>
    public const string NitroTpmPcrComputeSource = "nitro-tpm-pcr-compute";

    /// <summary>Values entered by hand.</summary>
    public const string ManualSource = "entered by hand";

    /// <summary>The set's name.</summary>
    public string Name => Set.Name;

    /// <summary>The kind of document the values belong to: a set never matches PCRs of the other kind.</summary>
    public AttestationDocumentKind Kind => Set.Kind;

    /// <summary>What a policy of these values would leave open (a NitroTPM set without PCR7 or PCR12); empty otherwise.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>SHA-384 (lowercase hex) of the data the set was made from, as recorded in the audit trail; null when unknown.</summary>
    public string? DataSha384 { get; init; }
}
