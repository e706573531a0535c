using System.Collections.ObjectModel;
using System.Globalization;

namespace NsmDashboard.Attestation;

/// <summary>
/// A named set of expected PCR values, e.g. <c>release-42</c> = {0: …, 1: …, 2: …}. A document matches the set
/// when every PCR in the set is present in the document with exactly that value; PCRs the set does not name are
/// not compared.
/// </summary>
public sealed class ExpectedPcrSet
{
    /// <summary>The highest PCR index plus one (NSM PCRs are 0–31).</summary>
    private const int PcrCount = 32;

    /// <summary>Creates a set.</summary>
    /// <param name="name">A name shown in evidence.</param>
    /// <param name="pcrs">PCR index → expected value (copied). <c>NitroCliMeasurements.Pcrs</c> fits here directly.</param>
    /// <exception cref="ArgumentException">The name is empty, the set is empty, an index is outside 0–31 or repeated, or a value is not 32, 48 or 64 bytes.</exception>
    public ExpectedPcrSet(string name, IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pcrs);
        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        foreach (var (index, value) in pcrs)
        {
            if (index is < 0 or >= PcrCount)
            {
                throw new ArgumentException($"PCR index {index} is outside 0–31.", nameof(pcrs));
            }

            if (value.Length is not (32 or 48 or 64))
            {
                throw new ArgumentException($"PCR{index} is {value.Length} bytes; PCR values are 32, 48 or 64 bytes.", nameof(pcrs));
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
        Pcrs = new ReadOnlyDictionary<int, ReadOnlyMemory<byte>>(sorted);
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The expected values by PCR index, ascending.</summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>> Pcrs { get; }

    /// <summary>
    /// Parses <c>N=HEX</c> assignments (as in <c>nsm verify --expect-pcr 0=ab12…</c>); <c>PCR</c> before the index
    /// and <c>0x</c> before the value are allowed.
    /// </summary>
    /// <exception cref="FormatException">An assignment is not <c>N=HEX</c>, or the set it forms is invalid.</exception>
    public static ExpectedPcrSet Parse(string name, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var pcrs = new List<KeyValuePair<int, ReadOnlyMemory<byte>>>();
        foreach (var assignment in assignments)
        {
            pcrs.Add(ParseAssignment(assignment));
        }

        try
        {
            return new ExpectedPcrSet(name, pcrs);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static KeyValuePair<int, ReadOnlyMemory<byte>> ParseAssignment(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var text = assignment.AsSpan().Trim();
        var equals = text.IndexOf('=');
        if (equals <= 0)
        {
            throw new FormatException($"'{assignment}' is not N=HEX (e.g. 0=9d3f…).");
        }

        var indexText = text[..equals].Trim();
        if (indexText.StartsWith("PCR", StringComparison.OrdinalIgnoreCase))
        {
            indexText = indexText[3..];
        }

        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"'{assignment}': '{indexText}' is not a PCR index.");
        }

        var hex = text[(equals + 1)..].Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        try
        {
            return new(index, Convert.FromHexString(hex));
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{assignment}': the value is not hex.", e);
        }
    }

    /// <summary>Whether the document's PCRs match this set; <paramref name="mismatches"/> lists the PCRs that do not.</summary>
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
