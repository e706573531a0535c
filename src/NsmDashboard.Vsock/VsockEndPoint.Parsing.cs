using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NsmDashboard.Vsock;

/// <summary>The text form <c>vsock://CID:PORT</c>.</summary>
public sealed partial class VsockEndPoint : IParsable<VsockEndPoint>
{
    /// <summary>The URI-like scheme prefix of the text form.</summary>
    public const string Scheme = "vsock://";

    /// <summary>The word accepted and written for <see cref="VsockCid.Any"/>.</summary>
    public const string AnyCidName = "any";

    /// <summary>
    /// <c>vsock://CID:PORT</c>, with <c>any</c> for <see cref="VsockCid.Any"/> (readable in Kestrel's
    /// "Now listening on" line and in nsm-proxy's log), and round-trips through <see cref="Parse(string)"/>.
    /// </summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}{(Cid == VsockCid.Any ? AnyCidName : Cid)}:{Port}");

    /// <summary>Parses <c>vsock://CID:PORT</c> (CID a decimal number or <c>any</c>; PORT a decimal number).</summary>
    /// <exception cref="FormatException">The text is not of that form; the message says which part is wrong.</exception>
    public static VsockEndPoint Parse(string text) =>
        TryParse(text, out var endPoint, out var error) ? endPoint : throw new FormatException(error);

    /// <inheritdoc cref="Parse(string)"/>
    public static VsockEndPoint Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Parses <c>vsock://CID:PORT</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [MaybeNullWhen(false)] out VsockEndPoint result) =>
        TryParse(text, out result, out _);

    /// <inheritdoc cref="TryParse(string?, out VsockEndPoint)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out VsockEndPoint result) =>
        TryParse(s, out result);

    /// <summary>Parses <c>vsock://CID:PORT</c>, saying what is wrong when it fails.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The endpoint, when the text is valid.</param>
    /// <param name="error">Why it is not, naming the text, when it is not.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [MaybeNullWhen(false)] out VsockEndPoint result,
        [MaybeNullWhen(true)] out string error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A vsock address is needed (vsock://CID:PORT, e.g. vsock://16:5000).";
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        if (!rest.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is not a vsock address: write vsock://CID:PORT (e.g. vsock://16:5000, vsock://any:5000).";
            return false;
        }

        rest = rest[Scheme.Length..];
        int colon = rest.IndexOf(':');
        if (colon < 0)
        {
            error = $"'{text}' has no port: write vsock://CID:PORT.";
            return false;
        }

        if (!TryParseCid(rest[..colon], out uint cid))
        {
            error = $"'{text}': the CID must be a number from 0 to {uint.MaxValue} or '{AnyCidName}'.";
            return false;
        }

        if (!TryParseNumber(rest[(colon + 1)..], out uint port))
        {
            error = $"'{text}': the port must be a number from 0 to {uint.MaxValue}.";
            return false;
        }

        result = new VsockEndPoint(cid, port);
        error = null;
        return true;
    }

    /// <summary>A CID as written on a command line: a decimal number or <c>any</c>.</summary>
    public static bool TryParseCid(ReadOnlySpan<char> text, out uint cid)
    {
        if (text.Equals(AnyCidName, StringComparison.OrdinalIgnoreCase))
        {
            cid = VsockCid.Any;
            return true;
        }

        return TryParseNumber(text, out cid);
    }

    // Decimal digits only: no sign, no spaces, no thousands separators, no hex.
    private static bool TryParseNumber(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        return !text.IsEmpty
            && char.IsAsciiDigit(text[0])
            && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
