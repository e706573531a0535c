using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>One PCR value checked against the expected measurement sets.</summary>
/// <param name="Index">The PCR.</param>
/// <param name="Kind">The outcome.</param>
/// <param name="MatchingSets">The sets whose expected value equals the PCR, in the order the sets were given.</param>
/// <param name="ExpectingSets">Every set that names this PCR.</param>
public sealed record MeasurementMark(int Index, MeasurementMarkKind Kind, IReadOnlyList<string> MatchingSets, IReadOnlyList<string> ExpectingSets)
{
    /// <summary>PCRs that nitro-cli measures and that debug mode zeroes: 0, 1, 2 and 8 (docs/pcrs.md#debug-mode).</summary>
    private static readonly int[] DebugZeroedPcrs = [0, 1, 2, 8];

    /// <summary>The mark in a few words, e.g. "matches release-42" or "zero: debug mode".</summary>
    public string Text => Kind switch
    {
        MeasurementMarkKind.Matches => "matches " + string.Join(", ", MatchingSets),
        MeasurementMarkKind.Differs => "differs from " + string.Join(", ", ExpectingSets),
        MeasurementMarkKind.DebugZero => "zero: debug mode",
        _ => string.Empty,
    };

    /// <summary>Checks one PCR value.</summary>
    /// <param name="index">The PCR.</param>
    /// <param name="value">Its value.</param>
    /// <param name="debugMode">Whether PCR0–2 all read zero (<see cref="EnclaveDebugMode"/>).</param>
    /// <param name="sets">The expected sets.</param>
    public static MeasurementMark For(int index, ReadOnlySpan<byte> value, bool debugMode, IReadOnlyList<ExpectedPcrSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var expecting = new List<string>();
        var matching = new List<string>();
        foreach (var set in sets)
        {
            if (set.Pcrs.TryGetValue(index, out var expected))
            {
                expecting.Add(set.Name);
                if (expected.Span.SequenceEqual(value))
                {
                    matching.Add(set.Name);
                }
            }
        }

        var kind = expecting.Count == 0 ? MeasurementMarkKind.NotExpected
            : matching.Count > 0 ? MeasurementMarkKind.Matches
            : debugMode && !value.ContainsAnyExcept((byte)0) && DebugZeroedPcrs.Contains(index) ? MeasurementMarkKind.DebugZero
            : MeasurementMarkKind.Differs;
        return new MeasurementMark(index, kind, matching, expecting);
    }
}
