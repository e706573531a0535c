using System.Text.RegularExpressions;

namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// Outcome labels for fuzz reports: an error message with its variable parts (numbers, hex, quoted text) taken out, so
/// that the same kind of error counts once (<c>expected a text key, found N-byte string</c>).
/// </summary>
internal static partial class FuzzLabels
{
    public static string Kind(string message, int maxLength = 90)
    {
        var kind = Quoted().Replace(message, "'…'");
        kind = Hex().Replace(kind, "H");
        kind = Number().Replace(kind, "N");
        kind = Printable(kind.Replace(" (at byte N)", string.Empty, StringComparison.Ordinal).Trim());
        return kind.Length <= maxLength ? kind : kind[..maxLength] + "…";
    }

    /// <summary>Mutated names end up in messages; a report line keeps printable ASCII only.</summary>
    public static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' or '…' ? source[i] : '?';
            }
        });

    /// <summary>The first two segments of a decoder path (<c>payload.pcrs[3]</c> → <c>payload.pcrs</c>).</summary>
    public static string PathHead(string path)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        var head = bracket >= 0 ? path[..bracket] : path;
        var dots = head.Split('.');
        return Printable(dots.Length <= 2 ? head : string.Join('.', dots[..2]));
    }

    /// <summary>A per-input random source derived from the run's seed and the input's index (SplitMix64), so any input replays alone.</summary>
    public static Random InputRandom(int seed, long index)
    {
        var z = ((ulong)(uint)seed << 32) + (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random((int)(z & 0x7fffffff));
    }

    [GeneratedRegex("'[^']*('|$)|\"[^\"]*(\"|$)")]
    private static partial Regex Quoted();

    [GeneratedRegex("\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8,}\\b")]
    private static partial Regex Hex();

    [GeneratedRegex("\\d+")]
    private static partial Regex Number();
}
