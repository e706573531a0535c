using System.Diagnostics.CodeAnalysis;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>Where one side of a diff comes from.</summary>
public enum DiffSource
{
    /// <summary>Text pasted in the page: base64 or hex.</summary>
    Paste,

    /// <summary>An uploaded file: raw CBOR, or base64 or hex text.</summary>
    File,

    /// <summary>The live state: DescribeNSM and every PCR, read when comparing.</summary>
    Live,
}

/// <summary>One side of the Diff page as the operator filled it in.</summary>
public sealed class DiffInput
{
    /// <summary>Where the side comes from.</summary>
    public DiffSource Source { get; set; } = DiffSource.Paste;

    /// <summary>The pasted text.</summary>
    public string? Text { get; set; }

    /// <summary>The uploaded file's name.</summary>
    public string? FileName { get; private set; }

    /// <summary>The uploaded file's bytes; <see langword="null"/> until one was read.</summary>
    public byte[]? FileBytes { get; private set; }

    /// <summary>Why the file could not be taken, or <see langword="null"/>.</summary>
    public string? FileError { get; private set; }

    /// <summary>Whether the side has something to compare (the live state always has).</summary>
    public bool HasInput => Source switch
    {
        DiffSource.Paste => !string.IsNullOrWhiteSpace(Text),
        DiffSource.File => FileBytes is not null || FileError is not null,
        _ => true,
    };

    /// <summary>Keeps an uploaded file's bytes.</summary>
    public void SetFile(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(bytes);
        (FileName, FileBytes, FileError) = (name, bytes, null);
    }

    /// <summary>Records that a file could not be taken.</summary>
    public void SetFileError(string name, string error) => (FileName, FileBytes, FileError) = (name, null, error);

    /// <summary>Reads a pasted or uploaded document; the live state is read by the page instead.</summary>
    /// <param name="side">The side, on success.</param>
    /// <param name="error">What is wrong with the input, otherwise.</param>
    /// <exception cref="InvalidOperationException">The source is <see cref="DiffSource.Live"/>.</exception>
    public bool TryReadDocument([NotNullWhen(true)] out DiffSide? side, [NotNullWhen(false)] out string? error)
    {
        switch (Source)
        {
            case DiffSource.Paste:
                return DiffSideReader.TryRead(Text, out side, out error);
            case DiffSource.File when FileError is not null:
                side = null;
                error = FileError;
                return false;
            case DiffSource.File when FileBytes is null || FileName is null:
                side = null;
                error = "Choose a document file.";
                return false;
            case DiffSource.File:
                return DiffSideReader.TryRead(FileName, FileBytes, out side, out error);
            default:
                throw new InvalidOperationException("The live state is read from the NSM, not from the input.");
        }
    }
}
