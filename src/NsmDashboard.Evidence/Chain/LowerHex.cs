using System.Buffers;

namespace NsmDashboard.Evidence.Chain;

/// <summary>Lowercase hex, the one spelling of bytes in a trail (so a record has one set of canonical bytes).</summary>
internal static class LowerHex
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789abcdef");

    /// <summary>Whether the text is an even number of lowercase hex digits.</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => text.Length % 2 == 0 && !text.ContainsAnyExcept(Digits);
}
