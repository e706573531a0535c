using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// Named sets of expected PCR values: loaded from nitro-cli's or nitro-tpm-pcr-compute's JSON (pasted or uploaded,
/// recognised by its PCRs) or entered by hand as Nitro Enclave or NitroTPM PCRs, listed with their kind, what they
/// would leave open, and each enclave value beside the live PCR, and deleted. The sets live in
/// <see cref="ExpectedMeasurementStore"/>; adding and deleting go through <see cref="TrustDataOperations"/> (Operator
/// only, audited), and a Viewer sees those actions disabled with the reason.
/// </summary>
public sealed partial class MeasurementsPage : IDisposable
{
    private const long MaxFileBytes = 1024 * 1024;

    private const string JsonPlaceholder = "{\n  \"Measurements\": {\n    \"HashAlgorithm\": \"Sha384 { ... }\",\n    \"PCR0\": \"…\", \"PCR1\": \"…\", \"PCR2\": \"…\"\n  }\n}\n(or nitro-tpm-pcr-compute's: \"HashAlgorithm\": \"SHA384\", \"PCR4\", \"PCR7\", \"PCR12\")";

    private InputMode _mode = InputMode.NitroCli;
    private AttestationDocumentKind _manualKind = AttestationDocumentKind.NitroEnclave;
    private string? _name;
    private string? _json;
    private string? _manual;
    private string? _fileName;
    private string? _error;
    private IReadOnlyList<ExpectedMeasurementSet> _sets = [];
    private NsmSnapshot? _live;
    private IDisposable? _subscription;

    private enum InputMode
    {
        NitroCli,
        Manual,
    }

    /// <summary>The tab's sign-in; when it changes (the session ended), the page renders again with what the role now allows.</summary>
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private ExpectedMeasurementStore Store { get; set; } = default!;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private TrustDataOperations TrustData { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <summary>Why this tab may not change the sets (not an Operator, or a read-only dashboard); null when it may.</summary>
    private string? DeniedReason => TrustData.WhyDenied(Session.Caller);

    /// <inheritdoc/>
    public void Dispose()
    {
        _subscription?.Dispose();
        Store.Changed -= OnStoreChanged;
    }

    /// <inheritdoc/>
    protected override async Task OnInitializedAsync()
    {
        _sets = Store.Sets;
        Store.Changed += OnStoreChanged;
        _subscription = Notifier.Subscribe(change => _ = InvokeAsync(async () =>
        {
            if (_live is null || change.Pcrs.Count == 0)
            {
                // Not read yet (the NSM failed), or a lost answer left the PCRs unknown: read them again.
                await ReadLiveAsync();
            }
            else
            {
                _live = _live.With(change.Pcrs);
            }

            StateHasChanged();
        }));
        await ReadLiveAsync();
    }

    private async Task ReadLiveAsync()
    {
        try
        {
            _live = await State.GetSnapshotAsync();
        }
        catch (NsmException)
        {
            // The live column then says the PCRs could not be read; the sets still work.
            _live = null;
        }
    }

    private void OnStoreChanged() => _ = InvokeAsync(() =>
    {
        _sets = Store.Sets;
        StateHasChanged();
    });

    private void SetMode(InputMode mode)
    {
        _mode = mode;
        _error = null;
    }

    private void SetManualKind(AttestationDocumentKind kind)
    {
        _manualKind = kind;
        _error = null;
    }

    private async Task LoadFileAsync(IBrowserFile? file)
    {
        _error = null;
        _fileName = file?.Name;
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxFileBytes)
        {
            _error = $"{file.Name} is {file.Size} bytes; the tools' output is a few kilobytes.";
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(MaxFileBytes);
            using var reader = new StreamReader(stream);
            _json = await reader.ReadToEndAsync();
        }
        catch (IOException ex)
        {
            _error = $"{file.Name} could not be read: {ex.Message}";
        }
    }

    private void Add()
    {
        _error = null;
        try
        {
            var (set, source, warnings) = _mode == InputMode.NitroCli
                ? ExpectedMeasurementInput.FromToolOutput(_name, _json)
                : (ExpectedMeasurementInput.FromText(_name, _manualKind, _manual), ExpectedMeasurementSet.ManualSource, []);
            var data = System.Text.Encoding.UTF8.GetBytes((_mode == InputMode.NitroCli ? _json : _manual) ?? string.Empty);
            TrustData.SetMeasurements(Session.Caller, set, source, data, warnings);
            _sets = Store.Sets;
            _name = null;
            _json = null;
            _manual = null;
            _fileName = null;
        }
        catch (FormatException ex)
        {
            _error = ex.Message;
        }
        catch (InvalidOperationException ex)
        {
            _error = ex.Message;
        }
        catch (NsmAccessDeniedException ex)
        {
            _error = ex.Message;
        }
    }

    private void Delete(string name)
    {
        _error = null;
        try
        {
            TrustData.DeleteMeasurements(Session.Caller, name);
        }
        catch (NsmAccessDeniedException ex)
        {
            _error = ex.Message;
        }

        _sets = Store.Sets;
    }

    private string LiveText(AttestationDocumentKind kind, int index, ReadOnlyMemory<byte> expected)
    {
        if (kind == AttestationDocumentKind.NitroTpm)
        {
            // The live NSM is an enclave's; a NitroTPM set is checked against NitroTPM documents only.
            return "NitroTPM value: compared with NitroTPM documents";
        }

        if (_live?.Pcrs.FirstOrDefault(p => p.Index == index) is not { } live)
        {
            return "live value not read";
        }

        return MeasurementMark.For(index, live.Value.Span, _live.IsDebugMode, [new ExpectedPcrSet("this set", [new(index, expected)])]).Kind switch
        {
            MeasurementMarkKind.Matches => "✓ live PCR matches",
            MeasurementMarkKind.DebugZero => "⚠ live PCR is zero: debug mode",
            _ => "✗ live PCR differs",
        };
    }
}
