using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// Imports an exported event log (kept in memory, replacing any earlier import) and checks an attestation document's
/// PCRs against it, or against this dashboard's own log when none is imported: per PCR, the replayed value beside
/// the document's. Importing and forgetting go through <see cref="TrustDataOperations"/> (Operator only, audited with
/// the file's SHA-384); the file is refused by its size before it is read, and read no further than
/// <see cref="PcrEventLogOptions.MaxImportBytes"/>.
/// </summary>
public sealed partial class EventLogDocumentPanel : IDisposable
{
    private string? _importError;
    private string? _documentText;
    private string? _checkError;
    private IReadOnlyList<PcrReplayResult>? _checkResults;

    /// <summary>The tab's sign-in; when it changes (the session ended), the page renders again with what the role now allows.</summary>
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ImportedPcrEventLog Imported { get; set; } = default!;

    [Inject]
    private PcrEventLog Log { get; set; } = default!;

    [Inject]
    private TrustDataOperations TrustData { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    [Inject]
    private IOptions<PcrEventLogOptions> Options { get; set; } = default!;

    private long MaxImportBytes => Options.Value.MaxImportBytes;

    /// <summary>Why this tab may not import or forget a log; null when it may.</summary>
    private string? DeniedReason => TrustData.WhyDenied(Session.Caller, NsmOperationKind.ImportEventLog);

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

        if (DeniedReason is { } denied)
        {
            _importError = denied;
            return;
        }

        if (file.Size > MaxImportBytes)
        {
            _importError = string.Create(CultureInfo.InvariantCulture, $"{file.Name} is {file.Size} bytes; logs of at most {MaxImportBytes} bytes are imported (Nsm:EventLog:MaxImportBytes).");
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(MaxImportBytes);
            if (await ApiBodyLimit.ReadAsync(stream, MaxImportBytes, CancellationToken.None) is not { } read)
            {
                _importError = string.Create(CultureInfo.InvariantCulture, $"{file.Name} is longer than {MaxImportBytes} bytes.");
                return;
            }

            var document = JsonSerializer.Deserialize<EventLogDocument>(read.Data.Span, JsonSerializerOptions.Web);
            if (!EventLogJson.TryImport(document, out var log, out var error))
            {
                _importError = $"{file.Name}: {error}";
                return;
            }

            TrustData.ImportEventLog(Session.Caller, log, file.Name, read.Sha384, read.Data.Length);
            _checkResults = null;
        }
        catch (NsmAccessDeniedException ex)
        {
            _importError = ex.Message;
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
        _importError = null;
        try
        {
            TrustData.ClearEventLog(Session.Caller);
            _checkResults = null;
        }
        catch (NsmAccessDeniedException ex)
        {
            _importError = ex.Message;
        }
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
