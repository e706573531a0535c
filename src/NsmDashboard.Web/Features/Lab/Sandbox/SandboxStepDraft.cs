using System.Globalization;
using System.Text;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>
/// The step being typed in the sandbox: text (extended as UTF-8), hex or an uploaded file, read with the same
/// rules as the Extend dialog and checked against the NSM's limit — the ExtendPCR request must fit in 4096 bytes
/// (<see cref="ExtendRequestSize"/>). Every problem is a message, never an exception.
/// </summary>
public sealed class SandboxStepDraft
{
    /// <summary>How the data is given.</summary>
    public ExtendInputKind Kind { get; set; } = ExtendInputKind.Text;

    /// <summary>The text, for <see cref="ExtendInputKind.Text"/>.</summary>
    public string? Text { get; set; }

    /// <summary>The hex, for <see cref="ExtendInputKind.Hex"/>.</summary>
    public string? Hex { get; set; }

    /// <summary>The uploaded file's name, for <see cref="ExtendInputKind.File"/>.</summary>
    public string? FileName { get; private set; }

    /// <summary>The uploaded file's bytes; <see langword="null"/> until a file was read.</summary>
    public byte[]? FileBytes { get; private set; }

    /// <summary>Why the file could not be read (too large, I/O error), or <see langword="null"/>.</summary>
    public string? FileError { get; private set; }

    /// <summary>
    /// What is wrong with the input as it stands; <see langword="null"/> while it is valid or still empty, so a
    /// field is not red before the operator typed anything.
    /// </summary>
    public string? Problem(ushort pcrIndex) => IsEmpty ? null : Read(pcrIndex, out _, out _);

    /// <summary>Whether nothing has been given for the current <see cref="Kind"/>.</summary>
    public bool IsEmpty => Kind switch
    {
        ExtendInputKind.Text => string.IsNullOrEmpty(Text),
        ExtendInputKind.Hex => string.IsNullOrWhiteSpace(Hex),
        _ => FileBytes is null && FileError is null,
    };

    /// <summary>Keeps an uploaded file's bytes.</summary>
    public void SetFile(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(bytes);
        FileName = name;
        FileBytes = bytes;
        FileError = null;
    }

    /// <summary>Records that a file could not be taken (too large to read, unreadable).</summary>
    public void SetFileError(string name, string error)
    {
        FileName = name;
        FileBytes = null;
        FileError = error;
    }

    /// <summary>Builds the step, or says why the input cannot be one.</summary>
    /// <param name="id">The new step's id.</param>
    /// <param name="pcrIndex">The PCR the sandbox stands for (the request size depends on the index).</param>
    /// <param name="step">The step, on success.</param>
    /// <param name="error">The problem, otherwise.</param>
    public bool TryBuild(int id, ushort pcrIndex, out SandboxStep? step, out string? error)
    {
        step = null;
        error = Read(pcrIndex, out var data, out var label);
        if (error is not null)
        {
            return false;
        }

        step = new SandboxStep(id, Kind, label, data);
        return true;
    }

    /// <summary>Empties the input of the current kind, after its step was added.</summary>
    public void Clear()
    {
        Text = null;
        Hex = null;
        FileName = null;
        FileBytes = null;
        FileError = null;
    }

    private string? Read(ushort pcrIndex, out byte[] data, out string label)
    {
        data = [];
        label = string.Empty;
        switch (Kind)
        {
            case ExtendInputKind.Text:
                if (string.IsNullOrEmpty(Text))
                {
                    return "Enter the text to extend with.";
                }

                data = Encoding.UTF8.GetBytes(Text);
                label = Text;
                break;
            case ExtendInputKind.Hex:
                if (string.IsNullOrWhiteSpace(Hex))
                {
                    return "Enter hex bytes, e.g. 010203.";
                }

                if (!HexText.TryParse(Hex, out data, out var hexError))
                {
                    return hexError.Message;
                }

                if (data.Length == 0)
                {
                    return "The hex holds no digits: an extend needs at least one byte.";
                }

                label = Convert.ToHexStringLower(data);
                break;
            default:
                if (FileError is not null)
                {
                    return FileError;
                }

                if (FileBytes is null || FileName is null)
                {
                    return "Choose a file.";
                }

                if (FileBytes.Length == 0)
                {
                    return $"{FileName} is empty: an extend needs at least one byte.";
                }

                data = FileBytes;
                label = FileName;
                break;
        }

        return ExtendRequestSize.Fits(pcrIndex, data)
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{data.Length} bytes is too long: an ExtendPCR request for PCR{pcrIndex} carries at most {ExtendRequestSize.MaxDataLength(pcrIndex)} data bytes (the {NsmLimits.RequestMaxSize}-byte request limit). Extend with its hash instead.");
    }
}
