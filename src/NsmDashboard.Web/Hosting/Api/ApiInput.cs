using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>Parsing of route values and body members into NSM arguments, with a problem for anything wrong.</summary>
internal static class ApiInput
{
    /// <summary>
    /// A PCR index from the route. Digits that fit a u16 (the protocol's index type, docs/nsm-messages.md#requests) are
    /// passed to the NSM, which answers InvalidIndex beyond <c>max_pcrs</c>; a larger number is answered the same
    /// way here (404 InvalidIndex); anything that is not a number is 400 InvalidArgument.
    /// </summary>
    public static bool TryParseIndex(string text, out ushort index, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        if (ushort.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index))
        {
            problem = null;
            return true;
        }

        var digits = text.AsSpan().TrimStart("+-");
        problem = !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9')
            ? ApiProblems.InvalidIndex($"PCR index {Quote(text)} is out of range: indices are 0 to max_pcrs − 1 (0–31 on Nitro).")
            : ApiProblems.InvalidArgument($"{Quote(text)} is not a PCR index: give a number from 0 to 31.");
        return false;
    }

    /// <summary>The bytes of an extend body: exactly one of <c>data</c> (hex) and <c>text</c> (UTF-8).</summary>
    public static bool TryGetExtendData(ExtendPcrBody body, out byte[] data, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        data = [];
        switch (body)
        {
            case { Data: not null, Text: not null }:
                problem = ApiProblems.InvalidArgument("Give either \"data\" (hex) or \"text\" (UTF-8), not both.");
                return false;
            case { Data: { } hex }:
                return TryParseHex("data", hex, out data, out problem);
            case { Text: { } text }:
                data = Encoding.UTF8.GetBytes(text);
                problem = null;
                return true;
            default:
                problem = ApiProblems.InvalidArgument("Give the bytes to extend with: {\"data\": \"<hex>\"} or {\"text\": \"<utf-8>\"}.");
                return false;
        }
    }

    /// <summary>An optional hex member: <see langword="null"/> stays null, anything else must be hex.</summary>
    public static bool TryParseOptionalHex(string member, string? hex, out byte[]? bytes, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        bytes = null;
        if (hex is null)
        {
            problem = null;
            return true;
        }

        if (!TryParseHex(member, hex, out var parsed, out problem))
        {
            return false;
        }

        bytes = parsed;
        return true;
    }

    /// <summary>Hex as people paste it (white space, <c>:</c>, a leading <c>0x</c>: <see cref="NsmDashboard.Nsm.Text.HexText.TryParse"/>).</summary>
    public static bool TryParseHex(string member, string hex, out byte[] bytes, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        if (HexText.TryParse(hex, out bytes, out var error))
        {
            problem = null;
            return true;
        }

        problem = ApiProblems.InvalidArgument($"\"{member}\" is not hex: {error.Message}.");
        return false;
    }

    /// <summary>
    /// The text of a string member kept as a <see cref="JsonElement"/>, or its JSON text when it is another value. The
    /// parser leaves string contents undecoded, so invalid UTF-8 inside one only shows when it is read.
    /// </summary>
    /// <exception cref="FormatException">
    /// The member holds invalid UTF-8 or an escaped unpaired surrogate such as <c>\uDE00</c>, which no string can carry
    /// as text (a 400, like any other bad member).
    /// </exception>
    public static string ReadJsonText(string member, JsonElement element)
    {
        try
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || element.ValueKind == JsonValueKind.String)
        {
            // Undecodable bytes (in a string, or anywhere in an object's raw text), or in a string whose kind was
            // checked (found by the API fuzz run) a \u escape of half a surrogate pair.
            throw new FormatException(e.InnerException is DecoderFallbackException
                ? $"\"{member}\" is not valid UTF-8."
                : $"\"{member}\" holds an escaped unpaired surrogate (\\uD800–\\uDFFF without its pair): not text.", e);
        }
    }

    /// <summary>Quotes user input in a detail, shortened so that a problem never echoes a whole body.</summary>
    public static string Quote(string text) =>
        "'" + (text.Length <= ApiLimits.MaxQuotedInput ? text : string.Concat(text.AsSpan(0, ApiLimits.MaxQuotedInput), "…")) + "'";
}
