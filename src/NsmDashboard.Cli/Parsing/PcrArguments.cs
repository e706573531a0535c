using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// PCR indices and LockPCRs ranges as typed on the command line. Any value that fits the protocol's
/// <c>u16</c> is sent: whether it is a valid PCR is the NSM's answer to give (index ≥ 32 →
/// <c>InvalidIndex</c>, exit 1), so the CLI never hides what the module does. Text that is not a
/// <c>u16</c> at all is a usage error (exit 2).
/// </summary>
internal static class PcrArguments
{
    /// <summary>The word that selects every PCR in <c>nsm pcr read</c>.</summary>
    public const string All = "all";

    /// <summary><c>&lt;index&gt;</c>: a PCR index.</summary>
    public static Argument<ushort> Index(string description) => new("index")
    {
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result => ParseIndex(result, allowAll: false) ?? 0,
    };

    /// <summary><c>&lt;index|all&gt;</c>: a PCR index or <c>all</c>.</summary>
    public static Argument<PcrSelection> IndexOrAll(string description) => new("index|all")
    {
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result => ParseIndex(result, allowAll: true) is { } index ? PcrSelection.One(index) : PcrSelection.All,
    };

    /// <summary>
    /// <c>&lt;range&gt;</c>: LockPCRs' <c>range</c>, the number of PCRs from 0 to lock. <c>0-M</c> is
    /// accepted too and means <c>M+1</c>, because LockPCRs always starts at PCR 0 (docs/nsm-messages.md#requests).
    /// </summary>
    public static Argument<ushort> Range(string description) => new("range")
    {
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = ParseRange,
    };

    private static ushort? ParseIndex(ArgumentResult result, bool allowAll)
    {
        var text = result.Tokens.Single().Value;
        if (allowAll && string.Equals(text, All, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (TryParseUInt16(text, out var index))
        {
            return index;
        }

        result.AddError(
            $"'{text}' is not a PCR index: expected a whole number from 0 to 65535{(allowAll ? " or 'all'" : string.Empty)} (a Nitro NSM has PCRs 0-31)");
        return 0;
    }

    private static ushort ParseRange(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TryParseUInt16(text, out var range))
        {
            return range;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && TryParseUInt16(text[..dash], out var first) && TryParseUInt16(text[(dash + 1)..], out var last))
        {
            if (first != 0)
            {
                result.AddError($"'{text}': LockPCRs always locks from PCR 0; give the count (e.g. {last + 1}) or 0-{last}");
                return 0;
            }

            if (last < ushort.MaxValue)
            {
                return (ushort)(last + 1);
            }
        }

        result.AddError($"'{text}' is not a range: expected N (locks PCRs 0 to N-1, N from 0 to 65535) or 0-M");
        return 0;
    }

    private static bool TryParseUInt16(string text, out ushort value) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
