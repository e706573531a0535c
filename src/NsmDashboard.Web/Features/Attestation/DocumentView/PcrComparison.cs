using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>One expected value for a PCR, from one expected set, and whether the document has it.</summary>
/// <param name="SetName">The set's name (<c>set 1</c>, …).</param>
/// <param name="Value">The expected value, lowercase hex.</param>
/// <param name="Matches">Whether the document's value is exactly this.</param>
public sealed record PcrExpectation(string SetName, string Value, bool Matches);

/// <summary>
/// One row of the PCR comparison: the document's value beside the live one (DescribePCR now) and any expected
/// values. Rows exist for every PCR the document or an expected set names.
/// </summary>
/// <param name="Index">The PCR index.</param>
/// <param name="DocumentValue">The document's value, lowercase hex; <see langword="null"/> when the document lacks this PCR.</param>
/// <param name="Live">The live PCR, when live values are shown and the NSM has this index.</param>
/// <param name="Expectations">Expected values for this PCR, one per set that names it.</param>
public sealed record PcrComparison(int Index, string? DocumentValue, PcrState? Live, IReadOnlyList<PcrExpectation> Expectations)
{
    /// <summary>Whether the document's value is all zeros.</summary>
    public bool IsDocumentZero => DocumentValue is { Length: > 0 } value && value.All(c => c == '0');

    /// <summary>Whether the live value equals the document's; <see langword="null"/> when either is missing.</summary>
    public bool? LiveMatches => Live is null || DocumentValue is null ? null : Live.Hex == DocumentValue;

    /// <summary>Builds the rows, by index.</summary>
    /// <param name="document">The document's PCRs (may be null when the document has none).</param>
    /// <param name="live">Live PCRs by index, or <see langword="null"/> for no live column.</param>
    /// <param name="expected">Expected sets, or <see langword="null"/>.</param>
    public static IReadOnlyList<PcrComparison> Build(
        IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? document,
        IReadOnlyList<PcrState>? live,
        IReadOnlyList<ExpectedPcrSet>? expected)
    {
        var indices = new SortedSet<int>(document?.Keys ?? []);
        foreach (var set in expected ?? [])
        {
            indices.UnionWith(set.Pcrs.Keys);
        }

        var rows = new List<PcrComparison>(indices.Count);
        foreach (var index in indices)
        {
            string? value = document is not null && document.TryGetValue(index, out var bytes) ? Convert.ToHexStringLower(bytes.Span) : null;
            var livePcr = live?.FirstOrDefault(p => p.Index == index);
            var expectations = (expected ?? [])
                .Where(set => set.Pcrs.ContainsKey(index))
                .Select(set =>
                {
                    var want = Convert.ToHexStringLower(set.Pcrs[index].Span);
                    return new PcrExpectation(set.Name, want, want == value);
                })
                .ToArray();
            rows.Add(new PcrComparison(index, value, livePcr, expectations));
        }

        return rows;
    }
}
