using System.Collections.ObjectModel;
using System.Globalization;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Nsm.Text;

namespace NsmDashboard.Attestation;

/// <summary>
/// A named set of expected PCR values of one document kind, e.g. <c>release-42</c> = enclave {0: …, 1: …, 2: …} or
/// <c>ami-7</c> = NitroTPM {4: …, 7: …, 12: …}. A document matches the set when it is of the set's
/// <see cref="Kind"/> and every PCR in the set is present in the document's PCR map of that kind with exactly that
/// value; PCRs the set does not name are not compared. A set never matches a document of the other kind: PCR4 of a
/// NitroTPM (the boot loader) has nothing to do with PCR4 of an enclave (the parent instance id).
/// </summary>
public sealed class ExpectedPcrSet
{
    /// <summary>Creates a set for Nitro Enclave documents.</summary>
    /// <param name="name">A name shown in evidence.</param>
    /// <param name="pcrs">PCR index → expected value (copied). <c>NitroCliMeasurements.Pcrs</c> fits here directly.</param>
    /// <exception cref="ArgumentException">The name is empty, the set is empty, an index is outside 0–31 or repeated, or a value is not 32, 48 or 64 bytes.</exception>
    public ExpectedPcrSet(string name, IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs)
        : this(name, AttestationDocumentKind.NitroEnclave, pcrs)
    {
    }

    /// <summary>Creates a set for documents of the given kind.</summary>
    /// <param name="name">A name shown in evidence.</param>
    /// <param name="kind">The kind of document the values belong to.</param>
    /// <param name="pcrs">PCR index → expected value (copied).</param>
    /// <exception cref="ArgumentException">
    /// The name is empty, the set is empty, an index is outside the kind's PCRs (0–31 for an enclave, 0–23 for a
    /// NitroTPM) or repeated, or a value has a length the kind never uses (32, 48 or 64 bytes for an enclave, 48 for
    /// a NitroTPM).
    /// </exception>
    public ExpectedPcrSet(string name, AttestationDocumentKind kind, IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pcrs);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind.");
        }

        var count = AttestationDocumentKinds.PcrCountOf(kind);
        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        foreach (var (index, value) in pcrs)
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentException($"PCR index {index} is outside 0–{count - 1} ({AttestationDocumentKinds.NameOf(kind)} PCRs).", nameof(pcrs));
            }

            var lengthOk = kind == AttestationDocumentKind.NitroTpm ? value.Length == NsmLimits.PcrLength : NsmDigestExtensions.TryFromPcrLength(value.Length, out _);
            if (!lengthOk)
            {
                throw new ArgumentException(
                    kind == AttestationDocumentKind.NitroTpm
                        ? $"PCR{index} is {value.Length} bytes; NitroTPM PCRs are SHA-384 values of 48 bytes."
                        : $"PCR{index} is {value.Length} bytes; PCR values are 32, 48 or 64 bytes.",
                    nameof(pcrs));
            }

            if (!sorted.TryAdd(index, value.ToArray()))
            {
                throw new ArgumentException($"PCR{index} is given twice.", nameof(pcrs));
            }
        }

        if (sorted.Count == 0)
        {
            throw new ArgumentException("An expected PCR set needs at least one PCR.", nameof(pcrs));
        }

        Name = name;
        Kind = kind;
        Pcrs = new ReadOnlyDictionary<int, ReadOnlyMemory<byte>>(sorted);
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The kind of document whose PCRs these are.</summary>
    public AttestationDocumentKind Kind { get; }

    /// <summary>The expected values by PCR index, ascending.</summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>> Pcrs { get; }

    /// <summary>
    /// A set from imported measurements; its kind follows the tool that printed them (nitro-cli: Nitro Enclave,
    /// nitro-tpm-pcr-compute: NitroTPM).
    /// </summary>
    public static ExpectedPcrSet FromMeasurements(string name, ExpectedMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        return new ExpectedPcrSet(name, AttestationDocumentKinds.Of(measurements.Format), measurements.Pcrs);
    }

    /// <summary>
    /// Parses <c>N=HEX</c> assignments of Nitro Enclave PCRs (as in <c>nsm verify --expect-pcr 0=ab12…</c>);
    /// <c>PCR</c> before the index is allowed, and the value is hex as <see cref="HexText"/> reads it.
    /// </summary>
    /// <exception cref="ExpectedPcrSetFormatException">An assignment is not <c>N=HEX</c>, or the set it forms is invalid.</exception>
    public static ExpectedPcrSet Parse(string name, IEnumerable<string> assignments) =>
        Parse(name, AttestationDocumentKind.NitroEnclave, assignments);

    /// <summary>Parses <c>N=HEX</c> assignments of PCRs of the given kind.</summary>
    /// <exception cref="ExpectedPcrSetFormatException">An assignment is not <c>N=HEX</c>, or the set it forms is invalid for the kind.</exception>
    public static ExpectedPcrSet Parse(string name, AttestationDocumentKind kind, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var pcrs = new List<KeyValuePair<int, ReadOnlyMemory<byte>>>();
        foreach (var assignment in assignments)
        {
            ArgumentNullException.ThrowIfNull(assignment);
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ExpectedPcrSetFormatException(assignment, $"{Quote(assignment.Trim())} is not N=HEX (e.g. 0=9d3f…).");
            }

            pcrs.Add(ParsePcr(assignment[..equals], assignment[(equals + 1)..], assignment.Trim()));
        }

        return Create(name, kind, pcrs);
    }

    /// <summary>
    /// Parses PCRs given as a map of index to hex (as in <c>{"0": "9d3f…", "PCR1": "…"}</c>): the one reading of an
    /// expected PCR set that the CLI, the API and the pages share, so the same set is accepted or refused everywhere
    /// with the same words.
    /// </summary>
    /// <exception cref="ExpectedPcrSetFormatException">A key is not a PCR index, a value is not hex, or the set is invalid for the kind.</exception>
    public static ExpectedPcrSet Parse(string name, AttestationDocumentKind kind, IEnumerable<KeyValuePair<string, string>> pcrs)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        return Create(name, kind, [.. pcrs.Select(p => ParsePcr(p.Key, p.Value, assignment: null))]);
    }

    private static ExpectedPcrSet Create(string name, AttestationDocumentKind kind, List<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs)
    {
        try
        {
            return new ExpectedPcrSet(name, kind, pcrs);
        }
        catch (ArgumentException e)
        {
            // The constructor's words without ArgumentException's " (Parameter 'pcrs')".
            throw new ExpectedPcrSetFormatException(null, e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    // Echoes what was given in an error, shortened so that a pasted page never comes back whole.
    private static string Quote(string text) => text.Length <= 120 ? $"'{text}'" : $"'{text[..120]}…'";

    // One PCR: "0" or "PCR0", and hex. Errors name the assignment it came from (N=HEX), or the key of a map entry.
    private static KeyValuePair<int, ReadOnlyMemory<byte>> ParsePcr(string key, string? hex, string? assignment)
    {
        var indexText = key.AsSpan().Trim();
        if (indexText.StartsWith("PCR", StringComparison.OrdinalIgnoreCase))
        {
            indexText = indexText[3..];
        }

        var where = Quote(assignment ?? key.Trim());
        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new ExpectedPcrSetFormatException(key, assignment is null ? $"{where} is not a PCR index." : $"{where}: {Quote(key.Trim())} is not a PCR index.");
        }

        if (hex is null)
        {
            throw new ExpectedPcrSetFormatException(key, $"{where}: give the value as hex.");
        }

        if (!HexText.TryParse(hex, out var value, out var error))
        {
            throw new ExpectedPcrSetFormatException(key, $"{where}: the value is not hex: {error.Message}.");
        }

        return new(index, value);
    }

    /// <summary>
    /// Whether a PCR map of this set's kind matches; <paramref name="mismatches"/> lists the PCRs that do not.
    /// The caller must pass the document's map of <see cref="Kind"/> (and not call this for another kind).
    /// </summary>
    internal bool Matches(IReadOnlyDictionary<int, ReadOnlyMemory<byte>> actual, out List<int> mismatches)
    {
        mismatches = [];
        foreach (var (index, expected) in Pcrs)
        {
            if (!actual.TryGetValue(index, out var value) || !value.Span.SequenceEqual(expected.Span))
            {
                mismatches.Add(index);
            }
        }

        return mismatches.Count == 0;
    }
}
