using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// Imports an exported event log (kept in memory, replacing any earlier import) and checks an attestation document's
/// PCRs against it, or against this dashboard's own log when none is imported: per PCR, the replayed value beside
/// the document's.
/// </summary>
public sealed partial class EventLogDocumentPanel : IDisposable
{
    /// <summary>The largest log file read: the default capacity at typical entry sizes fits well within it.</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    private string? _importError;
    private string? _documentText;
    private string? _checkError;
    private IReadOnlyList<PcrReplayResult>? _checkResults;

    [Inject]
    private ImportedPcrEventLog Imported { get; set; } = default!;

    [Inject]
    private PcrEventLog Log { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => Imported.Changed -= OnImportedChanged;

    /// <inheritdoc/>
    protected override void OnInitialized() => Imported.Changed += OnImportedChanged;

    private void OnImportedChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task ImportAsync(IBrowserFile? file)
    {
        _importError = null;
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxImportBytes)
        {
            _importError = $"{file.Name} is {file.Size} bytes; logs of at most {MaxImportBytes / (1024 * 1024)} MB are imported.";
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(MaxImportBytes);
            var document = await JsonSerializer.DeserializeAsync<EventLogDocument>(stream, JsonSerializerOptions.Web);
            if (!EventLogJson.TryImport(document, out var log, out var error))
            {
                _importError = $"{file.Name}: {error}";
                return;
            }

            Imported.Import(log, file.Name);
            _checkResults = null;
        }
        catch (JsonException ex)
        {
            _importError = $"{file.Name} is not an exported event log: {ex.Message}";
        }
        catch (IOException ex)
        {
            _importError = $"{file.Name} could not be read: {ex.Message}";
        }
    }

    private void ClearImport()
    {
        Imported.Clear();
        _checkResults = null;
    }

    private void Check()
    {
        _checkError = null;
        _checkResults = null;
        try
        {
            var document = AttestationDocument.Decode(AttestationInput.Parse(_documentText ?? string.Empty).Document.Span);
            _checkResults = EventLogDocumentCheck.Run(Imported.Current?.Log ?? Log.Snapshot(), document.Pcrs);
        }
        catch (AttestationInputException ex)
        {
            _checkError = ex.Message;
        }
        catch (AttestationDecodeException ex)
        {
            _checkError = $"Not an attestation document: {ex.Message}";
        }
    }
}
