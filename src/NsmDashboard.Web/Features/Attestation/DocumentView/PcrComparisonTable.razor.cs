using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The document's PCRs, with their meaning for the document's kind, beside the live values (DescribePCR now, for an
/// enclave document) and the expected values of sets of the same kind, each marked equal or different, with a note
/// when an enclave's PCR0–2 are zero (debug mode, docs/pcrs.md#debug-mode). Sets of the other kind are named and not
/// compared.
/// </summary>
public partial class PcrComparisonTable
{
    private IReadOnlyList<PcrComparison> _rows = [];
    private bool _hasExpected;
    private IReadOnlyList<ushort> _notInDocument = [];
    private IReadOnlyList<string> _otherKindSets = [];
    private bool _debugMode;

    /// <summary>The document's PCRs.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? DocumentPcrs { get; set; }

    /// <summary>The kind of the document, which says what each PCR means and which expected sets apply.</summary>
    [Parameter]
    public AttestationDocumentKind Kind { get; set; } = AttestationDocumentKind.NitroEnclave;

    /// <summary>The live PCRs; <see langword="null"/> hides the live column.</summary>
    [Parameter]
    public IReadOnlyList<PcrState>? LivePcrs { get; set; }

    /// <summary>Expected PCR sets; empty or <see langword="null"/> hides the expected column.</summary>
    [Parameter]
    public IReadOnlyList<ExpectedPcrSet>? ExpectedSets { get; set; }

    private bool ShowLive => LivePcrs is not null;

    private string Meaning(int index) => AttestationPcrMeanings.Title(Kind, index);

    private string MeaningDetail(int index) => AttestationPcrMeanings.Description(Kind, index);

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        var sameKind = ExpectedSets?.Where(s => s.Kind == Kind).ToArray() ?? [];
        _otherKindSets = ExpectedSets?.Where(s => s.Kind != Kind).Select(s => s.Name).ToArray() ?? [];
        _rows = PcrComparison.Build(DocumentPcrs, LivePcrs, sameKind);
        _hasExpected = sameKind.Length > 0;
        _debugMode = Kind == AttestationDocumentKind.NitroEnclave && DocumentPcrs is { } pcrs && EnclaveDebugMode.IsIndicatedBy(pcrs);
        _notInDocument = LivePcrs?.Select(p => p.Index).Where(i => DocumentPcrs?.ContainsKey(i) != true).ToArray() ?? [];
    }
}
