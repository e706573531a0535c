namespace NsmDashboard.Kms;

/// <summary>
/// IAM action matching: case-insensitive, <c>*</c> for any run of characters and <c>?</c> for one
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
/// </summary>
public static class ActionPattern
{
    /// <summary>Whether <paramref name="pattern"/> (e.g. <c>kms:Decrypt*</c>) names <paramref name="action"/>.</summary>
    public static bool Matches(string pattern, string action)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(action);
        return Glob.Matches(pattern, action, ignoreCase: true);
    }
}

/// <summary>The <c>*</c>/<c>?</c> matching IAM uses for actions and for <c>StringLike</c>.</summary>
internal static class Glob
{
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        // Iterative wildcard matching with one backtrack point: linear in practice, no recursion to blow up.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
