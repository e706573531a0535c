using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// Named sets of expected PCR values: loaded from nitro-cli's JSON (pasted or uploaded) or entered by hand, listed
/// with each value beside the live PCR, and deleted. The sets live in <see cref="ExpectedMeasurementStore"/>.
/// </summary>
public sealed partial class MeasurementsPage : IDisposable
{
    private const long MaxFileBytes = 1024 * 1024;

    private const string JsonPlaceholder = "{\n  \"Measurements\": {\n    \"HashAlgorithm\": \"Sha384 { ... }\",\n    \"PCR0\": \"…\", \"PCR1\": \"…\", \"PCR2\": \"…\"\n  }\n}";

    private InputMode _mode = InputMode.NitroCli;
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

    [Inject]
    private ExpectedMeasurementStore Store { get; set; } = default!;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

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
        _subscription = Notifier.Subscribe(change => _ = InvokeAsync(() =>
        {
            _live = _live?.With(change.Pcrs);
            StateHasChanged();
        }));
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
            _error = $"{file.Name} is {file.Size} bytes; nitro-cli's output is a few kilobytes.";
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
            var (set, source) = _mode == InputMode.NitroCli
                ? ExpectedMeasurementInput.FromNitroCli(_name, _json)
                : (ExpectedMeasurementInput.FromText(_name, _manual), ExpectedMeasurementSet.ManualSource);
            Store.Add(set, source);
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
    }

    private void Delete(string name)
    {
        Store.Remove(name);
        _sets = Store.Sets;
    }

    private string LiveText(int index, ReadOnlyMemory<byte> expected)
    {
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
