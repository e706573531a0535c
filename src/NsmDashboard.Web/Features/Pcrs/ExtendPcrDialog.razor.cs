using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// Extends one PCR: data as text, hex or a file (sized against the 4096-byte request limit), a live
/// preview of H(current ‖ data) before anything is sent, a confirmation step, then the NSM's answer
/// compared with the preview. Closes with the new <see cref="PcrState"/> or cancels.
/// </summary>
public sealed partial class ExtendPcrDialog : IDisposable
{
    private Stage _stage = Stage.Input;
    private ExtendInputKind _kind = ExtendInputKind.Text;
    private string? _text;
    private byte[]? _textBytes;
    private string? _hex;
    private byte[]? _hexBytes;
    private string? _hexError;
    private byte[]? _fileBytes;
    private string? _fileName;
    private string? _fileError;
    private PcrState _current = default!;
    private bool _changedWhileOpen;
    private bool _busy;
    private bool _recordData;
    private bool _private;
    private NsmException? _error;
    private PcrState? _result;
    private string? _expectedHex;
    private IDisposable? _subscription;

    private enum Stage
    {
        Input,
        Confirm,
        Done,
    }

    /// <summary>The PCR to extend, as last read.</summary>
    [Parameter, EditorRequired]
    public PcrState Pcr { get; set; } = default!;

    /// <summary>The module's digest (DescribeNSM); SHA-384 on every real NSM.</summary>
    [Parameter]
    public NsmDigest Digest { get; set; } = NsmDigest.Sha384;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private NsmOperations Operations { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <summary>The bytes the current input stands for, or null while the input is empty or invalid.</summary>
    public byte[]? Data => _kind switch
    {
        ExtendInputKind.Text => _textBytes,
        ExtendInputKind.Hex => _hexBytes,
        _ => _fileBytes,
    };

    // Text is extended as its UTF-8 bytes.
    private string? TextInput
    {
        get => _text;
        set
        {
            _text = value;
            _textBytes = string.IsNullOrEmpty(value) ? null : Encoding.UTF8.GetBytes(value);
        }
    }

    private string? HexInput
    {
        get => _hex;
        set
        {
            _hex = value;
            _hexError = null;
            _hexBytes = null;
            if (!string.IsNullOrWhiteSpace(value))
            {
                _hexBytes = HexText.TryParse(value, out var bytes, out var error) ? bytes : null;
                _hexError = error?.Message;
            }
        }
    }

    private int DataLength => Data?.Length ?? 0;

    private int RequestSize => ExtendRequestSize.Of(Pcr.Index, Data ?? []);

    private int MaxDataLength => ExtendRequestSize.MaxDataLength(Pcr.Index);

    private bool Fits => RequestSize <= NsmLimits.RequestMaxSize;

    private double RequestFraction => Math.Min(100.0, 100.0 * RequestSize / NsmLimits.RequestMaxSize);

    private bool CanReview => Data is { Length: > 0 } && Fits && !_current.Locked;

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        _current = Pcr;

        // Another operator may extend or lock this PCR while the dialog is open; keep the preview honest.
        _subscription = Notifier.Subscribe(change =>
        {
            if (change.Pcrs.FirstOrDefault(p => p.Index == Pcr.Index) is { } updated && _stage != Stage.Done)
            {
                _ = InvokeAsync(() =>
                {
                    _current = updated;
                    _changedWhileOpen = true;
                    StateHasChanged();
                });
            }
        });
    }

    private void SetKind(ExtendInputKind kind) => _kind = kind;

    private async Task OnFileSelectedAsync(IBrowserFile? file)
    {
        _fileBytes = null;
        _fileError = null;
        _fileName = file?.Name;
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxDataLength)
        {
            _fileError = $"{file.Name} is {file.Size} bytes; an ExtendPCR request for PCR{Pcr.Index} carries at most {MaxDataLength} bytes (4096-byte request limit). Extend with its hash instead.";
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: NsmLimits.RequestMaxSize);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            _fileBytes = buffer.ToArray();
        }
        catch (IOException ex)
        {
            _fileError = $"{file.Name} could not be read: {ex.Message}";
        }
    }

    private void Review()
    {
        _error = null;
        _stage = Stage.Confirm;
    }

    private void Back() => _stage = Stage.Input;

    private async Task ExtendAsync()
    {
        if (Data is not { } data)
        {
            return;
        }

        _busy = true;
        _error = null;
        _expectedHex = Convert.ToHexStringLower(PcrExtension.Compute(Digest, _current.Value.Span, data));
        try
        {
            _result = await Operations.ExtendPcrAsync(Pcr.Index, data, Session.Caller, new ExtendDataOptions(_private, _recordData));
            _stage = Stage.Done;
        }
        catch (NsmException ex)
        {
            _error = ex;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();

    private void Close()
    {
        if (_result is not null)
        {
            Dialog.Close(DialogResult.Ok(_result));
        }
        else
        {
            Dialog.Cancel();
        }
    }
}
