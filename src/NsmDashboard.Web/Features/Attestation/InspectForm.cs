using System.Globalization;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// The Inspect page's verification options as typed: validation time, trust root, expected PCR sets and nonce.
/// <c>TryBuild</c> turns them into <see cref="InspectOptions"/> or a message per field. The document itself
/// is read separately (<see cref="AttestationInput"/>).
/// </summary>
public sealed class InspectForm
{
    // The root parsed from RootPem, kept while the text is unchanged: the form is validated on every render.
    private (string Pem, AttestationTrustRoot? Root, string? Error)? _parsedRoot;

    /// <summary>How the validation time is chosen.</summary>
    public ValidationTimeMode TimeMode { get; set; } = ValidationTimeMode.Now;

    /// <summary>The time typed in <see cref="ValidationTimeMode.Specific"/> mode (ISO 8601; UTC when no offset is given).</summary>
    public string? SpecificTime { get; set; }

    /// <summary>Which root to pin.</summary>
    public TrustRootChoice Root { get; set; } = TrustRootChoice.Automatic;

    /// <summary>The pasted root certificate, for <see cref="TrustRootChoice.Pem"/>.</summary>
    public string? RootPem { get; set; }

    /// <summary>
    /// Expected PCR values, one <c>index=hex</c> per line; a blank line starts an alternative set (e.g. the current
    /// and the previous release), and the document must match one of the sets.
    /// </summary>
    public string? ExpectedPcrs { get; set; }

    /// <summary>The expected nonce as hex; empty: not checked.</summary>
    public string? ExpectedNonce { get; set; }

    /// <summary>
    /// The kind the document must be. <see cref="ExpectedKindChoice.Any"/>: any, and the expected PCRs address the
    /// document's own kind (the NitroTPM's PCRs of a NitroTPM document).
    /// </summary>
    public ExpectedKindChoice ExpectedKind { get; set; } = ExpectedKindChoice.Any;

    /// <summary>The problem with <see cref="SpecificTime"/>, or <see langword="null"/>.</summary>
    public string? TimeError => ParseTime(out _);

    /// <summary>The problem with <see cref="ExpectedPcrs"/>, or <see langword="null"/>.</summary>
    public string? PcrError => ParsePcrSets(ChosenKind ?? AttestationDocumentKind.NitroEnclave, out _);

    /// <summary>The problem with <see cref="ExpectedNonce"/>, or <see langword="null"/>.</summary>
    public string? NonceError => ParseNonce(out _);

    /// <summary>Builds the options; <paramref name="emulatorRoot"/> is the emulator's root when there is one.</summary>
    /// <param name="emulatorRoot">The emulator's root, or <see langword="null"/> when the NSM is a device.</param>
    /// <param name="options">The options, when every field is valid.</param>
    /// <param name="errors">A message per invalid field.</param>
    public bool TryBuild(AttestationTrustRoot? emulatorRoot, out InspectOptions options, out IReadOnlyList<string> errors) =>
        TryBuild(emulatorRoot, documentKind: null, out options, out errors);

    /// <summary>Builds the options for a document of <paramref name="documentKind"/>, which the expected PCRs address unless a kind is chosen.</summary>
    /// <param name="emulatorRoot">The emulator's root, or <see langword="null"/> when the NSM is a device.</param>
    /// <param name="documentKind">The kind the document's payload says it is, when known.</param>
    /// <param name="options">The options, when every field is valid.</param>
    /// <param name="errors">A message per invalid field.</param>
    public bool TryBuild(AttestationTrustRoot? emulatorRoot, AttestationDocumentKind? documentKind, out InspectOptions options, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var expectedKind = ChosenKind;
        Add(problems, "Validation time", ParseTime(out var time));
        Add(problems, "Trust root", ParseRoot(emulatorRoot, out var root));
        Add(problems, "Expected PCRs", ParsePcrSets(expectedKind ?? documentKind ?? AttestationDocumentKind.NitroEnclave, out var sets));
        Add(problems, "Expected nonce", ParseNonce(out var nonce));
        errors = problems;
        options = new InspectOptions
        {
            ValidationTime = time,
            AtDocumentTime = TimeMode == ValidationTimeMode.DocumentTime,
            TrustRoot = root,
            Policy = sets.Count == 0 && nonce is null && expectedKind is null
                ? null
                : new AttestationPolicy { ExpectedKind = expectedKind, ExpectedPcrSets = sets, ExpectedNonce = nonce is null ? null : (ReadOnlyMemory<byte>?)nonce },
        };
        return problems.Count == 0;
    }

    private AttestationDocumentKind? ChosenKind => ExpectedKind switch
    {
        ExpectedKindChoice.NitroEnclave => AttestationDocumentKind.NitroEnclave,
        ExpectedKindChoice.NitroTpm => AttestationDocumentKind.NitroTpm,
        _ => null,
    };

    private string? ParseTime(out DateTimeOffset? time)
    {
        time = null;
        if (TimeMode != ValidationTimeMode.Specific)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(SpecificTime))
        {
            return "Enter a time such as 2021-10-28T17:02:02Z.";
        }

        if (!AttestationValidationTime.TryParseTime(SpecificTime, out var parsed))
        {
            return $"'{SpecificTime.Trim()}' is not a date and time; use ISO 8601, e.g. 2021-10-28T17:02:02Z.";
        }

        time = parsed;
        return null;
    }

    private string? ParseRoot(AttestationTrustRoot? emulatorRoot, out AttestationTrustRoot? root)
    {
        root = null;
        switch (Root)
        {
            case TrustRootChoice.Automatic:
                return null;
            case TrustRootChoice.Aws:
                root = AttestationTrustRoot.Aws;
                return null;
            case TrustRootChoice.Emulator:
                root = emulatorRoot;
                return root is null ? "The NSM is not emulated, so there is no emulator root." : null;
            default:
                if (string.IsNullOrWhiteSpace(RootPem))
                {
                    return "Paste the root certificate as PEM (-----BEGIN CERTIFICATE----- …).";
                }

                if (_parsedRoot is not { } parsed || parsed.Pem != RootPem)
                {
                    try
                    {
                        parsed = (RootPem, AttestationTrustRoot.FromPem(RootPem, name: null), null);
                    }
                    catch (AttestationTrustRootException e)
                    {
                        parsed = (RootPem, null, e.Message);
                    }

                    _parsedRoot = parsed;
                }

                root = parsed.Root;
                return parsed.Error;
        }
    }

    private string? ParsePcrSets(AttestationDocumentKind kind, out IReadOnlyList<ExpectedPcrSet> sets)
    {
        sets = [];
        if (string.IsNullOrWhiteSpace(ExpectedPcrs))
        {
            return null;
        }

        var groups = new List<List<string>> { new() };
        foreach (var raw in ExpectedPcrs.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (groups[^1].Count > 0)
                {
                    groups.Add([]);
                }
            }
            else if (!line.StartsWith('#'))
            {
                groups[^1].Add(line);
            }
        }

        var result = new List<ExpectedPcrSet>();
        foreach (var group in groups.Where(g => g.Count > 0))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"set {result.Count + 1}");
            try
            {
                result.Add(ExpectedPcrSet.Parse(name, kind, group));
            }
            catch (FormatException e)
            {
                return $"{name}: {e.Message}";
            }
        }

        sets = result;
        return null;
    }

    private string? ParseNonce(out byte[]? nonce)
    {
        nonce = null;
        if (string.IsNullOrWhiteSpace(ExpectedNonce))
        {
            return null;
        }

        if (!HexText.TryParse(ExpectedNonce, out var bytes, out var error))
        {
            return error.Message;
        }

        nonce = bytes;
        return null;
    }

    private static void Add(List<string> problems, string field, string? problem)
    {
        if (problem is not null)
        {
            problems.Add($"{field}: {problem}");
        }
    }
}
