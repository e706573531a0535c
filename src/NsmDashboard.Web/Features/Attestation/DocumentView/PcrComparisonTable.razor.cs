using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The document's PCRs beside the live values (DescribePCR now) and any expected values, each marked equal or
/// different, with a note when PCR0–2 are zero (debug mode, docs/pcrs.md#debug-mode).
/// </summary>
public partial class PcrComparisonTable
{
    private IReadOnlyList<PcrComparison> _rows = [];
    private bool _hasExpected;
    private IReadOnlyList<ushort> _notInDocument = [];

    /// <summary>The document's PCRs.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? DocumentPcrs { get; set; }

    /// <summary>The live PCRs; <see langword="null"/> hides the live column.</summary>
    [Parameter]
    public IReadOnlyList<PcrState>? LivePcrs { get; set; }

    /// <summary>Expected PCR sets; empty or <see langword="null"/> hides the expected column.</summary>
    [Parameter]
    public IReadOnlyList<ExpectedPcrSet>? ExpectedSets { get; set; }

    private bool ShowLive => LivePcrs is not null;

    // The document's PCR0, PCR1 and PCR2 are all zero: it comes from a debug-mode enclave.
    private bool IsDebugMode => DocumentPcrs is { } pcrs && EnclaveDebugMode.IsIndicatedBy(pcrs);

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        _rows = PcrComparison.Build(DocumentPcrs, LivePcrs, ExpectedSets);
        _hasExpected = ExpectedSets is { Count: > 0 };
        _notInDocument = LivePcrs?.Select(p => p.Index).Where(i => DocumentPcrs?.ContainsKey(i) != true).ToArray() ?? [];
    }
}
