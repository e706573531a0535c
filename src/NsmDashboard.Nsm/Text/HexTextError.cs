using System.Globalization;

namespace NsmDashboard.Nsm.Text;

/// <summary>Why a text is not hex (<see cref="HexText.TryParse"/>).</summary>
public enum HexTextErrorKind
{
    /// <summary>A character that is neither a hex digit nor white space or <c>:</c>.</summary>
    NotAHexDigit,

    /// <summary>An odd number of digits: every byte takes two.</summary>
    OddDigitCount,
}

/// <summary>Why a text is not hex, and where.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Position">The 1-based position of the offending character in the text as given; <see langword="null"/> for an odd count.</param>
/// <param name="Character">The offending character; <see langword="null"/> for an odd count.</param>
/// <param name="DigitCount">The hex digits read (up to the error).</param>
public sealed record HexTextError(HexTextErrorKind Kind, int? Position, char? Character, int DigitCount)
{
    /// <summary>The error in words: <c>'g' at position 2 is not a hex digit (0-9, a-f)</c>, <c>odd number of hex digits (3): every byte takes two digits</c>.</summary>
    public string Message => Kind == HexTextErrorKind.NotAHexDigit
        ? string.Create(CultureInfo.InvariantCulture, $"'{Printable(Character ?? '?')}' at position {Position} is not a hex digit (0-9, a-f)")
        : string.Create(CultureInfo.InvariantCulture, $"odd number of hex digits ({DigitCount}): every byte takes two digits");

    /// <inheritdoc/>
    public override string ToString() => Message;

    private static string Printable(char c) => char.IsControl(c)
        ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
        : c.ToString();
}

/// <summary>A text given as hex is not hex (<see cref="HexText.Parse"/>).</summary>
public sealed class HexTextException : FormatException
{
    /// <summary>Creates the exception for an error.</summary>
    public HexTextException(HexTextError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message) => Error = error;

    /// <summary>What is wrong and where.</summary>
    public HexTextError Error { get; }
}
