using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.EventLog;

namespace NsmDashboard.Web.Features.Evidence;

/// <summary>
/// The head of one of this run's chains (the audit trail or the event log), what memory holds of it, and its newest
/// checkpoint, updated as records and checkpoints are added; with the <c>nsm audit pull</c> command that copies it out.
/// </summary>
public sealed partial class EvidenceChainCard : IDisposable
{
    private static readonly MarkupString ChainIcon = StaticIcon.Svg(Icons.Material.Filled.Link, "mud-icon-size-medium mud-text-secondary");

    private ChainStatusResponse _status = default!;

    /// <summary>Which chain.</summary>
    [Parameter]
    public EvidenceLog Stream { get; set; } = EvidenceLog.Audit;

    [Inject]
    private EvidenceCheckpoints Checkpoints { get; set; } = default!;

    [Inject]
    private AuditTrail Audit { get; set; } = default!;

    [Inject]
    private PcrEventLog EventLog { get; set; } = default!;

    private string Title => Stream == EvidenceLog.Audit ? "Audit chain" : "Event log chain";

    private string PullCommand => Stream == EvidenceLog.Audit
        ? "nsm audit pull https://HOST:PORT --measurements release.json --token-file viewer.token --out audit.jsonl --follow"
        : "nsm audit pull https://HOST:PORT --measurements release.json --token-file viewer.token --out eventlog.jsonl --stream eventlog --follow";

    /// <inheritdoc/>
    public void Dispose()
    {
        Audit.Chain.Appended -= OnAuditAppended;
        EventLog.Chain.Appended -= OnEventLogAppended;
        Checkpoints.Taken -= OnCheckpoint;
    }

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        Audit.Chain.Appended += OnAuditAppended;
        EventLog.Chain.Appended += OnEventLogAppended;
        Checkpoints.Taken += OnCheckpoint;
    }

    /// <inheritdoc/>
    protected override void OnParametersSet() => Refresh();

    private void OnAuditAppended(ChainedRecord<AuditEvidence> record)
    {
        if (Stream == EvidenceLog.Audit)
        {
            Update();
        }
    }

    private void OnEventLogAppended(ChainedRecord<PcrExtendEvidence> record)
    {
        if (Stream == EvidenceLog.EventLog)
        {
            Update();
        }
    }

    private void OnCheckpoint(CheckpointLine line) => Update();

    private void Update() => _ = InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private void Refresh() => _status = EvidenceEndpoints.Status(Stream, Checkpoints, Audit, EventLog);

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
