using System.Globalization;

namespace NsmDashboard.Kms;

/// <summary>How a policy value differs from the document's lower-case hex, told so a person can find it.</summary>
internal static class ValueDifference
{
    private const int Context = 8;

    public static string Describe(string policyValue, string documentHex, ConditionOperator op, bool documentIsDebugPcr)
    {
        var debug = documentIsDebugPcr
            ? " This document comes from a debug-mode enclave, whose PCR0, PCR1 and PCR2 read as zeros: it can never match a policy for a release image."
            : string.Empty;
        if (op.IsLike && (policyValue.Contains('*', StringComparison.Ordinal) || policyValue.Contains('?', StringComparison.Ordinal)))
        {
            return $"the pattern '{Shorten(policyValue)}' does not match {Shorten(documentHex)} (StringLike is case-sensitive).{debug}";
        }

        if (string.Equals(policyValue, documentHex, StringComparison.OrdinalIgnoreCase))
        {
            return $"the values differ only in letter case: {op.BaseName} compares case-sensitively and KMS uses lower-case hex; use StringEqualsIgnoreCase or write the value in lower case.{debug}";
        }

        var bare = policyValue.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? policyValue[2..] : policyValue;
        if (!ReferenceEquals(bare, policyValue) && string.Equals(bare, documentHex, op.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            return $"the values are equal but for the '0x' prefix, which KMS's value does not have.{debug}";
        }

        var first = FirstDifference(bare, documentHex);
        var where = string.Create(CultureInfo.InvariantCulture, $"first difference at byte {first / 2} (hex character {first}, counting from 0)");
        var excerpt = $"policy {Excerpt(bare, first)}, document {Excerpt(documentHex, first)}";
        if (bare.Length != documentHex.Length)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the policy value has {bare.Length} hex characters, the document's {documentHex.Length}; {where}: {excerpt}.{debug}");
        }

        return $"{where}: {excerpt}.{debug}";
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (char.ToLowerInvariant(a[i]) != b[i])
            {
                return i;
            }
        }

        return length;
    }

    // "…5f3a|9c…" with a bar before the first differing character.
    private static string Excerpt(string value, int at)
    {
        var start = Math.Max(0, at - Context);
        var end = Math.Min(value.Length, at + Context);
        var before = value[start..Math.Min(at, value.Length)];
        var after = at < value.Length ? value[at..end] : "(end)";
        return (start > 0 ? "…" : string.Empty) + before + "|" + after + (end < value.Length ? "…" : string.Empty);
    }

    private static string Shorten(string value) => value.Length <= 24 ? value : value[..12] + "…" + value[^8..];
}
