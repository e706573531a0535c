using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// A small mark beside a PCR value: ✓ and the expected set(s) it matches, ✗ differs, or ⚠ zero because the enclave
/// runs in debug mode. The sets are the ones loaded on the Measurements page (<see cref="ExpectedMeasurementStore"/>).
/// </summary>
public partial class MeasurementBadge
{
    private MeasurementMark? _mark;

    /// <summary>The PCR index.</summary>
    [Parameter, EditorRequired]
    public int Index { get; set; }

    /// <summary>The PCR's value (live, or from a document).</summary>
    [Parameter, EditorRequired]
    public ReadOnlyMemory<byte> Value { get; set; }

    /// <summary>Whether PCR0–2 all read zero where this value comes from (<see cref="NsmDashboard.Attestation.EnclaveDebugMode"/>).</summary>
    [Parameter]
    public bool DebugMode { get; set; }

    /// <summary>
    /// The kind of PCR the value is: Nitro Enclave (the live NSM, an enclave document) by default, NitroTPM for a
    /// NitroTPM document. Only sets of the same kind mark it.
    /// </summary>
    [Parameter]
    public AttestationDocumentKind Kind { get; set; } = AttestationDocumentKind.NitroEnclave;

    [Inject]
    private ExpectedMeasurementStore Store { get; set; } = default!;

    /// <inheritdoc/>
    protected override void OnParametersSet() => _mark = Store.Sets.Count == 0 ? null : Store.Mark(Kind, Index, Value.Span, DebugMode);

    private static string Title(MeasurementMark mark) => mark.Kind switch
    {
        MeasurementMarkKind.Matches => $"PCR{mark.Index} has the value expected by {string.Join(", ", mark.MatchingSets)}.",
        MeasurementMarkKind.DebugZero => $"PCR{mark.Index} is zero because the enclave runs in debug mode (PCR0–2 all zero); no expected set can match it.",
        _ => $"PCR{mark.Index} differs from every expected set that names it: {string.Join(", ", mark.ExpectingSets)}.",
    };
}
