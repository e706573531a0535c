using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>
/// The what-if sandbox: a start value (zeros, typed hex, or a live PCR read through DescribePCR), extend steps
/// given as text, hex or a file, each shown as old ‖ data and its SHA-384, steps moved up and down to show that
/// order changes the result, and a LockPCR placed between steps to show which extends the NSM would refuse.
/// Nothing is sent to the NSM except the optional DescribePCR read of the start value.
/// </summary>
public sealed partial class SandboxPage
{
    private readonly PcrSandbox _sandbox = new();
    private readonly SandboxStepDraft _draft = new();
    private SandboxStartKind _startKind = SandboxStartKind.Zeros;
    private string? _startHex;
    private string? _startError;
    private PcrState? _livePcr;
    private DateTimeOffset? _liveReadAt;
    private NsmException? _liveError;
    private bool _reading;
    private string? _addError;
    private bool _projector;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private int PcrIndex => _sandbox.PcrIndex;

    private int MaxDataLength => ExtendRequestSize.MaxDataLength(_sandbox.PcrIndex);

    private bool HasStart => _startError is null && (_startKind != SandboxStartKind.LivePcr || _livePcr is not null);

    private bool LockEnabled => _sandbox.LockAfter is not null;

    private int LockAfterValue => _sandbox.LockAfter ?? _sandbox.Steps.Count;

    private string? DraftProblem => _addError ?? _draft.Problem(_sandbox.PcrIndex);

    private string? DraftText
    {
        get => _draft.Text;
        set
        {
            _draft.Text = value;
            _addError = null;
        }
    }

    private string? DraftHex
    {
        get => _draft.Hex;
        set
        {
            _draft.Hex = value;
            _addError = null;
        }
    }

    private string? StartHex
    {
        get => _startHex;
        set
        {
            _startHex = value;
            ApplyTypedStart();
        }
    }

    private async Task SetStartKindAsync(SandboxStartKind kind)
    {
        _startKind = kind;
        _startError = null;
        switch (kind)
        {
            case SandboxStartKind.Zeros:
                _sandbox.SetStart(SandboxStart.Zeros);
                break;
            case SandboxStartKind.Hex:
                ApplyTypedStart();
                break;
            default:
                await ReadLiveAsync();
                break;
        }
    }

    private async Task SetPcrIndexAsync(int index)
    {
        _sandbox.PcrIndex = (ushort)Math.Clamp(index, 0, NsmLimits.PcrCount - 1);
        _addError = null;
        if (_startKind == SandboxStartKind.LivePcr)
        {
            await ReadLiveAsync();
        }
    }

    private void ApplyTypedStart()
    {
        if (SandboxStart.TryParse(_startHex, out var value, out var error))
        {
            _sandbox.SetStart(value);
            _startError = null;
        }
        else
        {
            _startError = error;
        }
    }

    private async Task ReadLiveAsync()
    {
        _reading = true;
        _liveError = null;
        _livePcr = null;
        try
        {
            var pcr = await State.GetPcrAsync(_sandbox.PcrIndex);
            _livePcr = pcr;
            _liveReadAt = Clock.GetUtcNow();
            _sandbox.SetStart(pcr.Value, pcr.Locked);
        }
        catch (NsmException e)
        {
            _liveError = e;
        }
        finally
        {
            _reading = false;
        }
    }

    private void SetDraftKind(ExtendInputKind kind)
    {
        _draft.Kind = kind;
        _addError = null;
    }

    private async Task OnFileAsync(IBrowserFile? file)
    {
        _addError = null;
        if (file is null)
        {
            return;
        }

        _draft.Kind = ExtendInputKind.File;
        if (file.Size > MaxDataLength)
        {
            _draft.SetFileError(file.Name, string.Create(
                CultureInfo.InvariantCulture,
                $"{file.Name} is {file.Size} bytes; an ExtendPCR request for PCR{PcrIndex} carries at most {MaxDataLength} data bytes (the {NsmLimits.RequestMaxSize}-byte request limit). Extend with its hash instead."));
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: NsmLimits.RequestMaxSize);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            _draft.SetFile(file.Name, buffer.ToArray());
        }
        catch (IOException e)
        {
            _draft.SetFileError(file.Name, $"{file.Name} could not be read: {e.Message}");
        }
    }

    private void AddStep()
    {
        if (_sandbox.TryAdd(_draft, out var error))
        {
            _draft.Clear();
            _addError = null;
        }
        else
        {
            _addError = error;
        }
    }

    private void SetLockEnabled(bool enabled) => _sandbox.SetLock(enabled ? _sandbox.Steps.Count : null);

    private void SetLockAfter(int after) => _sandbox.SetLock(Math.Clamp(after, 0, _sandbox.Steps.Count));

    private void MoveUp(SandboxStep step) => _sandbox.MoveUp(step.Id);

    private void MoveDown(SandboxStep step) => _sandbox.MoveDown(step.Id);

    private void Remove(SandboxStep step) => _sandbox.Remove(step.Id);

    private void Clear()
    {
        foreach (var step in _sandbox.Steps.ToArray())
        {
            _sandbox.Remove(step.Id);
        }

        _sandbox.SetLock(null);
    }
}
