using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Attestation;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>
/// Reads one side of a diff from pasted text or an uploaded file, exactly as Inspect does: base64, hex or raw CBOR
/// (<see cref="AttestationInput"/>), then decoded (<see cref="AttestationDocument"/>). Bad input is a message.
/// </summary>
public static class DiffSideReader
{
    /// <summary>Reads pasted text (base64 or hex).</summary>
    /// <param name="text">The text.</param>
    /// <param name="side">The side, on success.</param>
    /// <param name="error">What is wrong with the input, otherwise.</param>
    public static bool TryRead(string? text, [NotNullWhen(true)] out DiffSide? side, [NotNullWhen(false)] out string? error)
    {
        side = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Paste a document (base64 or hex).";
            return false;
        }

        AttestationInput input;
        try
        {
            input = AttestationInput.Parse(text);
        }
        catch (AttestationInputException e)
        {
            error = $"{AttestationProblemText.InputTitle(e)}: {e.Message}";
            return false;
        }

        return TryDecode(input, "Pasted document", out side, out error);
    }

    /// <summary>Reads an uploaded file (raw CBOR, or base64 or hex text).</summary>
    /// <param name="name">The file name, for the side's description.</param>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="side">The side, on success.</param>
    /// <param name="error">What is wrong with the input, otherwise.</param>
    public static bool TryRead(string name, ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out DiffSide? side, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        side = null;
        AttestationInput input;
        try
        {
            input = AttestationInput.Parse(bytes);
        }
        catch (AttestationInputException e)
        {
            error = $"{name}: {AttestationProblemText.InputTitle(e)}: {e.Message}";
            return false;
        }

        return TryDecode(input, name, out side, out error);
    }

    private static bool TryDecode(AttestationInput input, string source, [NotNullWhen(true)] out DiffSide? side, [NotNullWhen(false)] out string? error)
    {
        side = null;
        if (!AttestationDocument.TryDecode(input.Document.Span, out var document, out var decodeError))
        {
            error = $"Not an attestation document. {AttestationProblemText.DecodeTitle(decodeError)}: {decodeError.Problem}.";
            return false;
        }

        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"{source}, read as {AttestationProblemText.Describe(input.Format)} ({input.Document.Length} bytes)");
        side = DiffSide.FromDocument(document, description);
        error = null;
        return true;
    }
}
