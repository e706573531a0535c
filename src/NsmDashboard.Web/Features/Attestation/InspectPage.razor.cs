using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// Decodes and verifies a document from anywhere — a Nitro Enclave's or a NitroTPM instance's — pasted (base64 or
/// hex, whitespace tolerated) or uploaded (raw CBOR or text), at a chosen validation time, against a chosen root,
/// with an optional expected kind, expected PCRs (of the document's kind unless one is chosen) and nonce, and shows
/// its raw structure. Every kind of bad input ends in a message naming the problem; nothing is kept after the page
/// closes.
/// </summary>
public sealed partial class InspectPage
{
    // Documents are at most 12 KiB raw (the NSM's response buffer); as hex with line breaks, a few times that.
    private const int MaxFileSize = 256 * 1024;

    private const string ExpectedPcrPlaceholder = "0=9d3f…\n1=…\n2=…";

    private readonly InspectForm _form = new();
    private DocumentSource _source = DocumentSource.Paste;
    private string? _pasted;
    private byte[]? _fileBytes;
    private string? _fileName;
    private string? _inputError;
    private string? _inputErrorTitle;
    private AttestationOutcome? _outcome;
    private string? _sourceDescription;

    /// <summary>Where the document comes from.</summary>
    public enum DocumentSource
    {
        /// <summary>Text pasted in the page.</summary>
        Paste,

        /// <summary>An uploaded file.</summary>
        File,
    }

    [Inject]
    private AttestationService Service { get; set; } = default!;

    private AttestationTrustRoot? EmulatorRoot =>
        Service.AvailableRoots.FirstOrDefault(r => r.Kind == AttestationTrustRootKind.Emulator);

    private string? PastedText
    {
        get => _pasted;
        set
        {
            _pasted = value;
            _inputError = null;
        }
    }

    private string? RootError => _form.TryBuild(EmulatorRoot, out _, out var errors)
        ? null
        : errors.FirstOrDefault(e => e.StartsWith("Trust root: ", StringComparison.Ordinal))?["Trust root: ".Length..];

    private bool HasInput => _source == DocumentSource.Paste ? !string.IsNullOrWhiteSpace(_pasted) : _fileBytes is not null;

    private bool CanVerify => HasInput && _form.TryBuild(EmulatorRoot, out _, out _);

    private string DetectedText
    {
        get
        {
            if (!HasInput)
            {
                return "Paste a document or choose a file.";
            }

            try
            {
                var input = ReadInput();
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"Read as {AttestationProblemText.Describe(input.Format)}: {input.Document.Length} bytes of CBOR.");
            }
            catch (AttestationInputException e)
            {
                return $"Not readable yet: {e.Message}";
            }
        }
    }

    private void SetSource(DocumentSource source)
    {
        _source = source;
        _inputError = null;
    }

    private void SetTimeMode(ValidationTimeMode mode) => _form.TimeMode = mode;

    private void SetRoot(TrustRootChoice root) => _form.Root = root;

    private void SetExpectedKind(ExpectedKindChoice kind) => _form.ExpectedKind = kind;

    private async Task OnFileAsync(IBrowserFile? file)
    {
        _inputError = null;
        _fileBytes = null;
        _fileName = file?.Name;
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxFileSize)
        {
            ShowInputError("File too large", $"{file.Name} is {file.Size} bytes; an attestation document is about 4–5 KB (at most 12 KB raw, {MaxFileSize / 1024} KB as text).");
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: MaxFileSize);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            _fileBytes = buffer.ToArray();
        }
        catch (IOException ex)
        {
            ShowInputError("File not readable", $"{file.Name} could not be read: {ex.Message}");
        }
    }

    private AttestationInput ReadInput() => _source == DocumentSource.Paste
        ? AttestationInput.Parse(_pasted ?? string.Empty)
        : AttestationInput.Parse(_fileBytes ?? []);

    private void Verify()
    {
        _inputError = null;
        _outcome = null;
        AttestationInput input;
        try
        {
            input = ReadInput();
        }
        catch (AttestationInputException e)
        {
            if (!_form.TryBuild(EmulatorRoot, out _, out var optionErrors))
            {
                ShowInputError("The options are not valid", string.Join(" ", optionErrors));
                return;
            }

            ShowInputError(AttestationProblemText.InputTitle(e), e.Message);
            return;
        }

        // Expected PCRs address the document's own kind unless the form names one (its NitroTPM PCRs for a NitroTPM document).
        var documentKind = AttestationDocument.TryDecode(input.Document.Span, out var decoded, out _) ? decoded.Kind : null;
        if (!_form.TryBuild(EmulatorRoot, documentKind, out var options, out var errors))
        {
            ShowInputError("The options are not valid", string.Join(" ", errors));
            return;
        }

        _outcome = Service.Inspect(input.Document, options);
        _sourceDescription = string.Create(
            CultureInfo.InvariantCulture,
            $"{(_source == DocumentSource.Paste ? "Pasted text" : _fileName)} read as {AttestationProblemText.Describe(input.Format)}: {input.Document.Length} bytes.");
    }

    /// <summary>The known root the document's bundle starts with, when verification failed because another was chosen.</summary>
    private AttestationTrustRoot? SuggestedRoot(AttestationOutcome outcome) =>
        outcome.Verification.Failure == AttestationFailure.UntrustedRoot && outcome.Decoded?.CaBundle is [var root, ..]
            ? Service.AvailableRoots.FirstOrDefault(r => r.Matches(root.Span) && r.Sha256 != outcome.TrustRoot.Sha256)
            : null;

    private void UseRoot(AttestationTrustRoot root)
    {
        _form.Root = root.Kind == AttestationTrustRootKind.Emulator ? TrustRootChoice.Emulator : TrustRootChoice.Aws;
        Verify();
    }

    // The verdict's "check it at its own time": the same document again, at its timestamp.
    private void VerifyAtDocumentTime()
    {
        _form.TimeMode = ValidationTimeMode.DocumentTime;
        Verify();
    }

    private void Clear()
    {
        _pasted = null;
        _fileBytes = null;
        _fileName = null;
        _inputError = null;
        _outcome = null;
    }

    private void ShowInputError(string title, string message)
    {
        _inputErrorTitle = title;
        _inputError = message;
    }
}
