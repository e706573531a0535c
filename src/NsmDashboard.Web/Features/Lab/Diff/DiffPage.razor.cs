using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>
/// Compares two attestation documents, or a document and the live state, side by side: module id, digest,
/// timestamps and the time between them, every PCR, the optional fields, the signing certificate and the cabundle.
/// Each side is read like Inspect reads a document (base64, hex or raw CBOR); a side that cannot be read says why.
/// </summary>
public sealed partial class DiffPage
{
    // Documents are at most 12 KiB raw; as hex with line breaks, a few times that (as on Inspect).
    private const int MaxFileSize = 256 * 1024;

    private readonly DiffInput _left = new();
    private readonly DiffInput _right = new();
    private string? _leftError;
    private string? _rightError;
    private NsmException? _liveError;
    private DocumentDiff? _diff;
    private bool _onlyDifferences;
    private bool _comparing;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private bool CanCompare => _left.HasInput && _right.HasInput && !_comparing;

    private DiffInput Input(bool right) => right ? _right : _left;

    private void SetSource(bool right, DiffSource source)
    {
        Input(right).Source = source;
        SetError(right, null);
    }

    private void SetText(bool right, string? text)
    {
        Input(right).Text = text;
        SetError(right, null);
    }

    private async Task OnFileAsync(bool right, IBrowserFile? file)
    {
        SetError(right, null);
        if (file is null)
        {
            return;
        }

        var input = Input(right);
        if (file.Size > MaxFileSize)
        {
            input.SetFileError(file.Name, $"{file.Name} is {file.Size} bytes; an attestation document is about 4–5 KB (at most 12 KB raw, {MaxFileSize / 1024} KB as text).");
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: MaxFileSize);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            input.SetFile(file.Name, buffer.ToArray());
        }
        catch (IOException e)
        {
            input.SetFileError(file.Name, $"{file.Name} could not be read: {e.Message}");
        }
    }

    private async Task CompareAsync()
    {
        _comparing = true;
        _diff = null;
        _liveError = null;
        try
        {
            var left = await ReadSideAsync(right: false);
            var right = await ReadSideAsync(right: true);
            if (left is not null && right is not null)
            {
                _diff = DocumentDiff.Compare(left, right);
            }
        }
        finally
        {
            _comparing = false;
        }
    }

    private async Task<DiffSide?> ReadSideAsync(bool right)
    {
        var input = Input(right);
        SetError(right, null);
        if (input.Source != DiffSource.Live)
        {
            if (input.TryReadDocument(out var side, out var error))
            {
                return side;
            }

            SetError(right, error);
            return null;
        }

        try
        {
            return DiffSide.FromLive(await State.GetSnapshotAsync(), Clock.GetUtcNow());
        }
        catch (NsmException e)
        {
            _liveError = e;
            SetError(right, "The live state could not be read: " + e.Message);
            return null;
        }
    }

    private void SetError(bool right, string? error)
    {
        if (right)
        {
            _rightError = error;
        }
        else
        {
            _leftError = error;
        }
    }
}
