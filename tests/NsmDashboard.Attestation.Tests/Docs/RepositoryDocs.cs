using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace NsmDashboard.Attestation.Tests.Docs;

/// <summary>
/// Reads the repository's <c>docs/</c> (found through the build's RepositoryRoot metadata) and resolves references
/// of the form <c>docs/FILE.md#anchor</c>: the file must exist and the anchor must be an explicit
/// <c>&lt;a id="…"&gt;</c> in it (the convention of docs/README.md) or the GitHub slug of one of its headings.
/// </summary>
internal static partial class RepositoryDocs
{
    private static readonly Dictionary<string, HashSet<string>> s_anchors = new(StringComparer.Ordinal);
    private static readonly Lock s_gate = new();

    /// <summary>The checkout the tests were built from.</summary>
    public static string Root { get; } = typeof(RepositoryDocs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Why <paramref name="reference"/> (<c>docs/FILE.md</c> or <c>docs/FILE.md#anchor</c>) does not resolve; null when it does.</summary>
    public static string? Problem(string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? reference : reference[..hash];
        var path = Path.Combine(Root, file.Replace('/', Path.DirectorySeparatorChar));
        if (!file.StartsWith("docs/", StringComparison.Ordinal) || !file.EndsWith(".md", StringComparison.Ordinal))
        {
            return $"{reference}: not a docs/*.md path";
        }

        if (!File.Exists(path))
        {
            return $"{reference}: {file} does not exist";
        }

        if (hash < 0)
        {
            return null;
        }

        var anchor = reference[(hash + 1)..];
        return AnchorsOf(path).Contains(anchor) ? null : $"{reference}: {file} has no anchor \"{anchor}\"";
    }

    /// <summary>The explicit ids and heading slugs of a Markdown file.</summary>
    public static HashSet<string> AnchorsOf(string path)
    {
        lock (s_gate)
        {
            if (s_anchors.TryGetValue(path, out var known))
            {
                return known;
            }

            var text = File.ReadAllText(path);
            var anchors = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match id in ExplicitId().Matches(text))
            {
                anchors.Add(id.Groups[1].Value);
            }

            foreach (Match heading in Heading().Matches(text))
            {
                anchors.Add(Slug(heading.Groups[1].Value));
            }

            s_anchors[path] = anchors;
            return anchors;
        }
    }

    // GitHub's heading anchors: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens.
    private static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex("""<a id="([^"]+)"></a>""")]
    private static partial Regex ExplicitId();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
